import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `vigil alerts` run as the built binary: filters, JSON lines, the table, bad flags and --follow across rotation.
@Suite struct AlertsCommandTests {
    static func line(
        seq: Int, at: String, type: String = "surge", actor: String? = "IS-K", country: String = "AF",
        summary: String = "IS-K attacks in Afghanistan: 21 in the last 56 days vs 6.2 expected (3.4×, p=0.0001)"
    ) -> String {
        let actorJSON = actor.map { "\"\($0)\"" } ?? "null"
        return """
            {"seq":\(seq),"id":"a\(seq)","at":"\(at)","state":"firing","type":"\(type)","severity":"high",\
            "key":{"actor":\(actorJSON),"country":"\(country)","event_type":null},"summary":"\(summary)"}
            """
    }

    static func fixture(_ lines: [String]) throws -> (folder: TemporaryDirectory, config: String, log: String) {
        let folder = try TemporaryDirectory()
        let config = try folder.write("log_dir: logs\nstate_dir: state\n", to: "vigil.yaml")
        let log = try folder.write(lines.map { $0 + "\n" }.joined(), to: "logs/alerts.jsonl")
        return (folder, config, log)
    }

    static var recent: String { ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600)) }

    @Test func filtersAndPrintsJSONLines() async throws {
        let lines = [
            Self.line(seq: 1, at: "2020-01-01T00:00:00Z"),
            Self.line(seq: 2, at: Self.recent),
            Self.line(
                seq: 3, at: Self.recent, type: "new_actor", actor: "JNIM", country: "ML", summary: "JNIM in Mali"),
            #"{"seq":4,"id":"a4","at":"#,  // a line cut short by a crash
        ]
        let (folder, config, _) = try Self.fixture(lines)
        defer { folder.remove() }

        let all = try await VigilProcess.run(["alerts", "--config", config, "--json"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout == lines[0...2].map { $0 + "\n" }.joined())

        let recent = try await VigilProcess.run(["alerts", "--config", config, "--json", "--since", "7d"])
        #expect(recent.stdout == lines[1...2].map { $0 + "\n" }.joined())

        let typed = try await VigilProcess.run(["alerts", "--config", config, "--json", "--type", "new_actor"])
        #expect(typed.stdout == lines[2] + "\n")

        let byActor = try await VigilProcess.run(["alerts", "--config", config, "--json", "--actor", "is-k"])
        #expect(byActor.stdout == lines[0...1].map { $0 + "\n" }.joined())

        let byCountry = try await VigilProcess.run(["alerts", "--config", config, "--json", "--country", "ml"])
        #expect(byCountry.stdout == lines[2] + "\n")

        let table = try await VigilProcess.run(["alerts", "--config", config, "--country", "ML"])
        #expect(table.status == 0)
        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3, "\(table.stdout)")
        #expect(rows.first?.hasPrefix("TIME") == true)
        #expect(rows[1].contains("new_actor") && rows[1].contains("JNIM/ML") && rows[1].hasSuffix("JNIM in Mali"))
        #expect(!table.stdout.contains("\u{1B}["))  // no colour when stdout is a pipe
        #expect(rows[2] == "1 alert")
    }

    @Test func badFlagsAreOneLineWithUsageStatus() async throws {
        let (folder, config, _) = try Self.fixture([])
        defer { folder.remove() }
        for arguments in [["--since", "soon"], ["--type", "boom"], ["--colour"]] {
            let run = try await VigilProcess.run(["alerts", "--config", config] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }

    @Test func followPrintsNewAlertsAcrossRotation() async throws {
        let (folder, config, log) = try Self.fixture([Self.line(seq: 1, at: Self.recent)])
        defer { folder.remove() }
        let child = try VigilProcess(["alerts", "--config", config, "--json", "--follow"])
        defer { child.signal(SIGKILL) }
        #expect(await eventually(timeout: 20) { child.stdout.contains("\"seq\":1,") })

        let handle = try #require(FileHandle(forWritingAtPath: log))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((Self.line(seq: 2, at: Self.recent) + "\n").utf8))
        try handle.close()
        #expect(await eventually(timeout: 10) { child.stdout.contains("\"seq\":2,") })

        #expect(rename(log, log + ".1") == 0)
        try (Self.line(seq: 3, at: Self.recent, country: "SY") + "\n").write(
            toFile: log, atomically: false, encoding: .utf8)
        #expect(await eventually(timeout: 10) { child.stdout.contains("\"seq\":3,") }, "\(child.stdout)")
        let seqs = child.stdout.split(separator: "\n").count
        #expect(seqs == 3)
        child.signal(SIGTERM)
        _ = await child.wait(timeout: 5)
    }
}
