import Foundation

/// What the incident detector says about one article: whether it reports a security incident (or a roundup of
/// many), and who, where, what, when and how many, each with the text it came from.
public struct Detection: Sendable, Equatable {
    /// Why an article is or is not an incident.
    public enum Kind: String, Sendable, CaseIterable {
        case incident, roundup, threat, anniversary, trial
        case counterTerror = "counter_terror"
        case metaphor, cyber, political
        case crimeAccident = "crime_accident"
        case other
    }

    /// How the article ties the actor to the attack.
    public enum Attribution: String, Sendable {
        /// The group (or someone for it) claimed responsibility.
        case claimed
        /// Officials or others blamed or suspected the group.
        case suspected
        /// The actor is named but the article does not say how it is tied to the attack.
        case unknown
    }

    /// A casualty figure: the best value, and bounds when the text gives them ("at least 30", "up to 40").
    public struct Figure: Sendable, Equatable {
        public var value: Int
        public var low: Int?
        public var high: Int?

        public init(value: Int, low: Int? = nil, high: Int? = nil) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// The span of text a field came from. Offsets count Unicode scalars in `title + "\n\n" + text`.
    public struct Evidence: Sendable, Equatable {
        public var field: String
        public var text: String
        public var start: Int
        public var end: Int

        public init(field: String, text: String, start: Int, end: Int) {
            self.field = field
            self.text = text
            self.start = start
            self.end = end
        }
    }

    /// A count of attacks over a period reported by the article, with the earlier count it is compared with.
    public struct Roundup: Sendable, Equatable {
        public var actor: String?
        public var country: String?
        public var count: Int
        /// Inclusive month range `YYYY-MM/YYYY-MM`.
        public var period: String
        public var previousCount: Int?
        public var previousPeriod: String?

        public init(
            actor: String? = nil, country: String? = nil, count: Int, period: String, previousCount: Int? = nil,
            previousPeriod: String? = nil
        ) {
            self.actor = actor
            self.country = country
            self.count = count
            self.period = period
            self.previousCount = previousCount
            self.previousPeriod = previousPeriod
        }
    }

    /// The article's id (from the input), if any.
    public var id: String?
    public var kind: Kind
    public var isIncident: Bool { kind == .incident }
    /// How sure the detector is of `kind`, 0–1.
    public var confidence: Double
    /// Taxonomy event type (`bombing`, `armed_assault`, ...).
    public var eventType: String?
    /// The most specific subtype found (`suicide_bombing`, `ambush`, ...).
    public var subtype: String?
    public var suicide: Bool?
    /// Canonical actor name from the actor dictionary.
    public var actor: String?
    public var attribution: Attribution?
    /// ISO 3166-1 alpha-2 code of where it happened.
    public var country: String?
    public var place: String?
    public var killed: Figure?
    public var wounded: Figure?
    /// `YYYY-MM-DD`, resolved against the publication date.
    public var eventDate: String?
    /// GTD-style target types (`police`, `military`, `civilians`, ...).
    public var targets: [String]
    public var roundup: Roundup?
    public var evidence: [Evidence]
    /// Id shared by every article that reports the same incident (set by clustering).
    public var incident: String?

    public init(
        id: String? = nil, kind: Kind = .other, confidence: Double = 0, eventType: String? = nil,
        subtype: String? = nil, suicide: Bool? = nil, actor: String? = nil, attribution: Attribution? = nil,
        country: String? = nil, place: String? = nil, killed: Figure? = nil, wounded: Figure? = nil,
        eventDate: String? = nil, targets: [String] = [], roundup: Roundup? = nil, evidence: [Evidence] = [],
        incident: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.confidence = confidence
        self.eventType = eventType
        self.subtype = subtype
        self.suicide = suicide
        self.actor = actor
        self.attribution = attribution
        self.country = country
        self.place = place
        self.killed = killed
        self.wounded = wounded
        self.eventDate = eventDate
        self.targets = targets
        self.roundup = roundup
        self.evidence = evidence
        self.incident = incident
    }
}

extension Detection {
    /// The `vigil analyze` object.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id)), ("is_incident", .bool(isIncident)), ("kind", .string(kind.rawValue)),
            ("confidence", .double((confidence * 1000).rounded() / 1000)), ("event_type", .string(eventType)),
            ("subtype", .string(subtype)), ("suicide", suicide.map(JSONValue.bool) ?? .null),
            ("actor", .string(actor)), ("actor_attribution", .string(attribution?.rawValue)),
            ("country", .string(country)), ("place", .string(place)),
            ("killed", .int(killed?.value)), ("killed_low", .int(killed?.low)), ("killed_high", .int(killed?.high)),
            ("wounded", .int(wounded?.value)), ("wounded_low", .int(wounded?.low)),
            ("wounded_high", .int(wounded?.high)), ("event_date", .string(eventDate)),
            ("targets", .array(targets.map(JSONValue.string))),
        ]
        if let roundup {
            pairs.append(
                (
                    "roundup",
                    .object([
                        ("actor", .string(roundup.actor)), ("country", .string(roundup.country)),
                        ("count", .int(roundup.count)), ("period", .string(roundup.period)),
                        ("previous_count", .int(roundup.previousCount)),
                        ("previous_period", .string(roundup.previousPeriod)),
                    ])
                ))
        } else {
            pairs.append(("roundup", .null))
        }
        pairs.append(
            (
                "evidence",
                .array(
                    evidence.map {
                        .object([
                            ("field", .string($0.field)), ("text", .string($0.text)), ("start", .int($0.start)),
                            ("end", .int($0.end)),
                        ])
                    })
            ))
        if let incident { pairs.append(("incident", .string(incident))) }
        return .object(pairs)
    }
}

extension Detection: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, kind, confidence, eventType = "event_type", subtype, suicide, actor, attribution = "actor_attribution"
        case country, place, killed, wounded, eventDate = "event_date", targets, roundup, evidence, incident
    }
}

extension Detection.Kind: Codable {}
extension Detection.Attribution: Codable {}
extension Detection.Figure: Codable {}
extension Detection.Evidence: Codable {}

extension Detection.Roundup: Codable {
    private enum CodingKeys: String, CodingKey {
        case actor, country, count, period, previousCount = "previous_count", previousPeriod = "previous_period"
    }
}
