import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    public func recordArticle(itemID: Int64, article: ExtractedArticle, extractorVersion: Int, at: Date)
        async throws
    {
        let problems = String(decoding: try JSONEncoder().encode(article.problems), as: UTF8.self)
        let path = displayPath
        try await write { db in
            guard try ItemRecord.exists(db, key: itemID) else {
                throw StoreError(.unknownItem, path: path, message: "no item \(itemID) to store an article for")
            }
            try db.execute(
                sql: """
                    INSERT INTO item_articles (item_id, extractor_version, extracted_at, canonical_url, title, text,
                        author, published, published_utc_offset, modified, language, site_name, summary, problems)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (item_id) DO UPDATE SET
                        extractor_version = excluded.extractor_version, extracted_at = excluded.extracted_at,
                        canonical_url = excluded.canonical_url, title = excluded.title, text = excluded.text,
                        author = excluded.author, published = excluded.published,
                        published_utc_offset = excluded.published_utc_offset, modified = excluded.modified,
                        language = excluded.language, site_name = excluded.site_name, summary = excluded.summary,
                        problems = excluded.problems
                    """,
                arguments: [
                    itemID, extractorVersion, at, article.canonicalURL, article.title, article.text, article.author,
                    article.published, article.publishedUTCOffset, article.modified, article.language, article.siteName,
                    article.summary,
                    problems,
                ])
            // The item's text changed: its detection is stale.
            try db.execute(sql: "DELETE FROM item_detections WHERE item_id = ?", arguments: [itemID])
        }
    }

    public func pagesToExtract(olderThan version: Int, afterItemID: Int64, limit: Int) async throws -> [StoredPage] {
        let rows = try await read { db -> [(Int64, String, String?, Data, Int?)] in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT item_pages.item_id, COALESCE(item_pages.final_url, item_pages.url) AS url,
                        item_pages.content_type, item_pages.body, item_pages.body_size
                    FROM item_pages
                    LEFT JOIN item_articles ON item_articles.item_id = item_pages.item_id
                    WHERE item_pages.item_id > ? AND item_pages.body IS NOT NULL
                        AND item_pages.status BETWEEN 200 AND 299
                        AND (item_articles.item_id IS NULL OR item_articles.extractor_version < ?)
                    ORDER BY item_pages.item_id
                    LIMIT ?
                    """,
                arguments: [afterItemID, version, max(limit, 0)]
            ).map { row in (row["item_id"], row["url"], row["content_type"], row["body"], row["body_size"]) }
        }
        return try rows.map { itemID, url, contentType, body, size in
            StoredPage(
                itemID: itemID, url: url, contentType: contentType,
                body: try inflatePage(body, expectedSize: size, itemID: itemID))
        }
    }

    public func boilerplateParagraphs(site: String, minPages: Int) async throws -> Set<UInt64> {
        try await read { db in
            let hashes = try Int64.fetchAll(
                db, sql: "SELECT hash FROM site_paragraphs WHERE site = ? AND pages >= ?",
                arguments: [site, minPages])
            return Set(hashes.map { UInt64(bitPattern: $0) })
        }
    }

    public func countParagraphs(site: String, hashes: Set<UInt64>, at: Date) async throws {
        guard !hashes.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO site_paragraphs (site, hash, pages, last_seen_at) VALUES (?, ?, 1, ?)
                    ON CONFLICT (site, hash) DO UPDATE SET pages = pages + 1, last_seen_at = excluded.last_seen_at
                    """)
            for hash in hashes {
                try statement.execute(arguments: [site, Int64(bitPattern: hash), at])
            }
        }
    }

    public func article(itemID: Int64) async throws -> ExtractedArticle? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT item_articles.*, COALESCE(item_pages.final_url, item_pages.url) AS page_url
                        FROM item_articles LEFT JOIN item_pages ON item_pages.item_id = item_articles.item_id
                        WHERE item_articles.item_id = ?
                        """,
                    arguments: [itemID])
            else { return nil }
            let problemsText: String = row["problems"]
            let problems = (try? JSONDecoder().decode([String].self, from: Data(problemsText.utf8))) ?? []
            return ExtractedArticle(
                url: row["page_url"], canonicalURL: row["canonical_url"], title: row["title"], text: row["text"],
                author: row["author"], published: row["published"],
                publishedUTCOffset: row["published_utc_offset"], modified: row["modified"],
                language: row["language"], siteName: row["site_name"], summary: row["summary"], problems: problems)
        }
    }
}
