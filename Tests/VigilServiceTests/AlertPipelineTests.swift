import Foundation
import Testing
import VigilCore
import VigilStore

/// From an inbox file to `logs/alerts.jsonl`, through the built binary.
@Suite(.serialized) struct AlertPipelineTests {
    static let seed = """
        {"id":"seed-1","url":"https://news.example/iskp-surge","published":"2022-05-10T08:00:00Z",\
        "title":"IS-K attacks surge in Afghanistan","text":"IS-K has carried out at least 119 strikes in \
        Afghanistan in the first four months of this year, up from 39 in the same period in 2021, according to a \
        report by a monitoring group released on Monday."}
        """

    static func alertLines(_ fixture: DaemonFixture) throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: fixture.root + "/logs/alerts.jsonl", encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func aSeedRoundupInTheInboxGivesOneReportedTrendAlert() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        try (Self.seed + "\n").write(toFile: fixture.inboxDir + "/seed.jsonl", atomically: true, encoding: .utf8)
        let run = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 alerts"), "\(run.stderr)")
        let alerts = try Self.alertLines(fixture)
        #expect(alerts.count == 1)
        let alert = try #require(alerts.first)
        #expect(alert["type"] as? String == "reported_trend")
        #expect(alert["state"] as? String == "firing")
        #expect((alert["seq"] as? Int ?? 0) >= 1)
        let key = try #require(alert["key"] as? [String: Any])
        #expect(key["actor"] as? String == "Islamic State Khorasan Province")
        #expect(key["country"] as? String == "AF")
        let summary = try #require(alert["summary"] as? String)
        #expect(summary.contains("119"))
        #expect(summary.contains("39"))
        #expect(summary.contains("Afghanistan"))
        let source = try #require(alert["source"] as? [String: Any])
        #expect(source["url"] as? String == "https://news.example/iskp-surge")

        // The same roundup carried by another outlet: the same alert, not sent again.
        let copy = Self.seed.replacingOccurrences(of: "seed-1", with: "seed-2")
            .replacingOccurrences(of: "news.example/iskp-surge", with: "other.example/isk")
            .replacingOccurrences(of: "according to a report", with: "said a report")
        try (copy + "\n").write(toFile: fixture.inboxDir + "/copy.jsonl", atomically: true, encoding: .utf8)
        let again = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.alertLines(fixture).count == 1)

        // The claimed counts never enter Vigil's own tallies.
        let store = try SQLiteStore(path: fixture.databasePath)
        #expect(try await store.incidents(fromDay: 0, throughDay: 100_000).isEmpty)
    }
}

/// `vigil replay` on a synthetic stream: a surge on the rising key, nothing on the quiet ones.
@Suite(.serialized) struct ReplayTests {
    @Test func aTriplingKeyAlertsAndQuietKeysDoNot() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let keys = [
            SyntheticStream.Key(
                actor: "al-Shabaab", country: "SO", places: ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne"],
                rate: 1, riseRate: 4, riseDay: 500),
            SyntheticStream.Key(
                actor: "Boko Haram", country: "NG", places: ["Maiduguri", "Damboa", "Gwoza", "Bama"], rate: 1,
                riseRate: 1, riseDay: 10_000),
            SyntheticStream.Key(
                actor: "Islamic State Khorasan Province", country: "AF", places: ["Jalalabad", "Kabul", "Kunduz"],
                rate: 0.5, riseRate: 0.5, riseDay: 10_000),
        ]
        let start = try #require(ISO8601DateFormatter().date(from: "2021-01-04T00:00:00Z"))
        let stream = SyntheticStream.articles(keys: keys, days: 560, start: start, seed: 7)
        let path = fixture.root + "/stream.jsonl"
        try stream.write(toFile: path, atomically: true, encoding: .utf8)
        if let keep = ProcessInfo.processInfo.environment["VIGIL_KEEP_STREAM"] {
            try stream.write(toFile: keep, atomically: true, encoding: .utf8)
        }

        let run = try await VigilProcess.run(["replay", "--config", fixture.configPath, path])
        #expect(run.status == 0, "\(run.stderr)")
        let records = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let surges = records.filter { $0["type"] as? String == "surge" && $0["state"] as? String == "firing" }
        let keysAlerted = Set(surges.compactMap { ($0["key"] as? [String: Any])?["country"] as? String })
        #expect(keysAlerted == ["SO"], "\(run.stderr)\n\(surges.map { $0["summary"] ?? "" })")
        // The rise starts on 2022-05-19 (day 500); an alert fires within 8 weeks of it. (Before it the rising key
        // is a rate-1 Poisson stream like the others: its daily tests may fire by chance, about 0.4 times per
        // key-year in the simulator, so the test does not forbid that.)
        let afterRise = surges.compactMap { $0["at"] as? String }.filter { $0 >= "2022-05-19" && $0 <= "2022-07-14" }
        #expect(!afterRise.isEmpty, "\(surges.map { $0["summary"] ?? "" })")
        #expect(run.stderr.contains("replayed"))

        // The same input gives the same output.
        let again = try await VigilProcess.run(["replay", "--config", fixture.configPath, path])
        #expect(again.stdout == run.stdout)
    }
}
