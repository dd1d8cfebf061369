import Foundation

/// What the article extractor found in an HTML page: the main text and the page's metadata.
public struct ExtractedArticle: Sendable, Equatable {
    /// The URL the page was fetched from, if known.
    public var url: String?
    /// `<link rel=canonical>`, `og:url` or JSON-LD `url`, made absolute.
    public var canonicalURL: String?
    public var title: String?
    /// The main text: paragraphs separated by a blank line; empty when none was found (see `problems`).
    public var text: String
    /// Author names, joined with "; " when several.
    public var author: String?
    public var published: Date?
    /// Seconds east of UTC that `published` was written in, when the page said (so that the calendar date the page
    /// meant can be shown).
    public var publishedUTCOffset: Int?
    public var modified: Date?
    /// BCP 47 language tag as the page declares it (`en`, `pt-BR`).
    public var language: String?
    public var siteName: String?
    /// The page's own summary (`og:description`, `description` meta).
    public var summary: String?
    /// Why the text is empty or doubtful, and decoding problems.
    public var problems: [String]

    public init(
        url: String? = nil, canonicalURL: String? = nil, title: String? = nil, text: String = "",
        author: String? = nil, published: Date? = nil, publishedUTCOffset: Int? = nil, modified: Date? = nil,
        language: String? = nil,
        siteName: String? = nil, summary: String? = nil, problems: [String] = []
    ) {
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.text = text
        self.author = author
        self.published = published
        self.publishedUTCOffset = publishedUTCOffset
        self.modified = modified
        self.language = language
        self.siteName = siteName
        self.summary = summary
        self.problems = problems
    }

    /// The `vigil parse` line for this article.
    public func json(source: String) -> JSONValue {
        .object([
            ("kind", .string("article")), ("source", .string(source)), ("url", .string(url)),
            ("canonical_url", .string(canonicalURL)), ("title", .string(title)), ("text", .string(text)),
            ("author", .string(author)),
            (
                "published",
                published.map { .string(PageDate(date: $0, utcOffset: publishedUTCOffset).rfc3339) } ?? .null
            ), ("modified", .date(modified)),
            ("language", .string(language)), ("site_name", .string(siteName)),
            ("problems", .array(problems.map(JSONValue.string))),
        ])
    }
}
