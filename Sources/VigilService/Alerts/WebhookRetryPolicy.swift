/// Decides what follows one webhook attempt: done, give up, or try again after a delay. Pure, so every rule is
/// tested without a server or a clock.
public struct WebhookRetryPolicy: Sendable, Equatable {
    /// How one attempt ended.
    public enum Outcome: Sendable, Equatable {
        /// The server answered with this status.
        case status(Int)
        /// No answer: connection refused, timeout, dropped connection.
        case transportError
    }

    /// What to do next.
    public enum Action: Sendable, Equatable {
        /// The server accepted the alert.
        case delivered
        /// Stop trying; the reason says why, for the log.
        case giveUp(reason: String)
        /// Try again after this delay.
        case retry(after: Duration)
    }

    /// Attempts at most, the first included.
    public var maxAttempts: Int
    /// Delay before the first retry.
    public var initialBackoff: Duration
    /// Longest delay between attempts.
    public var maxBackoff: Duration

    /// A policy with the given limits.
    public init(maxAttempts: Int, initialBackoff: Duration, maxBackoff: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = max(initialBackoff, maxBackoff)
    }

    /// The action after attempt number `attempt` (1 for the first) ended with `outcome`. 2xx is delivered; 408, 429,
    /// 5xx and transport errors are retried with exponential backoff until `maxAttempts`; anything else (other 4xx,
    /// a redirect, an informational status) is given up at once, since sending the same body again cannot help.
    public func next(after outcome: Outcome, attempt: Int) -> Action {
        let what: String
        switch outcome {
        case .status(let status) where (200..<300).contains(status):
            return .delivered
        case .status(let status) where status == 408 || status == 429 || (500..<600).contains(status):
            what = "HTTP \(status)"
        case .status(let status):
            return .giveUp(reason: "HTTP \(status) is not retried")
        case .transportError:
            what = "no response"
        }
        guard attempt < maxAttempts else {
            return .giveUp(reason: "\(what) after \(attempt) attempt\(attempt == 1 ? "" : "s")")
        }
        return .retry(after: backoff(beforeAttempt: attempt + 1))
    }

    /// The wait before attempt number `attempt` (2 or more): initial × 2^(attempt − 2), capped at the maximum.
    public func backoff(beforeAttempt attempt: Int) -> Duration {
        var delay = initialBackoff
        for _ in 0..<max(0, attempt - 2) {
            delay = delay * 2
            if delay >= maxBackoff { return maxBackoff }
        }
        return min(delay, maxBackoff)
    }
}
