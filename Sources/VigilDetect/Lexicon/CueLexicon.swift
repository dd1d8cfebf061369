import VigilCore

/// One phrase that points to a kind of article other than an incident report.
public struct CueHit: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var kind: Detection.Kind
    public var weight: Double
}

/// Every cue found in a document.
public struct CueHits: Sendable {
    public var hits: [CueHit] = []
}

/// Phrases marking threats, anniversaries, trials, counter-terrorism operations, metaphors, cyber attacks,
/// politics and accidents or ordinary crime, compiled from `cues.yaml`.
public struct CueLexicon: Sendable {
    /// PLACEHOLDER.
    static func compile(yaml: String, file: String, problems: inout [ConfigProblem]) -> CueLexicon { CueLexicon() }

    /// PLACEHOLDER.
    func find(in context: AnalysisContext) -> CueHits { CueHits() }
}
