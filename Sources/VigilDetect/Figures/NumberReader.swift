/// A number written in the text: digits ("1,315"), words ("twelve", "a dozen"), vague amounts ("dozens").
public struct NumberMention: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var value: Int
    /// "dozens", "hundreds": an order of magnitude, not a count.
    public var vague: Bool
}

/// Reads numbers in a document.
enum NumberReader {
    /// PLACEHOLDER.
    static func read(_ context: AnalysisContext) -> [NumberMention] { [] }
}
