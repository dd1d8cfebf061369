import Foundation
import GRDB
import VigilCore

/// A row of `items`: one stored item of a feed or of the inbox.
struct ItemRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "items"

    var id: Int64?
    var feedID: Int64
    /// The inbox file the item came from (`inbox:<file name>`); nil for feed items.
    var source: String?
    var guid: String?
    var link: String?
    /// Identity of the link: the item's canonical URL, or its link when it has none.
    var canonicalURL: String?
    var contentHash: String
    var title: String?
    var summary: String?
    var content: String?
    var text: String?
    var author: String?
    var published: Date?
    var updated: Date?
    /// Stored as a JSON array of strings.
    var tags: [String]
    var firstSeenAt: Date
    var wantsPage: Bool

    enum CodingKeys: String, CodingKey {
        case id
        case feedID = "feed_id"
        case source, guid, link
        case canonicalURL = "canonical_url"
        case contentHash = "content_hash"
        case title, summary, content, text, author, published, updated, tags
        case firstSeenAt = "first_seen_at"
        case wantsPage = "wants_page"
    }

    /// The row for `item`, with its identity fields cleaned: blank guids and links count as absent (a blank guid
    /// would make every item of a feed "the same"), and a missing canonical URL falls back to the link,
    /// normalised when it is an http(s) URL, so that the link still identifies the item.
    init(feedID: Int64, source: String?, item: NewItem, firstSeenAt: Date) {
        let link = Self.nonBlank(item.link)
        self.id = nil
        self.feedID = feedID
        self.source = source
        self.guid = Self.nonBlank(item.guid)
        self.link = link
        self.canonicalURL = Self.nonBlank(item.canonicalURL) ?? link.map { CanonicalURL.normalize($0) ?? $0 }
        self.contentHash = item.contentHash
        self.title = item.title
        self.summary = item.summary
        self.content = item.content
        self.text = item.text
        self.author = item.author
        self.published = item.published
        self.updated = item.updated
        self.tags = item.tags
        self.firstSeenAt = firstSeenAt
        self.wantsPage = item.wantsPage
    }

    private static func nonBlank(_ string: String?) -> String? {
        guard let string, !string.allSatisfy(\.isWhitespace) else { return nil }
        return string
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// `ON CONFLICT DO NOTHING` skips only uniqueness conflicts (the identity indexes). Unlike `INSERT OR IGNORE`
    /// it still fails on a NOT NULL or CHECK violation, so a broken item is an error, never a silent "duplicate".
    private static let insertSQL = """
        INSERT INTO items (
            feed_id, source, guid, link, canonical_url, content_hash, title, summary, content, text, author,
            published, updated, tags, first_seen_at, wants_page)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING
        RETURNING id
        """

    /// Inserts the item unless one with the same identity is already stored in its feed.
    /// Returns the new row id, or nil for a duplicate.
    func insertUnlessDuplicate(_ db: Database) throws -> Int64? {
        let tagsJSON = String(decoding: try JSONEncoder().encode(tags), as: UTF8.self)
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let arguments: StatementArguments = [
            feedID, source, guid, link, canonicalURL, contentHash, title, summary, content, text, author,
            published, updated, tagsJSON, firstSeenAt, wantsPage,
        ]
        return try Int64.fetchOne(statement, arguments: arguments)
    }
}
