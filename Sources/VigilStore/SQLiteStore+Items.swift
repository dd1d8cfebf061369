import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    /// URL of the one feed row holding every inbox item. A single row, rather than one per inbox file, lets the
    /// per-feed identity indexes catch an article dropped twice in different files (same guid, link, or
    /// content hash). Each item keeps its file in `items.source`. Consequence for the inbox reader: a JSON Lines
    /// `id` is an identity across all inbox files, so a file whose ids are only local (1, 2, 3...) should not
    /// pass them as guids. Not an http(s) URL, so it can never collide with a configured feed.
    public static let inboxURL = "inbox"

    /// Stores one poll: the feed's validators (replaced only by a fetched document, kept on 304 and failures),
    /// its health and next poll time, and the document's new items, in one transaction. A poll for an unknown
    /// URL creates its feed row.
    ///
    /// Health: `last_error` and `last_error_at` describe the latest failure and are kept after the feed
    /// recovers (`consecutive_failures` says whether it is healthy); `last_status` is the latest poll's, nil
    /// when that transfer failed without a response.
    public func recordPoll(_ record: PollRecord) async throws -> StoreResult {
        try await write { db in
            var feed = try Self.findOrCreateFeed(db, url: record.feedURL, kind: .feed, now: record.polledAt)
            feed.lastPolledAt = record.polledAt
            feed.consecutiveFailures = record.consecutiveFailures
            feed.nextPollAt = record.nextPollAt
            var items: [NewItem] = []
            switch record.outcome {
            case .fetched(let status, let etag, let lastModified, let fetched):
                // The validators describe the representation just received, even when it has none.
                feed.etag = etag
                feed.lastModified = lastModified
                feed.lastStatus = status
                feed.lastSuccessAt = record.polledAt
                items = fetched
            case .notModified:
                feed.lastStatus = 304
                feed.lastSuccessAt = record.polledAt
            case .failed(let message, let status):
                feed.lastStatus = status
                feed.lastError = message
                feed.lastErrorAt = record.polledAt
            }
            try feed.update(db)
            return try Self.insert(items, feedID: feed.id, source: nil, firstSeenAt: record.polledAt, db)
        }
    }

    /// Stores items from the inbox file `source` under the inbox row (see `inboxURL`), skipping items already
    /// stored from any inbox file.
    public func storeInboxItems(_ items: [NewItem], source: String, at: Date) async throws -> StoreResult {
        try await write { db in
            var inbox = try Self.findOrCreateFeed(db, url: Self.inboxURL, kind: .inbox, name: "Inbox", now: at)
            inbox.lastPolledAt = at
            inbox.lastSuccessAt = at
            try inbox.update(db)
            return try Self.insert(items, feedID: inbox.id, source: source, firstSeenAt: at, db)
        }
    }

    /// Inserts the items that are not duplicates, in input order, with a pending page row for those that want
    /// their page and have a link. A duplicate inside the batch counts as a duplicate too.
    private static func insert(
        _ items: [NewItem], feedID: Int64?, source: String?, firstSeenAt: Date, _ db: Database
    ) throws -> StoreResult {
        guard let feedID else {
            preconditionFailure("feed row without an id after insert")
        }
        var result = StoreResult()
        for item in items {
            let record = ItemRecord(feedID: feedID, source: source, item: item, firstSeenAt: firstSeenAt)
            guard let itemID = try record.insertUnlessDuplicate(db) else {
                result.duplicates += 1
                continue
            }
            result.insertedItemIDs.append(itemID)
            if record.wantsPage, let link = record.link {
                try ItemPageRecord(itemID: itemID, url: link).insert(db)
            }
        }
        return result
    }

    /// Stored items of the feed at `feedURL` (or of every source when nil), most recently stored first.
    ///
    /// `feedURL` may also be an inbox source name (`inbox:report.jsonl`) to get that file's items; inbox items
    /// report their source name as `feedURL`. Page bodies are inflated only when `includePageBody` is true.
    public func items(feedURL: String?, limit: Int, includePageBody: Bool) async throws -> [StoredItem] {
        let bodyColumns =
            includePageBody
            ? "item_pages.body AS page_body, item_pages.body_size AS page_body_size"
            : "NULL AS page_body, NULL AS page_body_size"
        let rows = try await read { db -> [ItemRow] in
            var filter = ""
            var arguments: StatementArguments = []
            if let feedURL {
                let feedID = try Int64.fetchOne(db, sql: "SELECT id FROM feeds WHERE url = ?", arguments: [feedURL])
                if let feedID {
                    filter = "WHERE items.feed_id = ?"
                    arguments += [feedID]
                } else {
                    filter = "WHERE items.source = ?"
                    arguments += [feedURL]
                }
            }
            arguments += [max(limit, 0)]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT items.*, feeds.url AS feed_url, item_pages.status AS page_status, \(bodyColumns)
                    FROM items
                    JOIN feeds ON feeds.id = items.feed_id
                    LEFT JOIN item_pages ON item_pages.item_id = items.id
                    \(filter)
                    ORDER BY items.first_seen_at DESC, items.id DESC
                    LIMIT ?
                    """,
                arguments: arguments)
            return try rows.map { row in
                ItemRow(
                    record: try ItemRecord(row: row), feedURL: row["feed_url"], pageStatus: row["page_status"],
                    pageBody: row["page_body"], pageBodySize: row["page_body_size"])
            }
        }
        // Inflate outside the database access, so a reader connection is not held while decompressing.
        return try rows.map { row in
            let record = row.record
            let itemID = record.id ?? 0
            let body = try row.pageBody.map { try inflatePage($0, expectedSize: row.pageBodySize, itemID: itemID) }
            return StoredItem(
                id: itemID, feedURL: record.source ?? row.feedURL, guid: record.guid, link: record.link,
                canonicalURL: record.canonicalURL, title: record.title, text: record.text,
                contentHash: record.contentHash, published: record.published, firstSeenAt: record.firstSeenAt,
                pageStatus: row.pageStatus, pageBody: body)
        }
    }

    /// Number of stored items, over every feed and the inbox.
    public func itemCount() async throws -> Int {
        try await read { db in try ItemRecord.fetchCount(db) }
    }

    public func itemCount(firstSeenSince since: Date) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE first_seen_at >= ?", arguments: [since]) ?? 0
        }
    }
}

/// What `items(feedURL:limit:includePageBody:)` reads, carried out of the database access.
private struct ItemRow: Sendable {
    var record: ItemRecord
    var feedURL: String
    var pageStatus: Int?
    var pageBody: Data?
    var pageBodySize: Int?
}
