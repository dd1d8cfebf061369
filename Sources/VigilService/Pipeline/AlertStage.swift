import Foundation
import Logging
import VigilAlerts
import VigilCore

/// Turns what the incident stage merged into alerts: `new_actor` for an actor's first incident in a country,
/// `reported_trend` for a roundup's claimed rise, and surge evaluations of every key an incident touched (and of
/// every key once a day). The engine's state and the records it emits are committed to the store's outbox in one
/// transaction; `AlertDispatcher` hands the outbox to the sinks. Restarting resumes from the stored state.
public struct AlertStage: Sendable {
    public let store: any ItemStore
    public let clock: any WallClock
    public let logger: Logger
    public private(set) var evaluator: SurgeEvaluator
    public private(set) var silences: SilenceList
    /// Also evaluate actor × country × event type keys.
    public private(set) var byEventType: Bool

    private var engine: AlertEngine?
    private var evaluatedDay: Int?
    /// Event day of the first incident stored: an actor is only "new" once Vigil has watched long enough.
    private var watchStart: Int?

    public init(
        store: any ItemStore, clock: any WallClock, logger: Logger, parameters: SurgeParameters = SurgeParameters(),
        silences: SilenceList = SilenceList(), byEventType: Bool = false
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.evaluator = SurgeEvaluator(parameters: parameters)
        self.silences = silences
        self.byEventType = byEventType
    }

    /// Engine settings beyond the tests: immediate firing, resolution, escalation.
    public var immediateFiringCount = 10
    public var resolveQuietDays = 14
    public var escalationRatio = 1.5
    public var completeWeeks = true

    /// A stage with the `surge:` settings of `config` and its silences file (problems are logged, and a broken
    /// silence is not applied).
    public init(config: VigilConfig, store: any ItemStore, clock: any WallClock, logger: Logger) {
        let surge = config.surge
        var parameters = SurgeParameters()
        parameters.windowDays = surge.windowDays
        parameters.baselineDays = surge.baselineDays
        parameters.alpha = surge.alpha
        parameters.cusumRateRatio = surge.cusumRateRatio
        parameters.baselineFloorPerWeek = surge.baselineFloorPerWeek
        parameters.inControlRunWeeks = surge.inControlRunWeeks
        parameters.minimumIncidents = surge.minimumIncidents
        parameters.minimumExcess = surge.minimumExcess
        parameters.minimumHistoryWeeks = surge.minimumHistoryWeeks
        let (entries, fileProblems) = SilencesFile.entries(path: surge.silencesFile)
        let (silences, problems) = SilenceList.parse(entries, file: surge.silencesFile)
        for problem in fileProblems + problems { logger.warning("\(problem)") }
        self.init(
            store: store, clock: clock, logger: logger, parameters: parameters, silences: silences,
            byEventType: surge.byEventType)
        immediateFiringCount = surge.immediateFiringCount
        resolveQuietDays = surge.resolveQuietDays
        escalationRatio = surge.escalationRatio
        completeWeeks = surge.completeWeeks
    }

    /// Takes the `surge:` settings and silences file of a reloaded `config`. The engine is rebuilt from its stored
    /// state on the next pass, and that pass evaluates every key again under the new settings.
    public mutating func apply(_ config: VigilConfig) {
        let fresh = AlertStage(config: config, store: store, clock: clock, logger: logger)
        evaluator = fresh.evaluator
        silences = fresh.silences
        byEventType = fresh.byEventType
        immediateFiringCount = fresh.immediateFiringCount
        resolveQuietDays = fresh.resolveQuietDays
        escalationRatio = fresh.escalationRatio
        completeWeeks = fresh.completeWeeks
        engine = nil
        evaluatedDay = nil
    }

    /// Days of counts a key's evaluation reads: the window, the baseline and a week of slack.
    private var historyDays: Int { evaluator.parameters.windowDays + evaluator.parameters.baselineDays + 7 }

