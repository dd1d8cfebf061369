import ArgumentParser
import Foundation
import VigilAlerts
import VigilCore
import VigilService

/// `vigil check-config`: validates vigil.yaml and every feed file, printing every problem.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate vigil.yaml and every feed file; print each problem as file:line: message.",
        discussion: """
            Exits 0 when everything is valid, 1 when any problem is found.

            Example:
              vigil check-config --config config/vigil.yaml
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let config: VigilConfig
        do {
            config = try Runtime.loadConfig(path: options.config)
        } catch let error as Runtime.ConfigError {
            // The daemon config is broken: feed files cannot be located reliably, so report what we have.
            throw CommandFailure(message: error.problems.joined(separator: "\n"))
        }
        var directory = FeedDirectory(path: config.feedsDir)
        let report = directory.rescan()
        var problems = report.problems.map(\.description)
        do {
            _ = try Runtime.loadDetector(config)
        } catch let error as Runtime.ConfigError {
            problems += error.problems
        }
        let (entries, fileProblems) = SilencesFile.entries(path: config.surge.silencesFile)
        problems += fileProblems + SilenceList.parse(entries, file: config.surge.silencesFile).problems
        if !problems.isEmpty {
            throw CommandFailure(message: problems.joined(separator: "\n"))
        }
        let feeds = directory.feeds
        let files = report.loaded.count
        print(
            "\(DisplayPath.of(config.configFile)): OK; \(feeds.count) feeds (\(feeds.filter(\.enabled).count) enabled) "
                + "in \(files) file\(files == 1 ? "" : "s") under \(DisplayPath.of(config.feedsDir))")
    }
}
