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
        let config = try options.loadConfig()
        let logger = options.makeLogger(config)
        let store = try openStoreOrFail(config)
        let fetcher = Runtime.makeFetcher(config)
        defer { fetcher.shutdown() }
        let pipeline = Runtime.makePipeline(config: config, store: store, fetcher: fetcher, logger: logger)
        let daemon = Daemon(config: config, pipeline: pipeline, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint],
                cancellationSignals: [], logger: logger))
        do {
            try await group.run()
        } catch {
            throw CommandFailure(message: "vigil: \(error)")
        }
    }
}