    /// Processes one incident-stage outcome; returns the number of alert records committed.
    @discardableResult
    public mutating func process(_ outcome: IncidentStage.Outcome) async throws -> Int {
        var engine = try await loadEngine()
        let now = clock.now()
        let today = TallyReport.day(of: now)
        let at = Self.timestamp(now)
        var records: [AlertRecord] = []

        for candidate in outcome.roundups {
            guard let trend = Self.trend(candidate, today: today) else { continue }
            switch engine.reportedTrend(trend, at: at) {
            case .alert(let record): records.append(record)
            case .noAlert(let reason):
                logger.info(
                    "reported trend not alerted",
                    metadata: ["item.id": "\(candidate.itemID)", "reason": "\(reason)"])
            }
        }

        if watchStart == nil {
            watchStart = try await store.tally(by: [], fromDay: Int.min / 2, throughDay: Int.max / 2).first?.day
        }
        // Before `minimumHistoryWeeks` of incidents every actor would be "new": pairs are remembered, not alerted.
        let warmedUp = watchStart.map { today - $0 >= evaluator.parameters.minimumHistoryWeeks * 7 } ?? false
        var keys: [AlertKey] = []
        for incident in outcome.incidents {
            if outcome.created.contains(incident.id), let actor = incident.actor, let country = incident.country,
                let record = engine.newActor(
                    actor: actor, country: country,
                    incident: Self.citation(try IncidentStage.row(incident, fallbackDay: today)), today: today,
                    at: at), warmedUp
            {
                records.append(record)
            }
            keys += Self.keys(
                actor: incident.actor, country: incident.country, eventType: incident.eventType,
                byEventType: byEventType)
        }
        if evaluatedDay != today {
            // The daily evaluation: every key with an incident in the history the tests read.
            let dimensions: TallyDimensions = byEventType ? [.actor, .country, .eventType] : [.actor, .country]
            for row in try await store.tally(by: dimensions, fromDay: today - historyDays, throughDay: today) {
                keys += Self.keys(
                    actor: row.actor, country: row.country, eventType: row.eventType,
                    byEventType: byEventType)
            }
            evaluatedDay = today
        }
        var seen = Set<AlertKey>()
        if !keys.isEmpty {
            // Read once per pass: the window's incidents (cited by every key) and each key's counts (a country's
            // counts are also its actors' parent baseline).
            let windowStart = today - evaluator.parameters.windowDays + 1
            let window = try await store.incidents(fromDay: windowStart, throughDay: today)
            var counts: [AlertKey: DailyCounts] = [:]
            for key in keys where seen.insert(key).inserted {
                records += try await evaluate(
                    key, engine: &engine, today: today, at: at, window: window, counts: &counts)
            }
        }

        let messages = try records.map(Self.message)
        let state = try JSONEncoder().encode(engine.state)
        try await store.commitAlerts(state: state, messages: messages, at: now)
        self.engine = engine
        for record in records {
            logger.info(
                "alert \(record.state.rawValue)",
                metadata: [
                    "alert.id": "\(record.id)", "alert.type": "\(record.type.rawValue)", "alert.key": "\(record.key)",
                ])
        }
        return records.count
    }

    private mutating func loadEngine() async throws -> AlertEngine {
        if let engine { return engine }
        var state = AlertEngineState()
        if let data = try await store.alertEngineState() {
            do {
                state = try JSONDecoder().decode(AlertEngineState.self, from: data)
            } catch {
                logger.error("stored alert state unreadable; starting afresh", metadata: ["error": "\(error)"])
            }
        }
        var engine = AlertEngine(
            evaluator: evaluator, state: state, silences: silences, countryNames: Self.countryNames)
        engine.immediateFiringCount = immediateFiringCount
        engine.resolveQuietDays = resolveQuietDays
        engine.escalationRatio = escalationRatio
        engine.completeWeeks = completeWeeks
        self.engine = engine
        return engine
    }

    private func evaluate(
        _ key: AlertKey, engine: inout AlertEngine, today: Int, at: String, window: [IncidentRow],
        counts cache: inout [AlertKey: DailyCounts]
    ) async throws -> [AlertRecord] {
        // Days before Vigil's first incident are unknown, not quiet: a key's history starts there at the earliest.
        let from = max(today - historyDays, watchStart ?? today)
        func counts(_ key: AlertKey) async throws -> DailyCounts {
            if let known = cache[key] { return known }
            let read = try await dailyCounts(key, from: from, through: today)
            cache[key] = read
            return read
        }
        let keyCounts = try await counts(key)
        var parent: ParentBaseline?
        if key.actor != nil, let country = key.country {
            let parentCounts = try await counts(AlertKey(country: country, eventType: key.eventType))
            let keyTotal = keyCounts.sum(from: from, through: today)
            let parentTotal = parentCounts.sum(from: from, through: today)
            parent = .series(parentCounts, share: min(1, (keyTotal + 0.5) / (parentTotal + 1)))
        }
        let incidents =
            window
            .filter { row in
                (key.actor == nil || row.actor == key.actor) && (key.country == nil || row.country == key.country)
                    && (key.eventType == nil || row.eventType == key.eventType)
            }
            .map(Self.citation)
        return engine.evaluate(
            key: key, counts: keyCounts, today: today, parent: parent, incidents: incidents, at: at)
    }

