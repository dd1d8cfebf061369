import Foundation
import GRDB
import VigilCore

/// A row of `feeds`: one configured feed (or the inbox), its HTTP validators and its health.
struct FeedRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "feeds"

    /// Where a row's items come from.
    enum Kind: String, Codable, Sendable {
        /// A configured feed, polled over HTTP.
        case feed
        /// Files dropped into the inbox folder; never polled.
        case inbox
    }

    var id: Int64?
    var url: String
    var name: String?
    var kind: Kind
    var active: Bool
    var etag: String?
    var lastModified: String?
    var lastPolledAt: Date?
    var lastSuccessAt: Date?
    var lastErrorAt: Date?
    var lastError: String?
    var lastStatus: Int?
    var consecutiveFailures: Int
    var nextPollAt: Date?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, url, name, kind, active, etag
        case lastModified = "last_modified"
        case lastPolledAt = "last_polled_at"
        case lastSuccessAt = "last_success_at"
        case lastErrorAt = "last_error_at"
        case lastError = "last_error"
        case lastStatus = "last_status"
        case consecutiveFailures = "consecutive_failures"
        case nextPollAt = "next_poll_at"
        case createdAt = "created_at"
    }

    init(
        url: String, name: String?, kind: Kind, active: Bool, nextPollAt: Date?, createdAt: Date
    ) {
        self.id = nil
        self.url = url
        self.name = name
        self.kind = kind
        self.active = active
        self.etag = nil
        self.lastModified = nil
        self.lastPolledAt = nil
        self.lastSuccessAt = nil
        self.lastErrorAt = nil
        self.lastError = nil
        self.lastStatus = nil
        self.consecutiveFailures = 0
        self.nextPollAt = nextPollAt
        self.createdAt = createdAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The port's view of this row.
    func feedState(itemCount: Int) -> FeedState {
        FeedState(
            url: url, name: name, active: active, etag: etag, lastModified: lastModified,
            lastPolledAt: lastPolledAt, lastSuccessAt: lastSuccessAt, lastErrorAt: lastErrorAt,
            lastError: lastError, lastStatus: lastStatus, consecutiveFailures: consecutiveFailures,
            nextPollAt: nextPollAt, itemCount: itemCount)
    }
}
