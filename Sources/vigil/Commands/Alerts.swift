import ArgumentParser
import Foundation
import VigilCore
import VigilService

#if canImport(Glibc)
    import Glibc
#endif

/// `vigil alerts`: the alert log as a table or JSON lines, optionally followed as it grows.
struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show alerts from log_dir/alerts.jsonl: a table, or raw JSON lines with --json.",
        discussion: """
            Safe while the daemon runs. --follow keeps printing new alerts, also across log rotation.

            Examples:
              vigil alerts --config config/vigil.yaml --since 7d
              vigil alerts --config config/vigil.yaml --type surge --country AF --json
              vigil alerts --config config/vigil.yaml --follow
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Keep printing alerts as they are logged (Ctrl-C to stop).")
    var follow = false

    @Option(
        help: ArgumentHelp(
            "Only alerts from the last duration (e.g. 7d, 12h) or since a date (YYYY-MM-DD).",
            valueName: "duration|date"))
    var since: String?

    @Option(help: ArgumentHelp("Only alerts of this type: surge, new_actor, reported_trend.", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("Only alerts about this actor (key.actor, any case).", valueName: "actor"))
    var actor: String?

    @Option(help: ArgumentHelp("Only alerts about this country (key.country, any case).", valueName: "country"))
    var country: String?

    @Flag(help: "Print the matching log lines as they are (one JSON object per line).")
    var json = false

    static let types = ["surge", "new_actor", "reported_trend"]

    func validate() throws {
        if let since, Self.sinceDate(since, now: Date()) == nil {
            throw ValidationError("bad --since '\(since)': write a duration such as 7d or 12h, or a date YYYY-MM-DD")
        }
        if let type, !Self.types.contains(type.lowercased()) {
            throw ValidationError("bad --type '\(type)': use one of \(Self.types.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let path = AlertSinks.logPath(config)
        let filter = AlertFilter(
            since: since.flatMap { Self.sinceDate($0, now: Date()) }, type: type, actor: actor, country: country)
        let colour = !json && isatty(STDOUT_FILENO) == 1
        let reader = AlertLogReader(path: path)
        if !follow, !FileManager.default.fileExists(atPath: path) {
            if !json { print("no alerts yet (\(path) does not exist)") }
            return
        }
        var rows: [[String]] = []
        for line in reader.readNewLines() {
            guard let record = AlertLogRecord(line: line), filter.matches(record) else { continue }
            if json {
                Self.write(line)
            } else {
                rows.append(Self.row(record, colour: colour))
            }
        }
        if !json {
            print(([Self.header] + rows).map { $0.joined(separator: "  ") }.joined(separator: "\n"))
            if !follow { print("\(rows.count) alert\(rows.count == 1 ? "" : "s")") }
        }
        guard follow else { return }
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(250))
            for line in reader.readNewLines() {
                guard let record = AlertLogRecord(line: line), filter.matches(record) else { continue }
                if json {
                    Self.write(line)
                } else {
                    print(Self.row(record, colour: colour).joined(separator: "  "))
                }
                fflush(nil)
            }
        }
    }

    static let header = ["TIME", "STATE", "TYPE", "SEVERITY", "KEY", "SUMMARY"].enumerated().map { i, name in
        i < widths.count ? name.padding(toLength: widths[i], withPad: " ", startingAt: 0) : name
    }
    /// Widths of the fixed columns (time, state, type, severity, key); the summary takes the rest.
    static let widths = [16, 8, 14, 8, 28]

    /// One table row; the colour codes are added after padding so they do not skew the columns.
    static func row(_ record: AlertLogRecord, colour: Bool) -> [String] {
        let time = record.at.map(timeFormatter.string(from:)) ?? "-"
        let key = [record.actor, record.country, record.eventType].compactMap { $0 }.joined(separator: "/")
        let state = record.state ?? "-"
        let severity = record.severity ?? "-"
        let cells = [
            time.padding(toLength: 16, withPad: " ", startingAt: 0),
            paint(state.padding(toLength: 8, withPad: " ", startingAt: 0), code: stateColour(state), on: colour),
            (record.type ?? "-").padding(toLength: 14, withPad: " ", startingAt: 0),
            paint(
                severity.padding(toLength: 8, withPad: " ", startingAt: 0), code: severityColour(severity),
                on: colour),
            (key.isEmpty ? "-" : key).padding(toLength: max(28, key.count), withPad: " ", startingAt: 0),
            record.summary ?? "",
        ]
        return cells
    }

    private static func stateColour(_ state: String) -> String? {
        switch state {
        case "firing": "1"
        case "resolved": "32"
        case "pending": "2"
        default: nil
        }
    }

    private static func severityColour(_ severity: String) -> String? {
        switch severity {
        case "high": "1;31"
        case "warning": "33"
        default: nil
        }
    }

    private static func paint(_ text: String, code: String?, on: Bool) -> String {
        guard on, let code else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    /// The start time `--since` names: `now` minus a duration, or a date.
    static func sinceDate(_ text: String, now: Date) -> Date? {
        if let seconds = DurationText.parse(text), seconds >= 0 { return now.addingTimeInterval(-seconds) }
        return AlertLogRecord.parseDate(text)
    }

    private static func write(_ line: Data) {
        FileHandle.standardOutput.write(line + Data("\n".utf8))
    }
}