    private func dailyCounts(_ key: AlertKey, from: Int, through: Int) async throws -> DailyCounts {
        let byDay = try await store.dailyIncidentCounts(
            actor: key.actor, country: key.country, eventType: key.eventType, fromDay: from, throughDay: through)
        return DailyCounts((from...through).map { byDay[$0] ?? 0 }, firstDay: from)
    }

    // MARK: Helpers

    /// The keys an incident counts for: actor × country, country, actor (and × type when asked).
    static func keys(actor: String?, country: String?, eventType: String?, byEventType: Bool) -> [AlertKey] {
        var keys: [AlertKey] = []
        if let country {
            if let actor { keys.append(AlertKey(actor: actor, country: country)) }
            keys.append(AlertKey(country: country))
            if byEventType, let eventType {
                if let actor { keys.append(AlertKey(actor: actor, country: country, eventType: eventType)) }
                keys.append(AlertKey(country: country, eventType: eventType))
            }
        }
        if let actor { keys.append(AlertKey(actor: actor)) }
        return keys
    }

    /// An incident as an alert cites it.
    static func citation(_ row: IncidentRow) -> AlertIncident {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let stored = try? decoder.decode(StoredIncident.self, from: row.json)
        return AlertIncident(
            id: row.id, date: DayNumber.isoDate(row.eventDay), place: stored?.place, killed: row.killed,
            sources: stored?.sources.compactMap(\.url) ?? [])
    }

    /// A roundup's claimed rise, when it gives both counts and periods.
    static func trend(_ candidate: ReportCandidate, today: Int) -> ReportedTrend? {
        guard let roundup = candidate.detection.roundup, let previousCount = roundup.previousCount,
            let previousPeriod = roundup.previousPeriod
        else { return nil }
        let published = candidate.published.map(TallyReport.day(of:)) ?? today
        return ReportedTrend(
            key: AlertKey(actor: roundup.actor, country: roundup.country), count: roundup.count,
            period: roundup.period, previousCount: previousCount, previousPeriod: previousPeriod,
            source: AlertRecord.Source(
                url: candidate.url ?? "", title: candidate.title ?? "", itemID: String(candidate.itemID)),
            publishedDay: published)
    }

    static func message(_ record: AlertRecord) throws -> AlertMessage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return AlertMessage(
            alertID: record.id, json: try encoder.encode(record), summary: record.summary,
            severity: record.severity.rawValue)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// English country names by ISO code, for summaries.
    static let countryNames: [String: String] = {
        let locale = Locale(identifier: "en_US")
        var names: [String: String] = [:]
        for region in Locale.Region.isoRegions where region.identifier.count == 2 {
            if let name = locale.localizedString(forRegionCode: region.identifier) {
                names[region.identifier] = name
            }
        }
        return names
    }()
}

/// Hands committed alert records to the sinks, in order, each once: the file sink skips records it already
/// holds (after a crash between writing and marking), and the store remembers how far delivery got.
public struct AlertDispatcher: Sendable {
    public let store: any ItemStore
    public let sinks: AlertSinks
    public let logger: Logger
    static let sinkName = "alerts"

    public init(store: any ItemStore, sinks: AlertSinks, logger: Logger) {
        self.store = store
        self.sinks = sinks
        self.logger = logger
    }

    /// Delivers every record not delivered yet; returns how many were new to the sinks.
    @discardableResult
    public func dispatch() async throws -> Int {
        var mark = max(try await store.deliveredSeq(sink: Self.sinkName), sinks.lastDeliveredSeq ?? 0)
        var delivered = 0
        while true {
            let entries = try await store.outbox(after: mark, limit: 100)
            guard !entries.isEmpty else { break }
            for entry in entries {
                let delivery = AlertDelivery(
                    id: entry.message.alertID, seq: entry.seq, json: entry.message.json,
                    summary: entry.message.summary, severity: entry.message.severity)
                if try sinks.deliver(delivery) { delivered += 1 }
                mark = entry.seq
            }
            try await store.markDelivered(sink: Self.sinkName, seq: mark)
        }
        return delivered
    }
}
