import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VigilService

/// `vigil run`: the daemon in the foreground.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon in the foreground (logs to stderr).",
        discussion: """
            Watches feeds_dir and inbox_dir, polls due feeds, and stops cleanly on SIGINT or SIGTERM.
            SIGHUP re-reads vigil.yaml and the detector data (a broken file is reported and the running
            configuration kept) and reopens the alert log. Under systemd (Type=notify) it reports
            readiness, status and watchdog keep-alives on NOTIFY_SOCKET.

            Example:
              vigil run --config config/vigil.yaml --log-level debug
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        // Without --log-level, the level follows vigil.yaml across reloads.
        let logLevel = options.logLevel == nil ? LogLevelSetting(.info) : nil
        try await options.withPipeline(logLevelSetting: logLevel) { config, pipeline in
            let alerts: AlertSinks
            do {
                alerts = try AlertSinks(config: config, logger: pipeline.logger)
            } catch {
                throw CommandFailure(message: "vigil: \(error)")
            }
            let daemon = Daemon(
                config: config, pipeline: pipeline, logger: pipeline.logger, alerts: alerts,
                notifier: SystemdNotifier(),
                reload: .init(configPath: options.config, logLevel: logLevel))
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: daemon), .init(service: alerts)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    cancellationSignals: [], logger: pipeline.logger))
            try await group.run()
        }
    }
}
