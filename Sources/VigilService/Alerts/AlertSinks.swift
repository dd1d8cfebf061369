import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilFetch

#if canImport(Glibc)
    import Glibc
#endif

/// Fans each alert out to every sink: the alert log file (always, first, synchronously: it is the record of what
/// was delivered), one log line at `notice` with the summary, and the optional webhook and command, which are
/// queued and worked off by `run()` so that delivering never waits for the network or a child process.
///
/// Run it in the daemon's `ServiceGroup`: `run()` drives the webhook and command queues and, when asked to,
/// reopens the alert log on SIGHUP (for logrotate).
public final class AlertSinks: Service, Sendable {
    /// The alert log.
    public let file: AlertLogFile
    /// The webhook sink, when configured.
    public let webhook: WebhookSink?
    /// The command sink, when configured.
    public let exec: ExecSink?
    private let logger: Logger
    private let hangups: HangupSignals?

    /// Sinks made of the given parts. With `reopenOnSIGHUP`, SIGHUP no longer terminates the process and `run()`
    /// reopens the alert log when it arrives.
    public init(
        file: AlertLogFile, webhook: WebhookSink? = nil, exec: ExecSink? = nil, logger: Logger,
        reopenOnSIGHUP: Bool = false
    ) {
        self.file = file
        self.webhook = webhook
        self.exec = exec
        self.logger = logger
        // Installed now, not in run(): a SIGHUP that arrives before run() starts is then kept, not fatal.
        self.hangups = reopenOnSIGHUP ? HangupSignals(label: "vigil.sighup.alerts") : nil
    }

    /// The sinks `config` asks for: `log_dir/alerts.jsonl`, plus `alerts.webhook` and `alerts.exec` when set.
    public convenience init(
        config: VigilConfig, logger: Logger, poster: HTTPPoster = HTTPPoster(), reopenOnSIGHUP: Bool = true,
        fsync: Bool = false
    ) throws(AlertSinkError) {
        let file = try AlertLogFile(path: Self.logPath(config), fsync: fsync)
        let webhook = config.alerts.webhook.map { WebhookSink(settings: $0, poster: poster, logger: logger) }
        let exec = config.alerts.exec.map { ExecSink(settings: $0, logger: logger) }
        self.init(file: file, webhook: webhook, exec: exec, logger: logger, reopenOnSIGHUP: reopenOnSIGHUP)
    }

    /// `log_dir/alerts.jsonl` for `config`.
    public static func logPath(_ config: VigilConfig) -> String {
        (config.logDir as NSString).appendingPathComponent("alerts.jsonl")
    }

    /// The highest `seq` already in the alert log: the engine resumes after it, so nothing is sent twice after a
    /// restart or a `kill -9`.
    public var lastDeliveredSeq: Int64? {
        file.lastDeliveredSeq()
    }

    /// Delivers `delivery` to every sink. Returns false, doing nothing, when its `seq` is not above the last one
    /// in the alert log (already delivered before a restart). Throws when the alert log cannot be written; the
    /// other sinks are then skipped, so the caller can retry the same delivery later.
    @discardableResult
    public func deliver(_ delivery: AlertDelivery) throws(AlertSinkError) -> Bool {
        if let last = file.lastDeliveredSeq(), delivery.seq <= last {
            logger.debug(
                "alert already delivered", metadata: ["alert.id": "\(delivery.id)", "alert.seq": "\(delivery.seq)"])
            return false
        }
        try file.append(delivery)
        logger.notice(
            "\(delivery.summary)",
            metadata: [
                "alert.id": "\(delivery.id)", "alert.seq": "\(delivery.seq)", "alert.severity": "\(delivery.severity)",
            ])
        webhook?.enqueue(delivery)
        exec?.enqueue(delivery)
        return true
    }

    /// Reopens the alert log at its path (after logrotate renamed it).
    public func reopen() throws(AlertSinkError) {
        try file.reopen()
    }

    /// Works off the webhook and command queues and watches SIGHUP until graceful shutdown.
    public func run() async throws {
        let hangups = self.hangups
        await withDiscardingTaskGroup { group in
            if let webhook { group.addTask { try? await webhook.run() } }
            if let exec { group.addTask { try? await exec.run() } }
            if let hangups {
                group.addTask { [file, logger] in
                    for await _ in hangups.stream.cancelOnGracefulShutdown() {
                        do {
                            try file.reopen()
                            logger.info("alert log reopened", metadata: ["file.path": "\(file.path)"])
                        } catch {
                            logger.error("cannot reopen alert log: \(error)", metadata: ["file.path": "\(file.path)"])
                        }
                    }
                }
            }
            // Graceful shutdown or cancellation: close the queues and stop watching SIGHUP.
            group.addTask { [webhook, exec] in
                try? await gracefulShutdown()
                webhook?.finish()
                exec?.finish()
                hangups?.cancel()
            }
        }
    }
}
