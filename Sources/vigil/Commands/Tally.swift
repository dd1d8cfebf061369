import ArgumentParser
import Foundation
import VigilCore
import VigilService
import VigilStore

/// `vigil tally`: incidents per key over a period.
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count incidents (merged reports) per actor, country and/or type over a period.",
        discussion: """
            Incidents are counted on their event day (else the day of their first report). Safe while the daemon
            runs. On a terminal each row ends with a sparkline of its last 12 buckets.

            Examples:
              vigil tally --config config/vigil.yaml
              vigil tally --by actor,country --since 180d --weekly
              vigil tally --by country --json
            """)

    @OptionGroup var options: CommonOptions

    @Option(
        help: ArgumentHelp(
            "Group by these, comma-separated: actor, country, type.", valueName: "dimensions"))
    var by: String = "actor,country"

    @Option(help: ArgumentHelp("Count incidents of this period back from today (30d, 12w, 1y).", valueName: "age"))
    var since: String = "90d"

    @Flag(help: "Weekly buckets (default: daily).")
    var weekly = false

    @Flag(help: "Print one JSON object per key instead of a table.")
    var json = false

    func validate() throws {
        _ = try Self.dimensions(by)
        guard Self.days(since) != nil else {
            throw ValidationError("--since: '\(since)' is not an age like 30d, 12w or 1y")
        }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let dimensions = try Self.dimensions(by)
        let store: SQLiteStore
        do {
            store = try Runtime.openStore(config)
        } catch {
            throw CommandFailure(message: "vigil: \(error)")
        }
        let today = TallyReport.day(of: Date())
        let from = today - (Self.days(since) ?? 90) + 1
        let rows = try await store.tally(by: dimensions, fromDay: from, throughDay: today)
        let report = TallyReport(rows: rows, dimensions: dimensions, fromDay: from, throughDay: today, weekly: weekly)
        if json {
            for line in report.json() { print(line.serialized()) }
            return
        }
        let total = report.lines.reduce(0) { $0 + $1.total }
        print(
            TextTable.render(
                report.table(sparklines: isatty(STDOUT_FILENO) == 1), rightAligned: [dimensionCount(dimensions)]))
        print(
            "\(total) incidents from \(TallyReport.isoDay(from)) to \(TallyReport.isoDay(today)) "
                + "in \(report.lines.count) keys")
    }

    private func dimensionCount(_ dimensions: TallyDimensions) -> Int {
        [TallyDimensions.actor, .country, .eventType].filter { dimensions.contains($0) }.count
    }

    static func dimensions(_ text: String) throws -> TallyDimensions {
        var dimensions: TallyDimensions = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch part {
            case "actor": dimensions.insert(.actor)
            case "country": dimensions.insert(.country)
            case "type", "event_type": dimensions.insert(.eventType)
            default: throw ValidationError("--by: unknown dimension '\(part)' (use actor, country, type)")
            }
        }
        guard !dimensions.isEmpty else { throw ValidationError("--by: name at least one of actor, country, type") }
        return dimensions
    }

    /// Days in an age like `30d`, `12w`, `1y` (a bare number is days).
    static func days(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        let factor: Int
        var digits = Substring(trimmed)
        switch unit {
        case "d": factor = 1
        case "w": factor = 7
        case "y": factor = 365
        default:
            guard unit.isNumber else { return nil }
            factor = 1
            digits = Substring(trimmed + "x")
        }
        guard let value = Int(digits.dropLast()), value > 0, value <= 36_500 else { return nil }
        return value * factor
    }
}
