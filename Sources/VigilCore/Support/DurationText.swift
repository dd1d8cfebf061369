import Foundation

/// Durations and byte sizes as people write them in config files: `90s`, `15m`, `1h30m`, `2d`; `512KB`, `10MiB`.
public enum DurationText {
    /// Seconds in a `15m`-style duration; a bare number means seconds. Nil when the text is not a duration.
    public static func parse(_ text: String) -> TimeInterval? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !s.isEmpty else { return nil }
        if let seconds = Double(s), seconds.isFinite { return seconds }
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        var chars = Array(s)
        chars.removeAll { $0 == " " }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isNumber || c == "." {
                number.append(c)
                i += 1
                continue
            }
            var unit = ""
            while i < chars.count, chars[i].isLetter {
                unit.append(chars[i])
                i += 1
            }
            guard let value = Double(number), let scale = unitSeconds[unit] else { return nil }
            total += value * scale
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    private static let unitSeconds: [String: Double] = [
        "ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
        "d": 86400, "day": 86400, "days": 86400, "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// A compact rendering such as `15m`, `1h30m`, `45s`, `2d`.
    public static func format(_ seconds: TimeInterval) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        var rest = Int(seconds.rounded())
        var parts = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return parts.isEmpty ? "0s" : parts
    }

    /// Bytes in a size such as `10MB`, `512 KiB`, `1g`; a bare number means bytes. KB/MB/GB are powers of 1024.
    public static func parseBytes(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        guard let split = s.firstIndex(where: { !($0.isNumber || $0 == ".") }) else { return Int(s) }
        guard let value = Double(s[..<split]), value >= 0 else { return nil }
        let scale: Double
        switch String(s[split...]) {
        case "b": scale = 1
        case "k", "kb", "kib": scale = 1024
        case "m", "mb", "mib": scale = 1024 * 1024
        case "g", "gb", "gib": scale = 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = value * scale
        return bytes < Double(Int.max) ? Int(bytes) : nil
    }
}
