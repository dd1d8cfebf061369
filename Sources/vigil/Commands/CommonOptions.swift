import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilDetect
import VigilFetch
import VigilService
import VigilStore

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
            throw ValidationError(
                "bad --log-level '\(logLevel)': use one of \(ConfigParser.logLevels.joined(separator: ", "))")
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

    /// The root logger, at the level from `--log-level`, else the config, else info. With `setting` and no
    /// `--log-level`, the level follows `setting` (which starts at the config's level) so a reload can change it.
    func makeLogger(_ config: VigilConfig?, setting: LogLevelSetting? = nil) -> Logger {
        let name = logLevel?.lowercased() ?? config?.logLevel ?? "info"
        let level = Logger.Level(rawValue: name) ?? .info
        if let setting, logLevel == nil {
            setting.level = level
            return Logger(label: "vigil") { label in VigilLogHandler(label: label, setting: setting) }
        }
        return Logger(label: "vigil") { label in VigilLogHandler(label: label, level: level) }
    }
}

extension CommonOptions {
    /// Loads the config, opens the store and a fetcher, builds the pipeline, runs `body` with it, and shuts the
    /// fetcher down afterwards. Errors from setting up or from `body` become one clear line.
    func withPipeline(
        detect: Bool = true, logLevelSetting: LogLevelSetting? = nil,
        _ body: (VigilConfig, IngestPipeline) async throws -> Void
    ) async throws {
        let config = try loadConfig()
        let logger = makeLogger(config, setting: logLevelSetting)
        var detector: Detector?
        if detect {
            do {
                detector = try Runtime.loadDetector(config)
            } catch let error as Runtime.ConfigError {
                throw CommandFailure(message: error.problems.map { "vigil: \($0)" }.joined(separator: "\n"))
            }
        }
        let store: SQLiteStore
        do {
            store = try Runtime.openStore(config)
        } catch {
            throw CommandFailure(message: "vigil: \(error)")
        }
        let fetcher = Runtime.makeFetcher(config)
        defer { fetcher.shutdown() }
        let pipeline = Runtime.makePipeline(
            config: config, store: store, fetcher: fetcher, detector: detector, logger: logger)
        do {
            try await body(config, pipeline)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "vigil: \(error)")
        }
    }
}
