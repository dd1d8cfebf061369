import ArgumentParser
import Foundation
import VigilService

/// `vigil once`: one pass over due feeds and the inbox, then exit.
struct Once: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Poll every due feed and the inbox once, then exit (for cron, tests and benchmarks).",
        discussion: """
            With --all, every enabled feed is polled whether due or not; stored validators are still sent, so
            unchanged feeds answer 304. Prints a one-line summary to stderr.

            Example:
              vigil once --config config/vigil.yaml --all
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Poll every enabled feed, not only the due ones.")
    var all = false

    func run() async throws {
        var report = SinglePass.Report()
        try await options.withPipeline { config, pipeline in
            let alerts: AlertSinks
            do {
                alerts = AlertSinks(
                    file: try AlertLogFile(path: AlertSinks.logPath(config)), logger: pipeline.logger)
            } catch {
                throw CommandFailure(message: "vigil: \(error)")
            }
            report = try await SinglePass.run(
                config: config, pipeline: pipeline, all: all, alerts: alerts, logger: pipeline.logger)
        }
        let line =
            "polled \(report.feedsPolled) feeds: \(report.fetched) fetched, \(report.notModified) not modified, "
            + "\(report.failed) failed; \(report.newItems) new items; pages: \(report.pagesStored) stored, "
            + "\(report.pagesFailed) failed; inbox: \(report.inboxIngested) ingested, \(report.inboxRejected) rejected; "
            + "analysed \(report.analysed) items: \(report.incidents) incidents, \(report.roundups) roundups; "
            + "\(report.newIncidents) new incidents, \(report.mergedReports) reports merged into earlier ones; "
            + "\(report.alerts) alerts"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
