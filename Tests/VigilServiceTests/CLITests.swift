import Foundation
import Testing
import VigilTestSupport

/// The CLI's user-facing contract: clear one-line errors, exit codes, check-config and parse output.
@Suite struct CLITests {
    @Test func unknownFlagIsOneClearLine() async throws {
        let run = try await VigilProcess.run(["once", "--bogus"])
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("--bogus"))
        #expect(run.stderr.hasPrefix("vigil: "))
    }

    @Test func unknownSubcommandFails() async throws {
        let run = try await VigilProcess.run(["explode"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("explode"))
    }

    @Test func missingConfigIsOneClearLine() async throws {
        let run = try await VigilProcess.run(["status", "--config", "/nonexistent/vigil.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr == "vigil: cannot read config /nonexistent/vigil.yaml: no such file\n")
    }

    @Test func checkConfigPrintsEveryProblemAsFileLine() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        try "feeds:\n  - url: https://a.example/rss\n    intervall: 5m\n  - url: ftp://b.example/\n"
            .write(toFile: fixture.feedsDir + "/one.yaml", atomically: true, encoding: .utf8)
        try "feeds:\n  - url: https://A.example/rss\n".write(
            toFile: fixture.feedsDir + "/two.yaml", atomically: true, encoding: .utf8)
        try "<opml version=\"2.0\"><body><outline xmlUrl=\"javascript:alert(1)\"/></body></opml>".write(
            toFile: fixture.feedsDir + "/three.opml", atomically: true, encoding: .utf8)
        let run = try await VigilProcess.run(["check-config", "--config", fixture.configPath])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasSuffix("feeds.d/one.yaml:3: unknown key 'intervall' in a feed (did you mean 'interval'?)")
            }, "\(run.stderr)")
        #expect(lines.contains { $0.contains("feeds.d/one.yaml:4: bad URL 'ftp://b.example/'") }, "\(run.stderr)")
        #expect(lines.contains { $0.contains("feeds.d/three.opml:1:") }, "\(run.stderr)")
        #expect(lines.count == 3, "\(run.stderr)")

        // Fix one.yaml: the duplicate across files is now the problem.
        try "feeds:\n  - url: https://a.example/rss\n".write(
            toFile: fixture.feedsDir + "/one.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: fixture.feedsDir + "/three.opml")
        let again = try await VigilProcess.run(["check-config", "--config", fixture.configPath])
        #expect(again.status == 1)
        #expect(
            again.stderr.contains("two.yaml:2: duplicate feed https://A.example/rss (already defined at"),
            "\(again.stderr)")

        try FileManager.default.removeItem(atPath: fixture.feedsDir + "/two.yaml")
        let ok = try await VigilProcess.run(["check-config", "--config", fixture.configPath])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("OK; 1 feeds"))
    }

    @Test func checkConfigOnBrokenDaemonConfig() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        try "state_dir: s\npoll:\n  interval: fast\n  timout: 3s\n".write(
            toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let run = try await VigilProcess.run(["check-config", "--config", fixture.configPath])
        #expect(run.status == 1)
        #expect(run.stderr.contains("vigil.yaml:3: 'interval': bad duration 'fast'"), "\(run.stderr)")
        #expect(
            run.stderr.contains("vigil.yaml:4: unknown key 'timout' in 'poll' (did you mean 'timeout'?)"),
            "\(run.stderr)")
    }

    @Test func shippedConfigIsValid() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let run = try await VigilProcess.run([
            "check-config", "--config", root.appendingPathComponent("config/vigil.yaml").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func parsePrintsFeedThenItemsAsJSONLines() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(TestFeeds.rss(items: 0..<2), to: "feed.xml")
        let run = try await VigilProcess.run(["parse", path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(feed["kind"] as? String == "feed")
        #expect(feed["format"] as? String == "rss20")
        #expect(feed["source"] as? String == path)
        #expect(feed["subtitle"] as? String == "Test")
        #expect(feed.keys.contains("author") && feed["author"] is NSNull)
        let item = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(item["kind"] as? String == "item")
        #expect(item["id"] as? String == "story-0")
        #expect(item["published"] as? String == "2022-05-02T10:00:00Z")
        #expect(item["summary"] as? String == "<p>Body of story 0.</p>")
    }

    @Test func parseOfNonFeedFailsNamingTheInput() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let good = try folder.write(TestFeeds.rss(items: 0..<1), to: "good.xml")
        let bad = try folder.write("just words", to: "words.txt")
        let run = try await VigilProcess.run(["parse", bad, good, "/nonexistent.xml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("vigil: \(bad):"))
        #expect(run.stderr.contains("vigil: /nonexistent.xml:"))
        #expect(run.stdout.split(separator: "\n").count == 2)  // the good one is still printed
    }

    @Test func parseFetchesURLs() async throws {
        let server = try await FixtureServer.start()
        server.setRoute("/f.xml", .xml(TestFeeds.rss(items: 0..<1)))
        let run = try await VigilProcess.run(["parse", server.url("/f.xml")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 2)
        await server.stop()
    }
}

@Suite struct ArticleCLITests {
    @Test func parsePrintsAnArticleLineForHTML() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let page = try folder.write(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Blast hits market</title></head><body><article>"
                + "<p>A blast hit a crowded market on Friday, officials said.</p></article></body></html>",
            to: "page.html")
        let run = try await VigilProcess.run(["parse", page])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "article")
        #expect(object["source"] as? String == page)
        #expect((object["text"] as? String)?.contains("A blast hit a crowded market on Friday") == true)
        for key in ["url", "canonical_url", "title", "author", "published", "modified", "language", "site_name"] {
            #expect(object.keys.contains(key), "\(key)")
        }
    }

    @Test func reprocessReportsItsCount() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        try "<html><head><title>T</title></head><body><p>Some article text that is long enough.</p></body></html>"
            .write(toFile: fixture.inboxDir + "/a.html", atomically: true, encoding: .utf8)
        let once = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(once.stderr.contains("inbox: 1 ingested"), "\(once.stderr)")
        let none = try await VigilProcess.run(["reprocess", "--config", fixture.configPath])
        #expect(none.status == 0)
        #expect(none.stderr.contains("re-extracted 0 pages"), "\(none.stderr)")
        let all = try await VigilProcess.run(["reprocess", "--all", "--config", fixture.configPath])
        #expect(all.stderr.contains("re-extracted 1 page with extractor version"), "\(all.stderr)")
    }
}
