import VigilCore

/// A count of attacks over a period, if the article states one.
public struct RoundupFinding: Sendable {
    /// Actor and country are filled in later by the actor and place stages.
    public var roundup: Detection.Roundup?
    public var anchors: [Int] = []
    public var evidence: [Detection.Evidence] = []
}

/// Finds statements like "carried out 119 attacks in the first four months of this year, up from 39".
enum RoundupExtractor {
    /// PLACEHOLDER.
    static func extract(_ context: AnalysisContext, numbers: [NumberMention]) -> RoundupFinding { RoundupFinding() }
}
