import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilService

/// Options every config-reading command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Path of vigil.yaml.", valueName: "path"))
    var config: String = ProcessInfo.processInfo.environment["VIGIL_CONFIG"] ?? "/etc/vigil/vigil.yaml"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Log level (trace, debug, info, notice, warning, error, critical); overrides the config.",
            valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("bad --log-level '\(logLevel)': use one of \(ConfigParser.logLevels.joined(separator: ", "))")
        }
    }

    /// The parsed config, or a failure listing every problem.
    func loadConfig() throws -> VigilConfig {
        do {
            return try Runtime.loadConfig(path: config)
        } catch let error as Runtime.ConfigError {
            throw CommandFailure(message: error.problems.map { "vigil: \($0)" }.joined(separator: "\n"))
        }
    }

    /// The root logger, at the level from `--log-level`, else the config, else info.
    func makeLogger(_ config: VigilConfig?) -> Logger {
        let name = logLevel?.lowercased() ?? config?.logLevel ?? "info"
        let level = Logger.Level(rawValue: name) ?? .info
        return Logger(label: "vigil") { label in VigilLogHandler(label: label, level: level) }
    }
}

