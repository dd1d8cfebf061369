import Foundation

/// Synthetic article streams with known weekly incident rates per key, for replay tests: each incident is
/// reported by 1-3 articles written from interchangeable phrases (so that distinct incidents do not read alike).
struct SyntheticStream {
    struct Key {
        var actor: String
        var country: String
        var places: [String]
        /// Incidents per week before and after `riseDay` (days from the start).
        var rate: Double
        var riseRate: Double
        var riseDay: Int
    }

    /// A small deterministic generator (SplitMix64).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let weapons = [
        ("A bomb hidden in a parked car exploded", "car bomb"), ("A roadside bomb struck a vehicle", "roadside bomb"),
        ("Gunmen opened fire", "gun attack"), ("A suicide bomber blew himself up", "suicide bombing"),
        ("Militants stormed a checkpoint", "attack on a checkpoint"),
    ]
    static let targets = [
        "near a busy market", "outside a police station", "at a bus terminal", "close to a government office",
        "on the main road", "at a checkpoint on the edge of town", "near a mosque", "by a crowded tea shop",
    ]
    static let sources = ["police said", "officials said", "a local official told reporters", "witnesses said"]

    /// Poisson draw.
    static func poisson(_ mean: Double, _ generator: inout Generator) -> Int {
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &generator)
        var count = 0
        while product > limit {
            product *= Double.random(in: 0..<1, using: &generator)
            count += 1
        }
        return count
    }

    /// JSON Lines of articles over `days` days from `start`.
    static func articles(keys: [Key], days: Int, start: Date, seed: UInt64) -> String {
        var generator = Generator(state: seed)
        var lines: [String] = []
        var serial = 0
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        for day in 0..<days {
            for key in keys {
                let rate = day >= key.riseDay ? key.riseRate : key.rate
                for _ in 0..<poisson(rate / 7, &generator) {
                    serial += 1
                    let place = key.places[Int.random(in: 0..<key.places.count, using: &generator)]
                    let killed = Int.random(in: 2...60, using: &generator)
                    let wounded = killed + Int.random(in: 1...40, using: &generator)
                    let weapon = weapons[Int.random(in: 0..<weapons.count, using: &generator)]
                    let target = targets[Int.random(in: 0..<targets.count, using: &generator)]
                    let when = start.addingTimeInterval(Double(day) * 86_400 + Double(6 + serial % 10) * 3600)
                    let weekday = weekdays[(Calendar(identifier: .gregorian).component(.weekday, from: when) + 6) % 7]
                    for report in 0..<Int.random(in: 1...3, using: &generator) {
                        let source = sources[(serial + report) % sources.count]
                        let text =
                            "\(place.uppercased()) — \(weapon.0) \(target) in \(place) on \(weekday), killing "
                            + "\(killed) people and wounding \(wounded), \(source). \(key.actor) claimed "
                            + "responsibility for the \(weapon.1) in a statement."
                        let object: [String: Any] = [
                            "id": "s\(serial)-\(report)", "url": "https://outlet\(report).example/\(serial)",
                            "published": ISO8601DateFormatter().string(
                                from: when.addingTimeInterval(Double(report) * 3600)),
                            "title": "\(weapon.1.capitalized) kills \(killed) in \(place)", "text": text,
                        ]
                        let data =
                            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
                        lines.append(String(decoding: data, as: UTF8.self))
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
