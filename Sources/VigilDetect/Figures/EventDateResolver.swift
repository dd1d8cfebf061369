import VigilCore

/// The date an incident happened.
public struct EventDate: Sendable {
    /// `YYYY-MM-DD`.
    public var date: String?
    public var evidence: [Detection.Evidence] = []
}

/// Resolves "on Monday", "late on Friday", "on March 3", "yesterday" against the publication time.
enum EventDateResolver {
    /// PLACEHOLDER.
    static func resolve(_ context: AnalysisContext, anchors: [Int]) -> EventDate { EventDate() }
}
