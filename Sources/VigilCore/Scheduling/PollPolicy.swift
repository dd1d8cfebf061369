import Foundation

/// When to poll a feed next, given how its last poll went. Pure: the caller supplies the time and the randomness.
public struct PollPolicy: Sendable, Equatable {
    /// Time between polls of a healthy feed.
    public var interval: TimeInterval
    /// Upper bound of the random delay added to a healthy feed's next poll.
    public var jitter: TimeInterval
    /// Delay after the first failure; doubled for each further consecutive failure.
    public var backoffInitial: TimeInterval
    /// Longest delay between two polls of a failing feed.
    public var backoffMax: TimeInterval
    /// A server's `Retry-After` is honoured up to this long.
    public var retryAfterCap: TimeInterval

    public init(
        interval: TimeInterval, jitter: TimeInterval, backoffInitial: TimeInterval, backoffMax: TimeInterval,
        retryAfterCap: TimeInterval = 7 * 24 * 3600
    ) {
        self.interval = interval
        self.jitter = jitter
        self.backoffInitial = backoffInitial
        self.backoffMax = backoffMax
        self.retryAfterCap = retryAfterCap
    }

    /// The policy for a feed: poll defaults with the feed's own interval when it sets one.
    public init(settings: PollSettings, feedInterval: TimeInterval? = nil) {
        self.init(
            interval: feedInterval ?? settings.interval, jitter: settings.jitter,
            backoffInitial: settings.backoffInitial, backoffMax: settings.backoffMax)
    }

    /// The backoff delay before the next try after `failures` consecutive failures (failures ≥ 1), before jitter.
    public func backoff(failures: Int) -> TimeInterval {
        guard failures > 0 else { return interval }
        let exponent = min(failures - 1, 40)
        return min(backoffMax, backoffInitial * pow(2, Double(exponent)))
    }

    /// Next poll time after a successful (or not-modified) poll at `now`. `random` is uniform in [0, 1).
    public func nextPollAfterSuccess(now: Date, random: Double) -> Date {
        now.addingTimeInterval(interval + jitter * random)
    }

    /// Next poll time after a failed poll at `now`, with `failures` consecutive failures including this one.
    /// Uses "equal jitter": half the backoff is fixed, half random, so retries of many feeds spread out.
    /// A `Retry-After` (seconds from now) pushes the poll later, never earlier.
    public func nextPollAfterFailure(now: Date, failures: Int, retryAfter: TimeInterval?, random: Double) -> Date {
        let delay = backoff(failures: failures)
        var wait = delay / 2 + delay / 2 * random
        if let retryAfter, retryAfter > wait {
            wait = min(retryAfter, retryAfterCap)
        }
        return now.addingTimeInterval(wait)
    }
}
