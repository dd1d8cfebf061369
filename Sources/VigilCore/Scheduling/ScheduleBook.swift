import Foundation

/// Which feeds are due when: the daemon's in-memory schedule. Pure state; the daemon owns one and asks it
/// for due feeds on each tick. Feeds are keyed by their canonical URL.
public struct ScheduleBook: Sendable {
    /// One scheduled feed.
    public struct Entry: Sendable, Equatable {
        public var feed: FeedDefinition
        public var nextPoll: Date
        public var inFlight: Bool
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// Number of scheduled (enabled) feeds.
    public var count: Int { entries.count }

    /// Number of polls under way.
    public var inFlightCount: Int { entries.values.filter(\.inFlight).count }

    /// The scheduled entry for a feed URL.
    public func entry(for url: String) -> Entry? { entries[Self.key(url)] }

    /// Replaces the set of feeds. New feeds take their next poll from `nextPolls` (the store's record) or are
    /// due at `now`; kept feeds keep their schedule and in-flight state; removed or disabled feeds are dropped
    /// (a poll in flight for them finishes but is not rescheduled).
    public mutating func update(feeds: [FeedDefinition], nextPolls: [String: Date], now: Date) {
        var next: [String: Entry] = [:]
        for feed in feeds where feed.enabled {
            let key = Self.key(feed.url)
            if var existing = entries[key] {
                existing.feed = feed
                next[key] = existing
            } else {
                next[key] = Entry(feed: feed, nextPoll: nextPolls[key] ?? now, inFlight: false)
            }
        }
        entries = next
    }

    /// Stores keep times at millisecond precision (rounded), so a feed due "now" may read back a fraction of a
    /// millisecond later: it still counts as due.
    static let precision: TimeInterval = 0.001

    /// Marks up to `limit` due feeds as in flight and returns them, most overdue first.
    public mutating func takeDue(now: Date, limit: Int) -> [FeedDefinition] {
        guard limit > 0 else { return [] }
        let horizon = now.addingTimeInterval(Self.precision)
        let due = entries.filter { !$0.value.inFlight && $0.value.nextPoll <= horizon }
            .sorted { ($0.value.nextPoll, $0.key) < ($1.value.nextPoll, $1.key) }
            .prefix(limit)
        for (key, _) in due { entries[key]?.inFlight = true }
        return due.map(\.value.feed)
    }

    /// Records that a poll finished; `nextPoll` nil means it was abandoned (shutdown) and stays due.
    public mutating func complete(url: String, nextPoll: Date?) {
        let key = Self.key(url)
        guard entries[key] != nil else { return }
        entries[key]?.inFlight = false
        if let nextPoll { entries[key]?.nextPoll = nextPoll }
    }

    /// The earliest next poll among feeds not in flight.
    public func nextDue() -> Date? {
        entries.values.filter { !$0.inFlight }.map(\.nextPoll).min()
    }

    /// The key a feed URL is scheduled under.
    public static func key(_ url: String) -> String { CanonicalURL.normalize(url) ?? url }
}
