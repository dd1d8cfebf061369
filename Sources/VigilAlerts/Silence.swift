/// A muted matcher: alerts whose key matches are still recorded, marked `silenced_by`, but not sent.
public struct Silence: Codable, Sendable, Equatable {
    /// Actor to match; nil matches any.
    public var actor: String?
    /// Country code to match; nil matches any.
    public var country: String?
    /// Event type to match; nil matches any.
    public var eventType: String?
    /// Last day (inclusive) the silence applies.
    public var until: Int
    /// Why, as written by the analyst; copied into `silenced_by`.
    public var reason: String

    /// A silence; nil matchers match anything.
    public init(actor: String? = nil, country: String? = nil, eventType: String? = nil, until: Int, reason: String) {
        self.actor = actor
        self.country = country
        self.eventType = eventType
        self.until = until
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case actor, country
        case eventType = "event_type"
        case until, reason
    }

    /// Decodes `until` from "YYYY-MM-DD".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actor = try c.decodeIfPresent(String.self, forKey: .actor)
        country = try c.decodeIfPresent(String.self, forKey: .country)
        eventType = try c.decodeIfPresent(String.self, forKey: .eventType)
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        let text = try c.decode(String.self, forKey: .until)
        guard let day = DayNumber.parse(isoDate: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .until, in: c, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        until = day
    }

    /// Encodes `until` as "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(actor, forKey: .actor)
        try c.encodeIfPresent(country, forKey: .country)
        try c.encodeIfPresent(eventType, forKey: .eventType)
        try c.encode(DayNumber.isoDate(until), forKey: .until)
        try c.encode(reason, forKey: .reason)
    }

    /// Whether every matcher given equals the key's field (case-insensitively); a key's "all" field matches
    /// only a silence that leaves that matcher out.
    public func matches(_ key: AlertKey) -> Bool {
        func same(_ matcher: String?, _ value: String?) -> Bool {
            guard let matcher else { return true }
            guard let value else { return false }
            return matcher.lowercased() == value.lowercased()
        }
        return same(actor, key.actor) && same(country, key.country) && same(eventType, key.eventType)
    }

    /// Whether the silence is still in force on `day`.
    public func isActive(on day: Int) -> Bool { day <= until }
}

/// The silences of the config folder's silence file.
public struct SilenceList: Sendable, Equatable {
    /// The silences, in file order.
    public var silences: [Silence]

    /// A list of silences (empty by default).
    public init(_ silences: [Silence] = []) { self.silences = silences }

    /// The first silence in force on `day` that matches `key`.
    public func silence(for key: AlertKey, on day: Int) -> Silence? {
        silences.first { $0.isActive(on: day) && $0.matches(key) }
    }

    /// Builds the list from entries already read from YAML (a sequence of string maps with `actor`, `country`,
    /// `event_type`, `until`, `reason`), collecting every problem as "FILE: silence N: reason" rather than
    /// stopping at the first. Entries with problems are left out.
    public static func parse(_ entries: [[String: String]], file: String) -> (list: SilenceList, problems: [String]) {
        var silences: [Silence] = []
        var problems: [String] = []
        let known: Set<String> = ["actor", "country", "event_type", "until", "reason"]
        for (index, entry) in entries.enumerated() {
            var entryProblems: [String] = []
            for field in entry.keys.sorted() where !known.contains(field) {
                entryProblems.append("unknown field '\(field)'")
            }
            func value(_ field: String) -> String? {
                guard let text = entry[field]?.trimmingSpaces, !text.isEmpty else { return nil }
                return text
            }
            let until = value("until").flatMap(DayNumber.parse(isoDate:))
            if value("until") == nil {
                entryProblems.append("'until' is required")
            } else if until == nil {
                entryProblems.append("'until' must be a date YYYY-MM-DD")
            }
            if value("reason") == nil { entryProblems.append("'reason' is required") }
            if value("actor") == nil && value("country") == nil && value("event_type") == nil {
                entryProblems.append("needs at least one of actor, country, event_type (it would silence everything)")
            }
            if let country = value("country"), country.count != 2 {
                entryProblems.append("'country' must be a two-letter code")
            }
            if let until, let reason = value("reason"), entryProblems.isEmpty {
                silences.append(
                    Silence(
                        actor: value("actor"), country: value("country")?.uppercased(), eventType: value("event_type"),
                        until: until, reason: reason))
            }
            problems += entryProblems.map { "\(file): silence \(index + 1): \($0)" }
        }
        return (SilenceList(silences), problems)
    }
}
