import VigilCore

/// The casualty figures of an article.
public struct Casualties: Sendable {
    public var killed: Detection.Figure?
    public var wounded: Detection.Figure?
    public var evidence: [Detection.Evidence] = []
    /// Token indices of the casualty statements (they anchor an incident when triggers are weak).
    public var anchors: [Int] = []
}

/// Extracts killed and wounded figures.
enum CasualtyExtractor {
    /// PLACEHOLDER.
    static func extract(_ context: AnalysisContext, numbers: [NumberMention]) -> Casualties { Casualties() }
}
