/// Why bytes could not be read as a feed at all. A feed that is merely broken still parses: its problems are in
/// `FeedDocument.problems`.
public struct FeedParseError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case empty, html, binary, notXML, unknownFormat, invalidJSON
    }

    private let code: Code
    /// What was found instead of a feed.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The document is empty or only whitespace.
    public static let empty = FeedParseError(.empty, "the document is empty")
    /// The document is an HTML page, not a feed.
    public static let html = FeedParseError(.html, "the document is an HTML page, not a feed")
    /// The document is binary data.
    public static let binary = FeedParseError(.binary, "the document is binary data, not a feed")
    /// The document is not XML libxml2 could recover.
    public static let notXML = FeedParseError(.notXML, "the document is not XML")
    /// The document is XML or JSON, but not a feed format Vigil reads.
    public static let unknownFormat = FeedParseError(.unknownFormat, "the document is not a known feed format")
    /// The document looks like JSON but is not valid JSON.
    public static let invalidJSON = FeedParseError(.invalidJSON, "the document is not valid JSON")

    /// The same kind of error with a more specific message.
    func with(_ detail: String) -> FeedParseError {
        FeedParseError(code, message + ": " + detail)
    }

    /// Errors are equal when they are of the same kind, whatever their message.
    public static func == (lhs: FeedParseError, rhs: FeedParseError) -> Bool {
        lhs.code == rhs.code
    }

    /// The message.
    public var description: String { message }
}
