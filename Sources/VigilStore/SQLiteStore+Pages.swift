import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    /// Largest page body the store inflates, whatever a row claims: a guard against corrupt or hostile rows.
    static let maxInflatedPageSize = 256 * 1024 * 1024

    /// Pages of `feedURL`'s items still to fetch (not stored, not failed permanently, fewer than `maxAttempts`
    /// attempts), oldest item first.
    public func pendingPages(feedURL: String, maxAttempts: Int, limit: Int) async throws -> [PendingPage] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT item_pages.item_id, item_pages.url, item_pages.attempts
                    FROM item_pages
                    JOIN items ON items.id = item_pages.item_id
                    JOIN feeds ON feeds.id = items.feed_id
                    WHERE feeds.url = ? AND item_pages.done = 0 AND item_pages.attempts < ?
                    ORDER BY items.first_seen_at, items.id
                    LIMIT ?
                    """,
                arguments: [feedURL, maxAttempts, max(limit, 0)])
            return rows.map { row in PendingPage(itemID: row["item_id"], url: row["url"], attempts: row["attempts"]) }
        }
    }

    /// Stores a fetched page (body gzip-compressed) or records a failed attempt; a permanent failure, like a
    /// stored page, is never pending again. Every call counts as one attempt. A page may be recorded for an
    /// item that did not ask for one; an unknown item id is a `StoreError` (`unknownItem`).
    public func recordPage(_ record: PageRecord) async throws {
        // Compress before taking the write lock: a large page should not hold up other writers.
        var compressed: Data?
        if case .fetched(_, _, _, let body) = record.outcome {
            do {
                compressed = Data(try Compression.gzip(body))
            } catch {
                throw StoreError(
                    .operationFailed, path: displayPath,
                    message: "cannot compress the page of item \(record.itemID): \(error)")
            }
        }
        let path = displayPath
        try await write { [compressed] db in
            guard let item = try ItemRecord.fetchOne(db, key: record.itemID) else {
                throw StoreError(.unknownItem, path: path, message: "no item \(record.itemID) to store a page for")
            }
            var page =
                try ItemPageRecord.fetchOne(db, key: record.itemID)
                ?? ItemPageRecord(itemID: record.itemID, url: item.link ?? "")
            page.attempts += 1
            page.lastAttemptAt = record.fetchedAt
            switch record.outcome {
            case .fetched(let status, let finalURL, let contentType, let body):
                if page.url.isEmpty { page.url = finalURL }
                page.finalURL = finalURL
                page.status = status
                page.contentType = contentType
                page.fetchedAt = record.fetchedAt
                page.body = compressed
                page.bodyEncoding = ItemPageRecord.gzipEncoding
                page.bodySize = body.count
                page.lastError = nil
                page.done = true
            case .failed(let message, let permanent):
                page.lastError = message
                page.done = page.done || permanent
            }
            try page.save(db)
        }
    }

    /// The body of a stored page, inflated no further than it was stored.
    func inflatePage(_ compressed: Data, expectedSize: Int?, itemID: Int64) throws -> [UInt8] {
        let limit = min(expectedSize ?? Self.maxInflatedPageSize, Self.maxInflatedPageSize)
        do {
            return try Compression.inflate([UInt8](compressed), maxSize: limit)
        } catch {
            throw StoreError(.corruptData, path: displayPath, message: "page body of item \(itemID): \(error)")
        }
    }
}
