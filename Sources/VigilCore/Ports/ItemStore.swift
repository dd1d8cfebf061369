import Foundation

/// The result of one poll of one feed, stored atomically: validators, health and new items commit together,
/// so a crash can never keep an ETag whose items were not stored.
public struct PollRecord: Sendable, Equatable {
    /// What the poll produced.
    public enum Outcome: Sendable, Equatable {
        /// A 2xx response was parsed; `items` are every entry of the document (duplicates are skipped by the store).
        case fetched(status: Int, etag: String?, lastModified: String?, items: [NewItem])
        /// 304: nothing changed.
        case notModified
        /// The transfer or the parse failed.
        case failed(message: String, status: Int?)
    }

    public var feedURL: String
    public var polledAt: Date
    public var outcome: Outcome
    /// Failures since the last success, after this poll.
    public var consecutiveFailures: Int
    public var nextPollAt: Date

    public init(feedURL: String, polledAt: Date, outcome: Outcome, consecutiveFailures: Int, nextPollAt: Date) {
        self.feedURL = feedURL
        self.polledAt = polledAt
        self.outcome = outcome
        self.consecutiveFailures = consecutiveFailures
        self.nextPollAt = nextPollAt
    }
}

/// What the store did with a batch of items.
public struct StoreResult: Sendable, Equatable {
    /// Row ids of the items stored for the first time, in input order.
    public var insertedItemIDs: [Int64]
    /// Items skipped because they were already stored (same guid, link or content hash).
    public var duplicates: Int

    public init(insertedItemIDs: [Int64] = [], duplicates: Int = 0) {
        self.insertedItemIDs = insertedItemIDs
        self.duplicates = duplicates
    }
}

/// An item whose linked page is still to be fetched.
public struct PendingPage: Sendable, Equatable {
    public var itemID: Int64
    public var url: String
    /// Fetch attempts so far.
    public var attempts: Int

    public init(itemID: Int64, url: String, attempts: Int) {
        self.itemID = itemID
        self.url = url
        self.attempts = attempts
    }
}

/// The outcome of fetching an item's linked page.
public struct PageRecord: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The page body (uncompressed; the store compresses it) and its metadata.
        case fetched(status: Int, finalURL: String, contentType: String?, body: [UInt8])
        /// The fetch failed; `permanent` stops further attempts (refused address, 404, too large...).
        case failed(message: String, permanent: Bool)
    }

    public var itemID: Int64
    public var fetchedAt: Date
    public var outcome: Outcome

    public init(itemID: Int64, fetchedAt: Date, outcome: Outcome) {
        self.itemID = itemID
        self.fetchedAt = fetchedAt
        self.outcome = outcome
    }
}

/// A stored item as read back (for status, tests and later pipeline stages).
public struct StoredItem: Sendable, Equatable {
    public var id: Int64
    public var feedURL: String
    public var guid: String?
    public var link: String?
    public var canonicalURL: String?
    public var title: String?
    public var text: String?
    public var contentHash: String
    public var published: Date?
    public var firstSeenAt: Date
    /// HTTP status of the stored page, when one was fetched.
    public var pageStatus: Int?
    /// Decompressed page body, when one was fetched and requested.
    public var pageBody: [UInt8]?

    public init(
        id: Int64, feedURL: String, guid: String?, link: String?, canonicalURL: String?, title: String?,
        text: String?, contentHash: String, published: Date?, firstSeenAt: Date, pageStatus: Int? = nil,
        pageBody: [UInt8]? = nil
    ) {
        self.id = id
        self.feedURL = feedURL
        self.guid = guid
        self.link = link
        self.canonicalURL = canonicalURL
        self.title = title
        self.text = text
        self.contentHash = contentHash
        self.published = published
        self.firstSeenAt = firstSeenAt
        self.pageStatus = pageStatus
        self.pageBody = pageBody
    }
}

/// The persistence port of the pipeline. SQLite implements it today; a shared PostgreSQL store may later.
/// Every method is atomic: it commits completely or not at all.
public protocol ItemStore: ArticleStore, DetectionStore, IncidentStore {
    /// Registers the configured feeds (new ones become due now), updates names, and marks feeds no longer
    /// configured as inactive without deleting their history.
    func syncFeeds(_ feeds: [FeedDefinition], now: Date) async throws

    /// Every known feed with its health, active ones first, in URL order.
    func feedStates() async throws -> [FeedState]

    /// One feed's state, or nil when unknown.
    func feedState(url: String) async throws -> FeedState?

    /// Stores one poll's outcome: validators, health, next poll and new items, in one transaction.
    func recordPoll(_ record: PollRecord) async throws -> StoreResult

    /// Stores items that did not come from a configured feed (inbox files), under a source name such as
    /// `inbox:<file name>`. Duplicates of already stored inbox items are skipped.
    func storeInboxItems(_ items: [NewItem], source: String, at: Date) async throws -> StoreResult

    /// Items of `feedURL` whose page is wanted and not yet stored, with fewer than `maxAttempts` failed attempts,
    /// oldest first.
    func pendingPages(feedURL: String, maxAttempts: Int, limit: Int) async throws -> [PendingPage]

    /// Stores a fetched page with its item, or records a failed attempt.
    func recordPage(_ record: PageRecord) async throws

    /// Stored items of a feed (or of every source when nil), newest first.
    func items(feedURL: String?, limit: Int, includePageBody: Bool) async throws -> [StoredItem]

    /// Number of stored items, over every source.
    func itemCount() async throws -> Int

    /// Number of items first seen at or after `since`, over every source (the daemon's status line).
    func itemCount(firstSeenSince since: Date) async throws -> Int
}
