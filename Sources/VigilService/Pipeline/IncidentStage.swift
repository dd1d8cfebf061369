import Foundation
import Logging
import VigilCore
import VigilDetect

/// Merges analysed items into incidents (the `IncidentClusterer` of `vigil analyze --cluster`), stores each
/// incident with its reports, and hands what changed to the alert stage. The clusterer holds the incidents
/// created or joined in the last `memoryDays` days; they are rebuilt from the store at start and when the day
/// changes, so a restart merges as an uninterrupted run would.
public struct IncidentStage: Sendable {
    public let store: any ItemStore
    public let clock: any WallClock
    public let logger: Logger
    /// Incidents not joined for this many days are not merged into any more.
    public static let memoryDays = 30

    private var clusterer = IncidentClusterer()
    private var loadedDay: Int?

    public init(store: any ItemStore, clock: any WallClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// What one pass merged.
    public struct Outcome: Sendable {
        /// Incidents created or joined in this pass, in their final state.
        public var incidents: [Incident] = []
        /// Ids of incidents created in this pass.
        public var created: Set<String> = []
        /// Roundup articles seen in this pass.
        public var roundups: [ReportCandidate] = []
        /// Items processed.
        public var reports = 0
        /// Reports that joined an incident that existed before them.
        public var merged = 0
    }

    /// Merges every analysed item not merged yet, in item order.
    public mutating func process(batch: Int = 200) async throws -> Outcome {
        let today = TallyReport.day(of: clock.now())
        if loadedDay != today { try await restore(today: today) }
        var outcome = Outcome()
        var touched: [String: Incident] = [:]
        var order: [String] = []
        while !Task.isCancelled {
            let pending = try await store.pendingReports(limit: batch)
            if pending.isEmpty { break }
            for candidate in pending {
                outcome.reports += 1
                guard candidate.detection.isIncident else {
                    if candidate.detection.kind == .roundup { outcome.roundups.append(candidate) }
                    try await store.recordReport(itemID: candidate.itemID, incident: nil, at: clock.now())
                    continue
                }
                let report = IncidentReport(
                    id: String(candidate.itemID), url: candidate.url, published: candidate.published,
                    detection: candidate.detection,
                    document: TextDocument(title: candidate.title, body: candidate.text))
                let (id, joined) = clusterer.add(report)
                guard let incident = clusterer.incident(containing: report.id) else { continue }
                let row = try Self.row(incident, fallbackDay: report.day ?? today)
                try await store.recordReport(itemID: candidate.itemID, incident: row, at: clock.now())
                if joined { outcome.merged += 1 } else { outcome.created.insert(id) }
                if touched[id] == nil { order.append(id) }
                touched[id] = incident
                logger.info(
                    joined ? "report merged into incident" : "new incident",
                    metadata: [
                        "incident.id": "\(id)", "item.id": "\(candidate.itemID)",
                        "incident.reports": "\(incident.reports.count)",
                        "incident.country": "\(incident.country ?? "-")", "incident.actor": "\(incident.actor ?? "-")",
                    ])
            }
        }
        outcome.incidents = order.compactMap { touched[$0] }
        return outcome
    }

    /// Rebuilds the clusterer from the incidents of the last `memoryDays` days.
    private mutating func restore(today: Int) async throws {
        var rebuilt = IncidentClusterer()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let since = clock.now().addingTimeInterval(-Double(Self.memoryDays) * 86_400)
        for row in try await store.incidents(updatedSince: since) {
            guard let stored = try? decoder.decode(StoredIncident.self, from: row.json) else {
                logger.warning(
                    "stored incident unreadable; not merged into again", metadata: ["incident.id": "\(row.id)"])
                continue
            }
            for report in stored.reports { rebuilt.add(report) }
        }
        clusterer = rebuilt
        loadedDay = today
    }

    /// The store's row for an incident: its key columns and the incident as JSON (reports included).
    static func row(_ incident: Incident, fallbackDay: Int) throws -> IncidentRow {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let json = try encoder.encode(StoredIncident(incident))
        return IncidentRow(
            id: incident.id, country: incident.country, actor: incident.actor, eventType: incident.eventType,
            eventDay: incident.firstDay ?? fallbackDay, killed: incident.killed, reports: incident.reports.count,
            json: json)
    }
}

/// An incident as stored: its merged facts for readers, and its reports to rebuild it.
struct StoredIncident: Codable {
    struct Source: Codable {
        var id: String
        var url: String?
        var outlet: String?
        var published: Date?
    }

    var id: String
    var country: String?
    var place: String?
    var eventType: String?
    var actor: String?
    var attribution: String?
    var killed: Int?
    var killedLow: Int?
    var wounded: Int?
    var firstDay: Int?
    var lastDay: Int?
    var sources: [Source]
    var reports: [IncidentReport]

    init(_ incident: Incident) {
        id = incident.id
        country = incident.country
        place = incident.place
        eventType = incident.eventType
        actor = incident.actor
        attribution = incident.attribution?.rawValue
        killed = incident.killed
        killedLow = incident.killedLow
        wounded = incident.wounded
        firstDay = incident.firstDay
        lastDay = incident.lastDay
        sources = incident.sources.map { Source(id: $0.id, url: $0.url, outlet: $0.outlet, published: $0.published) }
        reports = incident.reports
    }
}
