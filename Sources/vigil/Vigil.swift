import ArgumentParser
import Foundation
import VigilFetch
import VigilParse

/// The `vigil` command: subcommands for the daemon, one-shot polling, status, config checking and debugging.
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Watches news feeds for reports of security incidents.",
        discussion: """
            Feeds are configured as files in a watched folder (feeds_dir); files dropped into inbox_dir are
            ingested once. See README.md for the config reference.

            Examples:
              vigil check-config --config config/vigil.yaml
              vigil run --config config/vigil.yaml
              vigil once --config config/vigil.yaml --all
              vigil status --config config/vigil.yaml
              vigil alerts --config config/vigil.yaml --since 7d
              vigil parse https://feeds.bbci.co.uk/news/world/rss.xml
            """,
        subcommands: [
            Run.self, Once.self, Status.self, CheckConfig.self, Parse.self, Reprocess.self, Analyze.self, Eval.self,
            Tally.self, Alerts.self, ReplayCommand.self, Backup.self,
        ]
    )
}

@main
enum Main {
    static func main() async {
        CurlRuntime.initialize()
        XMLRuntime.initialize()
        do {
            var command = try Vigil.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Usage errors (unknown flag, missing value) print one line naming the problem; help and clean exits
    /// behave as swift-argument-parser does.
    static func exit(with error: Error) -> Never {
        let code = Vigil.exitCode(for: error)
        if code == .success || error is CleanExit {
            Vigil.exit(withError: error)
        }
        if let failure = error as? CommandFailure {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(failure.code)
        }
        let message = Vigil.message(for: error)
        let hint = code == .validationFailure ? " (see 'vigil --help')" : ""
        FileHandle.standardError.write(Data("vigil: \(message)\(hint)\n".utf8))
        Foundation.exit(code.rawValue)
    }
}

/// A command failed for a reason already explained in `message` (printed as is).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32 = 1
    var description: String { message }
}
