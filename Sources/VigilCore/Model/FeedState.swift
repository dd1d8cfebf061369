import Foundation

/// Persisted health and HTTP validators of one configured feed (what `vigil status` shows).
public struct FeedState: Sendable, Equatable {
    public var url: String
    public var name: String?
    /// Whether the feed is currently configured and enabled; a feed removed from `feeds_dir` keeps its
    /// history but is no longer polled.
    public var active: Bool
    public var etag: String?
    public var lastModified: String?
    public var lastPolledAt: Date?
    public var lastSuccessAt: Date?
    public var lastErrorAt: Date?
    public var lastError: String?
    /// Last HTTP status received (nil when the transfer failed before a response).
    public var lastStatus: Int?
    /// Failures since the last success; 0 means healthy.
    public var consecutiveFailures: Int
    public var nextPollAt: Date?
    /// Items stored from this feed.
    public var itemCount: Int

    public init(
        url: String, name: String? = nil, active: Bool = true, etag: String? = nil, lastModified: String? = nil,
        lastPolledAt: Date? = nil, lastSuccessAt: Date? = nil, lastErrorAt: Date? = nil, lastError: String? = nil,
        lastStatus: Int? = nil, consecutiveFailures: Int = 0, nextPollAt: Date? = nil, itemCount: Int = 0
    ) {
        self.url = url
        self.name = name
        self.active = active
        self.etag = etag
        self.lastModified = lastModified
        self.lastPolledAt = lastPolledAt
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastError = lastError
        self.lastStatus = lastStatus
        self.consecutiveFailures = consecutiveFailures
        self.nextPollAt = nextPollAt
        self.itemCount = itemCount
    }

    /// A feed is healthy when its last poll did not fail.
    public var isHealthy: Bool { consecutiveFailures == 0 }
}
