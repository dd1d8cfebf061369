import Foundation

/// An item ready to be stored: derived from a feed entry or an inbox file, with its identity fields.
public struct NewItem: Sendable, Equatable {
    /// Feed-supplied identifier (RSS guid, Atom id, JSON Lines id); nil when the source has none.
    public var guid: String?
    /// Absolute link to the article page.
    public var link: String?
    /// The link normalised for identity (see `CanonicalURL`); the store treats equal values as the same item.
    public var canonicalURL: String?
    /// Plain-text title.
    public var title: String?
    /// Summary as the source's markup.
    public var summary: String?
    /// Full content as the source's markup, when the feed carries it.
    public var content: String?
    /// Plain text derived from the content (or summary), what later stages read.
    public var text: String?
    public var author: String?
    public var published: Date?
    public var updated: Date?
    public var tags: [String]
    /// Hash of the normalised title, link and text; identifies the item when the source has no guid.
    public var contentHash: String
    /// Whether the linked page should be fetched and stored with the item.
    public var wantsPage: Bool

    public init(
        guid: String? = nil, link: String? = nil, canonicalURL: String? = nil, title: String? = nil,
        summary: String? = nil,
        content: String? = nil, text: String? = nil, author: String? = nil, published: Date? = nil,
        updated: Date? = nil, tags: [String] = [], contentHash: String, wantsPage: Bool = false
    ) {
        self.guid = guid
        self.link = link
        self.canonicalURL = canonicalURL
        self.title = title
        self.summary = summary
        self.content = content
        self.text = text
        self.author = author
        self.published = published
        self.updated = updated
        self.tags = tags
        self.contentHash = contentHash
        self.wantsPage = wantsPage
    }
}

/// Content hashing for item identity: FNV-1a 64 over normalised text (lower-cased, whitespace collapsed).
public enum ContentHash {
    /// Hash of the parts joined by a separator, as 16 hex digits.
    public static func of(_ parts: [String?]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            var lastWasSpace = true
            for scalar in (part ?? "").lowercased().unicodeScalars {
                let isSpace = scalar.properties.isWhitespace
                if isSpace && lastWasSpace { continue }
                lastWasSpace = isSpace
                let value = isSpace ? 0x20 : scalar.value
                for shift in stride(from: 0, to: 32, by: 8) {
                    hash ^= UInt64((value >> UInt32(shift)) & 0xff)
                    hash = hash &* 0x100_0000_01b3
                }
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
