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

            Example:
              vigil run --config config/vigil.yaml --log-level debug
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        try await options.withPipeline { config, pipeline in
            let alerts: AlertSinks
            do {
                alerts = try AlertSinks(config: config, logger: pipeline.logger)
            } catch {
                throw CommandFailure(message: "vigil: \(error)")
            }
            let daemon = Daemon(config: config, pipeline: pipeline, logger: pipeline.logger, alerts: alerts)
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: daemon), .init(service: alerts)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    cancellationSignals: [], logger: pipeline.logger))
            try await group.run()
        }
    }
}
