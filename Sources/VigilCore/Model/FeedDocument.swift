import Foundation

/// The syndication format a feed document was recognised as, named as `vigil parse` prints it.
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss090, rss091, rss092, rss093, rss094, rss20, rss10, atom03, atom10, json10, json11
}

/// What Vigil sees in one feed document: feed-level metadata, its entries, and the problems met while parsing.
public struct FeedDocument: Sendable, Equatable {
    /// The recognised format; nil when the document is not a feed Vigil understands.
    public var format: FeedFormat?
    /// Feed title as plain text.
    public var title: String?
    /// The feed's home page (alternate) link, absolute when a base URL is known.
    public var link: String?
    /// RSS channel description, Atom subtitle or tagline, as the feed's markup.
    public var subtitle: String?
    public var language: String?
    /// The feed author's name as plain text.
    public var author: String?
    public var updated: Date?
    public var published: Date?
    /// False when the document is not well-formed (it may still have been recovered).
    public var wellFormed: Bool
    /// Human-readable problems met while parsing (recovered errors, unparseable dates, ...).
    public var problems: [String]
    public var entries: [FeedEntry]

    public init(
        format: FeedFormat? = nil, title: String? = nil, link: String? = nil, subtitle: String? = nil,
        language: String? = nil, author: String? = nil, updated: Date? = nil, published: Date? = nil,
        wellFormed: Bool = true, problems: [String] = [], entries: [FeedEntry] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.author = author
        self.updated = updated
        self.published = published
        self.wellFormed = wellFormed
        self.problems = problems
        self.entries = entries
    }
}

/// One item or entry of a feed document.
public struct FeedEntry: Sendable, Equatable {
    /// Atom `id`, RSS `guid`, JSON Feed `id`.
    public var id: String?
    /// The entry's main (alternate) link, absolute when a base URL is known.
    public var link: String?
    /// Title as plain text.
    public var title: String?
    /// Summary/description as the feed's markup (entities and CDATA decoded).
    public var summary: String?
    /// Full contents (Atom `content`, `content:encoded`, JSON `content_html`...) as markup, in document order.
    public var content: [String]
    /// Author name as plain text.
    public var author: String?
    public var published: Date?
    public var updated: Date?
    public var enclosures: [Enclosure]
    /// Category terms.
    public var tags: [String]

    public init(
        id: String? = nil, link: String? = nil, title: String? = nil, summary: String? = nil,
        content: [String] = [], author: String? = nil, published: Date? = nil, updated: Date? = nil,
        enclosures: [Enclosure] = [], tags: [String] = []
    ) {
        self.id = id
        self.link = link
        self.title = title
        self.summary = summary
        self.content = content
        self.author = author
        self.published = published
        self.updated = updated
        self.enclosures = enclosures
        self.tags = tags
    }
}

/// A media file attached to an entry (RSS `enclosure`, Atom `link rel="enclosure"`, JSON Feed attachment).
public struct Enclosure: Sendable, Equatable {
    public var href: String
    public var type: String?
    public var length: Int?

    public init(href: String, type: String? = nil, length: Int? = nil) {
        self.href = href
        self.type = type
        self.length = length
    }
}

/// The transport context a document came with: its URL and the HTTP headers that affect parsing.
public struct DocumentContext: Sendable, Equatable {
    /// The URL the document was fetched from (or a `file://` URL); the base for relative links.
    public var url: String?
    /// `Content-Type` header, whose charset overrides the document's own declaration.
    public var contentType: String?
    /// `Content-Location` header, resolved against `url`, which then becomes the base URI.
    public var contentLocation: String?
    /// `Content-Language` header: the default language.
    public var contentLanguage: String?

    public init(
        url: String? = nil, contentType: String? = nil, contentLocation: String? = nil,
        contentLanguage: String? = nil
    ) {
        self.url = url
        self.contentType = contentType
        self.contentLocation = contentLocation
        self.contentLanguage = contentLanguage
    }
}
