import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilDetect
import VigilService
import VigilStore

/// `vigil replay`: backtesting on a virtual clock.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay articles in time order through detection, merging and alerting; print the alerts.",
        discussion: """
            Articles are JSON Lines with 'published' (RFC 3339), 'title', 'text' and optionally 'id' and 'url'.
            They are ingested, analysed, merged and alerted on in time order on a virtual clock, into a scratch
            store that is deleted afterwards (the configured store is not touched); every day between the first
            and the last article is evaluated. The alert records go to stdout as JSON Lines, a summary to stderr.
            The same input always gives the same output.

            Example:
              vigil replay --config config/vigil.yaml stream.jsonl > alerts.jsonl
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("JSON Lines files of articles.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one JSON Lines file to replay") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        var logger = options.makeLogger(config)
        if options.logLevel == nil { logger.logLevel = .warning }
        let detector: Detector
        do {
            detector = try Runtime.loadDetector(config)
        } catch let error as Runtime.ConfigError {
            throw CommandFailure(message: error.problems.map { "vigil: \($0)" }.joined(separator: "\n"))
        }
        var inputs: [(name: String, data: Data)] = []
        for file in files { inputs.append((file, try readInput(file))) }
        let (articles, problems) = Replay.articles(inputs)
        for problem in problems { FileHandle.standardError.write(Data("vigil: \(problem)\n".utf8)) }
        guard !articles.isEmpty else { throw CommandFailure(message: "vigil: no articles to replay") }

        let scratch = NSTemporaryDirectory() + "vigil-replay-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = try SQLiteStore(path: scratch + "/replay.sqlite")
        let result = try await Replay.run(
            articles: articles, store: store, detector: detector, config: config, logger: logger)

        var out = Data()
        var onsets = Set<String>()
        var types: [String: Int] = [:]
        for record in result.alerts {
            out.append(record)
            out.append(UInt8(ascii: "\n"))
            guard let object = try? JSONSerialization.jsonObject(with: record) as? [String: Any] else { continue }
            let type = object["type"] as? String ?? "?"
            if object["state"] as? String == "firing", let id = object["id"] as? String, onsets.insert(id).inserted {
                types[type, default: 0] += 1
            }
        }
        FileHandle.standardOutput.write(out)
        let years = Double(result.days) / 365.25
        let surgeOnsets = types["surge"] ?? 0
        let perKeyYear = result.keys > 0 && years > 0 ? Double(surgeOnsets) / (Double(result.keys) * years) : 0
        var summary = "replayed \(result.articles) articles over \(result.days) days "
        summary += "(\(TallyReport.isoDay(result.firstDay)) to \(TallyReport.isoDay(result.lastDay))): "
        summary += "\(result.incidents) incidents, \(result.keys) actor/country keys; "
        summary += "\(result.alerts.count) alert records, alert onsets: "
        summary += ["surge", "new_actor", "reported_trend"].map { "\(types[$0] ?? 0) \($0)" }.joined(separator: ", ")
        summary += String(format: "; %.2f surge onsets per actor/country key-year", perKeyYear)
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}
