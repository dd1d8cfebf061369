import Foundation
import Logging
import VigilCore
import VigilDetect
import VigilFetch
import VigilStore

/// Loads the config and opens the parts every command needs. Errors are one line each, ready to print.
public enum Runtime {
    /// A config that cannot be used, with every problem.
    public struct ConfigError: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Reads and parses `vigil.yaml` at `path`.
    public static func loadConfig(path: String) throws -> VigilConfig {
        let absolute = ConfigParser.resolve(path, against: FileManager.default.currentDirectoryPath)
        let display = DisplayPath.of(absolute)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw ConfigError(problems: ["cannot read config \(display): no such file"])
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(problems: ["cannot read config \(display): it is a folder"])
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError(problems: ["cannot read config \(display): permission denied or unreadable"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(problems: ["\(display):0: the file is not valid UTF-8"])
        }
        let (config, problems) = ConfigParser.parse(yaml: text, file: absolute)
        guard let config, problems.isEmpty else {
            throw ConfigError(
                problems: problems.map { problem in
                    var shown = problem
                    shown.location.file = DisplayPath.of(problem.location.file)
                    return shown.description
                })
        }
        return config
    }

    /// Opens (creating when needed) the SQLite store under `state_dir`.
    public static func openStore(_ config: VigilConfig) throws -> SQLiteStore {
        try FileManager.default.createDirectory(atPath: config.stateDir, withIntermediateDirectories: true)
        return try SQLiteStore(path: config.databasePath)
    }

    /// Compiles the detector from `detect_dir`.
    public static func loadDetector(_ config: VigilConfig) throws -> Detector {
        do {
            return try DetectorLoader.load(folder: config.detectDir)
        } catch let error as DetectorLoader.LoadError {
            throw ConfigError(problems: error.problems)
        }
    }

    /// A fetcher sized by the poll settings.
    public static func makeFetcher(_ config: VigilConfig) -> Fetcher {
        Fetcher(maxConcurrent: config.poll.maxConcurrent, maxPerHost: config.poll.maxPerHost)
    }

    /// The pipeline over a store and fetcher, with the config's poll settings.
    public static func makePipeline(
        config: VigilConfig, store: any ItemStore, fetcher: Fetcher, detector: Detector?, logger: Logger
    ) -> IngestPipeline {
        IngestPipeline(
            store: store, fetcher: fetcher, settings: config.poll, allowPrivateNetworks: config.allowPrivateNetworks,
            detector: detector, logger: logger)
    }
}
