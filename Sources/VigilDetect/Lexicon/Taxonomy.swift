import VigilCore

/// One trigger phrase found in the text: a word or phrase that names an attack ("suicide bomber", "gunmen
/// stormed", "drone strike").
public struct EventHit: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var eventType: String
    public var subtype: String?
    /// Higher is more specific; when several match, the most specific wins.
    public var specificity: Int
}

/// Every trigger found in a document.
public struct EventMentions: Sendable {
    public var hits: [EventHit] = []
}

/// The event type chosen for an incident, with its subtype, suicide flag and targets.
public struct EventClassification: Sendable {
    public var eventType: String?
    public var subtype: String?
    public var suicide: Bool?
    public var targets: [String] = []
    public var evidence: [Detection.Evidence] = []
}

/// The event taxonomy (ACLED/GTD-aligned event types and subtypes with their trigger lexicons, and target types),
/// compiled from `taxonomy.yaml`.
public struct Taxonomy: Sendable {
    /// PLACEHOLDER: compiles nothing yet.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> Taxonomy {
        Taxonomy()
    }

    /// PLACEHOLDER.
    func findEvents(in context: AnalysisContext) -> EventMentions { EventMentions() }

    /// PLACEHOLDER.
    func classify(_ events: EventMentions, anchors: [Int], in context: AnalysisContext) -> EventClassification {
        EventClassification()
    }
}
