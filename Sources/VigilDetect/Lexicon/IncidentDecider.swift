import VigilCore

/// Whether an article reports an incident, a roundup, or something else (and which).
public struct IncidentDecision: Sendable {
    public var kind: Detection.Kind = .other
    public var confidence: Double = 0
    /// Token indices of the triggers that describe the incident itself (used to find its place, actor, date).
    public var anchors: [Int] = []
    public var evidence: [Detection.Evidence] = []
}

/// Decides the article's kind from triggers, cues, casualty figures, roundup statements and places.
enum IncidentDecider {
    /// PLACEHOLDER: everything is `other`.
    static func decide(
        _ context: AnalysisContext, events: EventMentions, cues: CueHits, casualties: Casualties,
        roundup: RoundupFinding, places: PlaceMentions
    ) -> IncidentDecision {
        IncidentDecision()
    }
}
