import ArgumentParser
import Foundation
import VigilCore
import VigilService
import VigilStore

/// `vigil status`: feeds with their health.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List feeds with health: last success, last error, failures, next poll, items stored.",
        discussion: """
            Safe while the daemon runs. With --json, one JSON object per feed.

            Example:
              vigil status --config config/vigil.yaml
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print one JSON object per feed instead of a table.")
    var json = false

    func run() async throws {
        let config = try options.loadConfig()
        let store: SQLiteStore
        do {
            store = try Runtime.openStore(config)
        } catch {
            throw CommandFailure(message: "vigil: \(error)")
        }
        let states = try await store.feedStates()
        let now = Date()
        if json {
            for state in states { print(Self.json(state).serialized()) }
            return
        }
        var rows = [["STATE", "FAILS", "LAST SUCCESS", "NEXT POLL", "ITEMS", "FEED"]]
        for state in states {
            let health = !state.active ? "inactive" : (state.isHealthy ? "ok" : "failing")
            var feed = state.name.map { "\($0) <\(state.url)>" } ?? state.url
            if let error = state.lastError, !state.isHealthy { feed += "  last error: \(error)" }
            rows.append([
                health, String(state.consecutiveFailures), Self.ago(state.lastSuccessAt, now: now),
                state.active ? Self.until(state.nextPollAt, now: now) : "-", String(state.itemCount), feed,
            ])
        }
        print(TextTable.render(rows, rightAligned: [1, 4]))
        let active = states.filter(\.active)
        let failing = active.filter { !$0.isHealthy }.count
        let items = states.reduce(0) { $0 + $1.itemCount }
        print(
            "\(active.count) active feeds: \(active.count - failing) healthy, \(failing) failing; "
                + "\(states.count - active.count) inactive; \(items) items stored")
    }

    static func json(_ state: FeedState) -> JSONValue {
        .object([
            ("url", .string(state.url)), ("name", .string(state.name)), ("active", .bool(state.active)),
            ("healthy", .bool(state.isHealthy)), ("consecutive_failures", .int(state.consecutiveFailures)),
            ("last_polled", .date(state.lastPolledAt)), ("last_success", .date(state.lastSuccessAt)),
            ("last_error_at", .date(state.lastErrorAt)), ("last_error", .string(state.lastError)),
            ("last_status", .int(state.lastStatus)), ("next_poll", .date(state.nextPollAt)),
            ("items", .int(state.itemCount)),
        ])
    }

    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        return DurationText.format(max(0, now.timeIntervalSince(date).rounded())) + " ago"
    }

    static func until(_ date: Date?, now: Date) -> String {
        guard let date else { return "now" }
        let delta = date.timeIntervalSince(now).rounded()
        return delta <= 0 ? "due" : "in " + DurationText.format(delta)
    }
}

/// Plain-text columns for terminal tables.
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < width - 1 { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                guard i < width - 1 else { return cell }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
