import Foundation
import GRDB
import VigilCore

extension SQLiteStore {
    public func pendingReports(limit: Int) async throws -> [ReportCandidate] {
        try await read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT items.id, items.link, items.canonical_url, items.title, items.text, items.published,
                        items.first_seen_at, item_articles.canonical_url AS article_url,
                        item_articles.title AS article_title, item_articles.text AS article_text,
                        item_articles.published AS article_published, item_detections.result
                    FROM item_detections
                    JOIN items ON items.id = item_detections.item_id
                    LEFT JOIN item_articles ON item_articles.item_id = items.id
                    LEFT JOIN item_reports ON item_reports.item_id = items.id
                    WHERE item_reports.item_id IS NULL
                    ORDER BY items.id
                    LIMIT ?
                    """,
                arguments: [max(limit, 0)]
            ).compactMap { row -> ReportCandidate? in
                let result: String = row["result"]
                guard let detection = try? decoder.decode(Detection.self, from: Data(result.utf8)) else { return nil }
                let articleURL: String? = row["article_url"]
                let canonical: String? = row["canonical_url"]
                let link: String? = row["link"]
                let best = Self.bestText(row)
                return ReportCandidate(
                    itemID: row["id"], url: articleURL ?? canonical ?? link, title: best.title, text: best.text,
                    published: best.published, detection: detection)
            }
        }
    }

    public func recordReport(itemID: Int64, incident: IncidentRow?, at: Date) async throws {
        let path = displayPath
        try await write { db in
            guard try ItemRecord.exists(db, key: itemID) else {
                throw StoreError(.unknownItem, path: path, message: "no item \(itemID) to merge into an incident")
            }
            if let incident {
                try db.execute(
                    sql: """
                        INSERT INTO incidents (id, country, actor, event_type, event_day, killed, reports, created_at,
                            updated_at, incident)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            country = excluded.country, actor = excluded.actor, event_type = excluded.event_type,
                            event_day = excluded.event_day, killed = excluded.killed, reports = excluded.reports,
                            updated_at = excluded.updated_at, incident = excluded.incident
                        """,
                    arguments: [
                        incident.id, incident.country, incident.actor, incident.eventType, incident.eventDay,
                        incident.killed, incident.reports, at, at, String(decoding: incident.json, as: UTF8.self),
                    ])
            }
            try db.execute(
                sql: """
                    INSERT INTO item_reports (item_id, incident_id, processed_at) VALUES (?, ?, ?)
                    ON CONFLICT (item_id) DO UPDATE SET incident_id = excluded.incident_id,
                        processed_at = excluded.processed_at
                    """,
                arguments: [itemID, incident?.id, at])
        }
    }

    public func incidents(fromDay: Int, throughDay: Int) async throws -> [IncidentRow] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, country, actor, event_type, event_day, killed, reports, incident FROM incidents
                    WHERE event_day BETWEEN ? AND ? ORDER BY event_day, created_at, id
                    """,
                arguments: [fromDay, throughDay]
            ).map(Self.incidentRow)
        }
    }

    public func incidents(updatedSince time: Date) async throws -> [IncidentRow] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, country, actor, event_type, event_day, killed, reports, incident FROM incidents
                    WHERE updated_at >= ? ORDER BY created_at, id
                    """,
                arguments: [time]
            ).map(Self.incidentRow)
        }
    }

    static func incidentRow(_ row: Row) -> IncidentRow {
        let json: String = row["incident"]
        return IncidentRow(
            id: row["id"], country: row["country"], actor: row["actor"], eventType: row["event_type"],
            eventDay: row["event_day"], killed: row["killed"], reports: row["reports"], json: Data(json.utf8))
    }

    public func incidentID(itemID: Int64) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db, sql: "SELECT incident_id FROM item_reports WHERE item_id = ?", arguments: [itemID])
        }
    }

    public func dailyIncidentCounts(
        actor: String?, country: String?, eventType: String?, fromDay: Int, throughDay: Int
    ) async throws -> [Int: Int] {
        var conditions = ["event_day BETWEEN ? AND ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [fromDay, throughDay]
        for (column, value) in [("actor", actor), ("country", country), ("event_type", eventType)] {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        let sql =
            "SELECT event_day, COUNT(*) FROM incidents WHERE \(conditions.joined(separator: " AND ")) "
            + "GROUP BY event_day"
        let bound = StatementArguments(arguments)
        return try await read { db in
            var counts: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: bound ?? []) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    public func tally(by dimensions: TallyDimensions, fromDay: Int, throughDay: Int) async throws -> [TallyRow] {
        var columns: [String] = []
        if dimensions.contains(.actor) { columns.append("actor") }
        if dimensions.contains(.country) { columns.append("country") }
        if dimensions.contains(.eventType) { columns.append("event_type") }
        let grouped = (columns + ["event_day"]).joined(separator: ", ")
        let sql =
            "SELECT \(grouped), COUNT(*) AS n FROM incidents WHERE event_day BETWEEN ? AND ? "
            + "GROUP BY \(grouped) ORDER BY \(grouped)"
        return try await read { db in
            try Row.fetchAll(db, sql: sql, arguments: [fromDay, throughDay]).map { row in
                TallyRow(
                    actor: dimensions.contains(.actor) ? row["actor"] : nil,
                    country: dimensions.contains(.country) ? row["country"] : nil,
                    eventType: dimensions.contains(.eventType) ? row["event_type"] : nil,
                    day: row["event_day"], count: row["n"])
            }
        }
    }

    public func alertEngineState() async throws -> Data? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT state FROM alert_engine WHERE id = 1").map { Data($0.utf8) }
        }
    }

    @discardableResult
    public func commitAlerts(state: Data, messages: [AlertMessage], at: Date) async throws -> [Int64] {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO alert_engine (id, state, updated_at) VALUES (1, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                    """,
                arguments: [String(decoding: state, as: UTF8.self), at])
            var numbers: [Int64] = []
            for message in messages {
                try db.execute(
                    sql: """
                        INSERT INTO alert_outbox (alert_id, record, summary, severity, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        message.alertID, String(decoding: message.json, as: UTF8.self), message.summary,
                        message.severity, at,
                    ])
                numbers.append(db.lastInsertedRowID)
            }
            return numbers
        }
    }

    public func outboxCount(since: Date) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert_outbox WHERE created_at >= ?", arguments: [since])
                ?? 0
        }
    }

    public func outbox(after seq: Int64, limit: Int) async throws -> [OutboxEntry] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, alert_id, record, summary, severity, created_at FROM alert_outbox
                    WHERE seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [seq, max(limit, 0)]
            ).map { row in
                let record: String = row["record"]
                return OutboxEntry(
                    seq: row["seq"],
                    message: AlertMessage(
                        alertID: row["alert_id"], json: Data(record.utf8), summary: row["summary"],
                        severity: row["severity"]),
                    createdAt: row["created_at"])
            }
        }
    }

    public func deliveredSeq(sink: String) async throws -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM alert_deliveries WHERE sink = ?", arguments: [sink]) ?? 0
        }
    }

    public func markDelivered(sink: String, seq: Int64) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO alert_deliveries (sink, seq) VALUES (?, ?)
                    ON CONFLICT (sink) DO UPDATE SET seq = max(seq, excluded.seq)
                    """,
                arguments: [sink, seq])
        }
    }
}
