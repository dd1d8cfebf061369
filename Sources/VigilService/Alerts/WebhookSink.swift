import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilFetch

/// POSTs each alert's JSON to the configured URL with `Idempotency-Key: <alert id>`, retrying with exponential
/// backoff. Deliveries are queued by `enqueue(_:)`, which never waits, and sent one at a time by `run()`, so a slow
/// or failing receiver never holds up ingestion.
public final class WebhookSink: Service, Sendable {
    /// Counts of finished deliveries, for status output and tests.
    public struct Stats: Sendable, Equatable {
        /// Alerts the receiver accepted (2xx).
        public var delivered = 0
        /// Alerts given up (a status that is not retried, or attempts exhausted).
        public var gaveUp = 0
        /// Attempts made, retries included.
        public var attempts = 0

        /// Counts with the given values.
        public init(delivered: Int = 0, gaveUp: Int = 0, attempts: Int = 0) {
            self.delivered = delivered
            self.gaveUp = gaveUp
            self.attempts = attempts
        }
    }

    /// The webhook's settings.
    public let settings: WebhookSettings
    private let policy: WebhookRetryPolicy
    private let poster: HTTPPoster
    private let sleep: @Sendable (Duration) async throws -> Void
    private let logger: Logger
    private let queue: AsyncStream<AlertDelivery>
    private let queueInput: AsyncStream<AlertDelivery>.Continuation
    private let counts = Mutex(Stats())

    /// A sink for `settings`, sleeping between attempts on `clock`.
    public init<C: Clock<Duration>>(
        settings: WebhookSettings, poster: HTTPPoster = HTTPPoster(), clock: C = ContinuousClock(), logger: Logger
    ) {
        self.settings = settings
        self.policy = WebhookRetryPolicy(
            maxAttempts: settings.maxAttempts, initialBackoff: .seconds(settings.backoffInitial),
            maxBackoff: .seconds(settings.backoffMax))
        self.poster = poster
        self.sleep = { delay in try await clock.sleep(for: delay) }
        self.logger = logger
        (queue, queueInput) = AsyncStream.makeStream(of: AlertDelivery.self, bufferingPolicy: .unbounded)
    }

    /// Queues `delivery` for sending; returns at once.
    public func enqueue(_ delivery: AlertDelivery) {
        queueInput.yield(delivery)
    }

    /// Accepts no more deliveries; `run()` returns once the queued ones are sent or given up.
    public func finish() {
        queueInput.finish()
    }

    /// What was delivered and given up so far.
    public var stats: Stats {
        counts.withLock { $0 }
    }

    /// Sends queued alerts until `finish()` or graceful shutdown. Alerts still queued at shutdown are only in the
    /// alert log; the receiver dedupes by `Idempotency-Key` if they are sent again later.
    public func run() async throws {
        for await delivery in queue.cancelOnGracefulShutdown() {
            await send(delivery)
        }
    }

    /// Sends one alert now, retrying as the policy says (`run()` calls it for each queued alert); returns the final
    /// action (`delivered` or `giveUp`).
    @discardableResult
    public func send(_ delivery: AlertDelivery) async -> WebhookRetryPolicy.Action {
        let headers = [
            "Content-Type": "application/json", "Idempotency-Key": delivery.id, "Accept": "*/*",
        ]
        var attempt = 1
        while true {
            let outcome: WebhookRetryPolicy.Outcome
            var detail: String
            do {
                let response = try await poster.post(
                    url: settings.url, body: delivery.json, headers: headers, timeout: settings.timeout)
                outcome = .status(response.status)
                detail = String(decoding: response.body.prefix(200), as: UTF8.self)
            } catch {
                if error.code == .cancelled { return .giveUp(reason: "cancelled") }
                outcome = .transportError
                detail = error.message
            }
            counts.withLock { $0.attempts += 1 }
            let action = policy.next(after: outcome, attempt: attempt)
            var metadata: Logger.Metadata = [
                "alert.id": "\(delivery.id)", "webhook.url": "\(settings.url)", "webhook.attempt": "\(attempt)",
            ]
            if case .status(let status) = outcome { metadata["http.status"] = "\(status)" }
            detail = detail.trimmingCharacters(in: .whitespacesAndNewlines)
            switch action {
            case .delivered:
                counts.withLock { $0.delivered += 1 }
                logger.debug("webhook delivered alert", metadata: metadata)
                return action
            case .giveUp(let reason):
                counts.withLock { $0.gaveUp += 1 }
                if !detail.isEmpty { metadata["webhook.detail"] = "\(detail)" }
                logger.error("webhook gave up on alert: \(reason)", metadata: metadata)
                return action
            case .retry(let delay):
                if !detail.isEmpty { metadata["webhook.detail"] = "\(detail)" }
                logger.info("webhook attempt failed; retrying in \(delay)", metadata: metadata)
                do {
                    try await sleep(delay)
                } catch {
                    return .giveUp(reason: "cancelled")
                }
                attempt += 1
            }
        }
    }

}

extension Duration {
    /// A duration of `seconds`, which may be fractional.
    static func seconds(_ seconds: TimeInterval) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
