import Foundation

/// An analysed item waiting to be merged into an incident (or, for roundups, tested as a reported trend).
public struct ReportCandidate: Sendable, Equatable {
    public var itemID: Int64
    /// The article's URL (its canonical URL when known).
    public var url: String?
    public var title: String?
    public var text: String
    public var published: Date?
    public var detection: Detection

    public init(itemID: Int64, url: String?, title: String?, text: String, published: Date?, detection: Detection) {
        self.itemID = itemID
        self.url = url
        self.title = title
        self.text = text
        self.published = published
        self.detection = detection
    }
}

/// An incident as the store keeps it: the fields tallies and merging query, and the whole incident as JSON.
public struct IncidentRow: Sendable, Equatable {
    public var id: String
    public var country: String?
    public var actor: String?
    public var eventType: String?
    /// Days since 1970-01-01 UTC: the event date, else the first report's publication day.
    public var eventDay: Int
    public var killed: Int?
    public var reports: Int
    /// The incident as its merger encodes it (sources, figures, evidence).
    public var json: Data

    public init(
        id: String, country: String?, actor: String?, eventType: String?, eventDay: Int, killed: Int?, reports: Int,
        json: Data
    ) {
        self.id = id
        self.country = country
        self.actor = actor
        self.eventType = eventType
        self.eventDay = eventDay
        self.killed = killed
        self.reports = reports
        self.json = json
    }
}

/// Dimensions a tally is grouped by.
public struct TallyDimensions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let actor = TallyDimensions(rawValue: 1)
    public static let country = TallyDimensions(rawValue: 2)
    public static let eventType = TallyDimensions(rawValue: 4)
}

/// Incidents of one key on one day (`nil` fields: not grouped by, or unknown).
public struct TallyRow: Sendable, Equatable {
    public var actor: String?
    public var country: String?
    public var eventType: String?
    public var day: Int
    public var count: Int

    public init(actor: String?, country: String?, eventType: String?, day: Int, count: Int) {
        self.actor = actor
        self.country = country
        self.eventType = eventType
        self.day = day
        self.count = count
    }
}

/// An alert record to hand to the sinks: its id, JSON and one-line summary.
public struct AlertMessage: Sendable, Equatable {
    public var alertID: String
    public var json: Data
    public var summary: String
    public var severity: String

    public init(alertID: String, json: Data, summary: String, severity: String) {
        self.alertID = alertID
        self.json = json
        self.summary = summary
        self.severity = severity
    }
}

/// An alert message in the outbox, numbered in the order it was committed.
public struct OutboxEntry: Sendable, Equatable {
    public var seq: Int64
    public var message: AlertMessage
    public var createdAt: Date

    public init(seq: Int64, message: AlertMessage, createdAt: Date) {
        self.seq = seq
        self.message = message
        self.createdAt = createdAt
    }
}

/// The part of the store that keeps incidents, their tallies, the alert engine's state and the alert outbox.
/// Every method is atomic. Alerts go through an outbox: the engine's new state and the messages it emitted are
/// committed together, and each sink remembers the last message it delivered, so after a crash nothing is lost
/// and nothing is sent twice.
public protocol IncidentStore: Sendable {
    /// Analysed items not yet merged (or tested as a reported trend), in item order.
    func pendingReports(limit: Int) async throws -> [ReportCandidate]

    /// Marks an item merged: with an incident, stores the incident (insert or replace) and ties the item to it.
    func recordReport(itemID: Int64, incident: IncidentRow?, at: Date) async throws

    /// Incidents with an event day in `fromDay...throughDay`.
    func incidents(fromDay: Int, throughDay: Int) async throws -> [IncidentRow]

    /// Incidents created or joined at or after `time` (by the store clock), oldest first.
    func incidents(updatedSince time: Date) async throws -> [IncidentRow]

    /// The incident an item was merged into.
    func incidentID(itemID: Int64) async throws -> String?

    /// Incidents per day for one key (`nil` = any), over `fromDay...throughDay`.
    func dailyIncidentCounts(actor: String?, country: String?, eventType: String?, fromDay: Int, throughDay: Int)
        async throws -> [Int: Int]

    /// Incidents per key and day, grouped by `dimensions`, over `fromDay...throughDay`.
    func tally(by dimensions: TallyDimensions, fromDay: Int, throughDay: Int) async throws -> [TallyRow]

    /// The alert engine's saved state (nil before the first commit).
    func alertEngineState() async throws -> Data?

    /// Saves the engine state and appends `messages` to the outbox in one transaction; returns their numbers.
    @discardableResult
    func commitAlerts(state: Data, messages: [AlertMessage], at: Date) async throws -> [Int64]

    /// Outbox messages numbered after `seq`, oldest first.
    func outbox(after seq: Int64, limit: Int) async throws -> [OutboxEntry]

    /// Number of outbox messages created at or after `since` (the daemon's status line).
    func outboxCount(since: Date) async throws -> Int

    /// The last message number a sink delivered (0 when none).
    func deliveredSeq(sink: String) async throws -> Int64

    /// Records that a sink delivered every message up to `seq`.
    func markDelivered(sink: String, seq: Int64) async throws
}
