import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    /// Attempts after which a page that keeps failing is given up on (the pipeline's retry limit).
    static let pageAttemptsBeforeGivingUp = 3

    public func itemsToAnalyze(olderThan version: Int, afterItemID: Int64, limit: Int) async throws -> [AnalysisItem] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT items.id, items.title, items.text, items.published, items.first_seen_at,
                        item_articles.title AS article_title, item_articles.text AS article_text,
                        item_articles.published AS article_published
                    FROM items
                    LEFT JOIN item_pages ON item_pages.item_id = items.id
                    LEFT JOIN item_articles ON item_articles.item_id = items.id
                    LEFT JOIN item_detections ON item_detections.item_id = items.id
                    WHERE items.id > ?
                        AND (item_detections.item_id IS NULL OR item_detections.detector_version < ?)
                        AND (item_pages.item_id IS NULL OR item_pages.done OR item_pages.attempts >= ?)
                    ORDER BY items.id
                    LIMIT ?
                    """,
                arguments: [afterItemID, version, Self.pageAttemptsBeforeGivingUp, max(limit, 0)]
            ).map { row in
                let best = Self.bestText(row)
                return AnalysisItem(itemID: row["id"], title: best.title, text: best.text, published: best.published)
            }
        }
    }

    /// An item's best text from a row joining `items` and `item_articles` (columns `title`, `text`,
    /// `published`, `first_seen_at`, `article_title`, `article_text`, `article_published`): the extracted
    /// article when there is one, else the feed's text; the article's date, else the item's, else first seen.
    static func bestText(_ row: Row) -> (title: String?, text: String, published: Date?) {
        let articleText: String? = row["article_text"]
        let useArticle = !(articleText ?? "").isEmpty
        let articleTitle: String? = row["article_title"]
        let itemTitle: String? = row["title"]
        let itemText: String? = row["text"]
        let articlePublished: Date? = row["article_published"]
        let itemPublished: Date? = row["published"]
        let firstSeen: Date? = row["first_seen_at"]
        return (
            (useArticle ? articleTitle : nil) ?? itemTitle, useArticle ? (articleText ?? "") : (itemText ?? ""),
            articlePublished ?? itemPublished ?? firstSeen
        )
    }

    public func recordDetection(itemID: Int64, detection: Detection, detectorVersion: Int, at: Date) async throws {
        let result = String(decoding: try JSONEncoder().encode(detection), as: UTF8.self)
        let path = displayPath
        try await write { db in
            guard try ItemRecord.exists(db, key: itemID) else {
                throw StoreError(.unknownItem, path: path, message: "no item \(itemID) to store a detection for")
            }
            try db.execute(
                sql: """
                    INSERT INTO item_detections (item_id, detector_version, analyzed_at, is_incident, kind, confidence,
                        event_type, actor, country, place, killed, wounded, event_date, result)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (item_id) DO UPDATE SET
                        detector_version = excluded.detector_version, analyzed_at = excluded.analyzed_at,
                        is_incident = excluded.is_incident, kind = excluded.kind, confidence = excluded.confidence,
                        event_type = excluded.event_type, actor = excluded.actor, country = excluded.country,
                        place = excluded.place, killed = excluded.killed, wounded = excluded.wounded,
                        event_date = excluded.event_date, result = excluded.result
                    """,
                arguments: [
                    itemID, detectorVersion, at, detection.isIncident, detection.kind.rawValue, detection.confidence,
                    detection.eventType, detection.actor, detection.country, detection.place, detection.killed?.value,
                    detection.wounded?.value, detection.eventDate, result,
                ])
        }
    }

    public func detection(itemID: Int64) async throws -> Detection? {
        let path = displayPath
        let text = try await read { db in
            try String.fetchOne(db, sql: "SELECT result FROM item_detections WHERE item_id = ?", arguments: [itemID])
        }
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode(Detection.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptData, path: path, message: "detection of item \(itemID): \(error)")
        }
    }
}
