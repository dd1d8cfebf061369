/// What a tally and its alerts are about: an actor, a country, an event type, each optional (nil = all).
public struct AlertKey: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The actor's canonical name; nil for all actors.
    public var actor: String?
    /// ISO 3166-1 alpha-2 country code; nil for all countries.
    public var country: String?
    /// Event type code; nil for all types.
    public var eventType: String?

    /// A key; nil fields mean "all".
    public init(actor: String? = nil, country: String? = nil, eventType: String? = nil) {
        self.actor = actor
        self.country = country
        self.eventType = eventType
    }

    enum CodingKeys: String, CodingKey {
        case actor, country
        case eventType = "event_type"
    }

    /// Encodes every field, nil ones as `null`, so each record has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(actor, forKey: .actor)
        try c.encode(country, forKey: .country)
        try c.encode(eventType, forKey: .eventType)
    }

    /// "Islamic State Khorasan Province / AF / all types".
    public var description: String {
        "\(actor ?? "all actors") / \(country ?? "all countries") / \(eventType ?? "all types")"
    }

    /// The broader key a key with too little history borrows its baseline from: actor × country (× type) →
    /// country (× type), then a typed key → its untyped one; nil for a key with nothing broader to borrow from.
    public var parent: AlertKey? {
        if actor != nil && country != nil { return AlertKey(actor: nil, country: country, eventType: eventType) }
        if eventType != nil && (actor != nil || country != nil) {
            return AlertKey(actor: actor, country: country, eventType: nil)
        }
        return nil
    }

    /// "actor|country|type" with empty fields for nil: the key's identity in persisted state and fingerprints.
    public var storageKey: String { [actor ?? "", country ?? "", eventType ?? ""].joined(separator: "|") }
}
