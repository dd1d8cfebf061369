import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    /// Registers the configured feeds: new ones become due at `now`, names follow the configuration, feeds
    /// no longer configured (or disabled) become inactive with their history kept, and feeds that come back
    /// are active again, keeping their health and validators.
    ///
    /// A URL listed twice is active when any of its definitions is enabled, and takes the first name given.
    /// Only rows of kind `feed` are touched: the inbox row is never deactivated.
    public func syncFeeds(_ feeds: [FeedDefinition], now: Date) async throws {
        var wanted: [String: (name: String?, active: Bool)] = [:]
        var order: [String] = []
        for feed in feeds {
            if let known = wanted[feed.url] {
                wanted[feed.url] = (known.name ?? feed.name, known.active || feed.enabled)
            } else {
                wanted[feed.url] = (feed.name, feed.enabled)
                order.append(feed.url)
            }
        }
        let configured = order.compactMap { url in wanted[url].map { (url: url, name: $0.name, active: $0.active) } }
        let configuredURLs = Set(order)

        try await write { db in
            var known: [String: FeedRecord] = [:]
            for record in try FeedRecord.fetchAll(db) {
                known[record.url] = record
            }
            for feed in configured {
                if var record = known[feed.url] {
                    guard record.kind == .feed, record.name != feed.name || record.active != feed.active else {
                        continue
                    }
                    record.name = feed.name
                    record.active = feed.active
                    try record.update(db)
                } else {
                    var record = FeedRecord(
                        url: feed.url, name: feed.name, kind: .feed, active: feed.active, nextPollAt: now,
                        createdAt: now)
                    try record.insert(db)
                }
            }
            for var record in known.values
            where record.kind == .feed && record.active && !configuredURLs.contains(record.url) {
                record.active = false
                try record.update(db)
            }
        }
    }

    /// Every configured feed (the inbox excluded: it is not polled) with its health and stored item count,
    /// active feeds first, then in URL order.
    public func feedStates() async throws -> [FeedState] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT feeds.*, (SELECT COUNT(*) FROM items WHERE items.feed_id = feeds.id) AS item_count
                    FROM feeds
                    WHERE kind = 'feed'
                    ORDER BY active DESC, url
                    """)
            return try rows.map { row in try FeedRecord(row: row).feedState(itemCount: row["item_count"]) }
        }
    }

    /// The state of the feed (or inbox row, url `inbox`) at `url`, or nil when unknown.
    public func feedState(url: String) async throws -> FeedState? {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT feeds.*, (SELECT COUNT(*) FROM items WHERE items.feed_id = feeds.id) AS item_count
                    FROM feeds
                    WHERE url = ?
                    """,
                arguments: [url])
            return try row.map { row in try FeedRecord(row: row).feedState(itemCount: row["item_count"]) }
        }
    }

    /// The row of `url`, inserted (active, due at `now`) when unknown.
    static func findOrCreateFeed(
        _ db: Database, url: String, kind: FeedRecord.Kind, name: String? = nil, now: Date
    ) throws -> FeedRecord {
        if let record = try FeedRecord.filter(Column("url") == url).fetchOne(db) {
            return record
        }
        var record = FeedRecord(
            url: url, name: name, kind: kind, active: true, nextPollAt: kind == .feed ? now : nil, createdAt: now)
        try record.insert(db)
        return record
    }
}
