import Foundation
import GRDB

/// A row of `item_pages`: the linked page of one item, pending or fetched, with its body gzip-compressed.
struct ItemPageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "item_pages"

    /// `body_encoding` of a gzip-compressed body, the only encoding written today.
    static let gzipEncoding = "gzip"

    var itemID: Int64
    /// The page to fetch (the item's link).
    var url: String
    /// Where the fetch ended after redirects.
    var finalURL: String?
    var status: Int?
    var contentType: String?
    var fetchedAt: Date?
    /// The compressed body (see `bodyEncoding`).
    var body: Data?
    var bodyEncoding: String?
    /// Size of the body before compression.
    var bodySize: Int?
    /// Fetch attempts so far, successful or not.
    var attempts: Int
    var lastAttemptAt: Date?
    var lastError: String?
    /// No further fetch is wanted: the page is stored, or failed permanently.
    var done: Bool

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case url
        case finalURL = "final_url"
        case status
        case contentType = "content_type"
        case fetchedAt = "fetched_at"
        case body
        case bodyEncoding = "body_encoding"
        case bodySize = "body_size"
        case attempts
        case lastAttemptAt = "last_attempt_at"
        case lastError = "last_error"
        case done
    }

    /// A page still to be fetched.
    init(itemID: Int64, url: String) {
        self.itemID = itemID
        self.url = url
        self.finalURL = nil
        self.status = nil
        self.contentType = nil
        self.fetchedAt = nil
        self.body = nil
        self.bodyEncoding = nil
        self.bodySize = nil
        self.attempts = 0
        self.lastAttemptAt = nil
        self.lastError = nil
        self.done = false
    }
}
