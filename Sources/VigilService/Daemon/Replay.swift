import Foundation
import Logging
import Synchronization
import VigilCore
import VigilDetect
import VigilFetch

/// A clock moved by hand: replays run the daemon's stages on the articles' own times.
public final class VirtualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}

/// Backtesting: articles (JSON Lines with `published`) go through the daemon's own stages — inbox ingestion,
/// detection, merging, alerting — in time order on a virtual clock, day by day, into a scratch store. Every day
/// between the first and the last article is evaluated, as the daemon evaluates every key daily.
public struct Replay {
    /// What a replay produced.
    public struct Result: Sendable {
        /// Every alert record, in the order the engine emitted it (JSON, one object each).
        public var alerts: [Data] = []
        public var articles = 0
        public var incidents = 0
        public var days = 0
        /// Keys that had at least one incident.
        public var keys = 0
        public var firstDay = 0
        public var lastDay = 0
    }

    /// One article to replay: its JSON Lines text and its publication time.
    public struct Article: Sendable {
        public var line: Data
        public var published: Date

        public init(line: Data, published: Date) {
            self.line = line
            self.published = published
        }
    }

    /// Reads the articles of JSON Lines files, in time order (ties keep file order). Lines without a readable
    /// `published` time are problems, reported as `file:line: message`.
    public static func articles(_ files: [(name: String, data: Data)]) -> (articles: [Article], problems: [String]) {
        var articles: [(Article, Int)] = []
        var problems: [String] = []
        let formatter = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for file in files {
            for (number, line) in file.data.split(separator: UInt8(ascii: "\n")).enumerated() {
                let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                guard !trimmed.isEmpty else { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed)) as? [String: Any] else {
                    problems.append("\(file.name):\(number + 1): not a JSON object")
                    continue
                }
                guard let text = object["published"] as? String,
                    let published = formatter.date(from: text) ?? fractional.date(from: text)
                else {
                    problems.append("\(file.name):\(number + 1): no 'published' time (RFC 3339) to replay it at")
                    continue
                }
                articles.append((Article(line: Data(trimmed), published: published), articles.count))
            }
        }
        articles.sort { $0.0.published != $1.0.published ? $0.0.published < $1.0.published : $0.1 < $1.1 }
        return (articles.map(\.0), problems)
    }

    /// Replays `articles` into `store` (which should be empty) with `detector`.
    public static func run(
        articles: [Article], store: any ItemStore, detector: Detector, config: VigilConfig, logger: Logger
    ) async throws -> Result {
        var result = Result()
        guard let first = articles.first, let last = articles.last else { return result }
        let clock = VirtualClock(first.published)
        let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
        defer { fetcher.shutdown() }
        let pipeline = IngestPipeline(
            store: store, fetcher: fetcher, settings: config.poll, allowPrivateNetworks: false, detector: detector,
            clock: clock, logger: logger)
        guard let analysis = pipeline.analysis else { return result }
        var incidents = IncidentStage(store: store, clock: clock, logger: logger)
        var alerting = AlertStage(config: config, store: store, clock: clock, logger: logger)
        result.firstDay = TallyReport.day(of: first.published)
        result.lastDay = TallyReport.day(of: last.published)
        var next = 0
        var seq: Int64 = 0
        for day in result.firstDay...result.lastDay {
            var today: [Article] = []
            while next < articles.count, TallyReport.day(of: articles[next].published) == day {
                today.append(articles[next])
                next += 1
            }
            for article in today {
                clock.set(article.published)
                _ = try await pipeline.ingest(fileData: article.line, fileName: "replay.jsonl")
                _ = try await analysis.analysePending()
                let merged = try await incidents.process()
                result.incidents += merged.created.count
                try await alerting.process(merged)
                result.articles += 1
            }
            if today.isEmpty {
                // A quiet day is still evaluated, at its end.
                clock.set(Date(timeIntervalSince1970: Double(day) * 86_400 + 86_399))
                try await alerting.process(IncidentStage.Outcome())
            }
            for entry in try await store.outbox(after: seq, limit: .max) {
                result.alerts.append(entry.message.json)
                seq = entry.seq
            }
            result.days += 1
        }
        result.keys =
            Set(
                try await store.tally(by: [.actor, .country], fromDay: result.firstDay, throughDay: result.lastDay)
                    .map { "\($0.actor ?? "")|\($0.country ?? "")" }
            ).count
        return result
    }
}
