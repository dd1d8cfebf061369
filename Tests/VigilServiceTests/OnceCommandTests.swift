import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// `vigil once` over many feeds listed in an OPML file: every item stored once; a second pass is all 304s.
@Suite(.serialized) struct OnceCommandTests {
    @Test func twoHundredFeedsFromOPMLThenAllNotModified() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture(poll: "max_concurrent: 32\nmax_per_host: 32")
        defer { fixture.remove() }
        let feeds = 200
        let perFeed = 10
        var outlines = ""
        for i in 0..<feeds {
            server.setRoute(
                "/feeds/\(i).xml",
                .xml(
                    TestFeeds.rss(items: 0..<perFeed, linkBase: "https://news.example/\(i)", title: "Feed \(i)"),
                    compression: .gzip))
            outlines += "    <outline type=\"rss\" text=\"Feed \(i)\" xmlUrl=\"\(server.url("/feeds/\(i).xml"))\"/>\n"
        }
        let opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0"><head><title>Local</title></head><body>
            <outline text="Local" title="local">
            \(outlines)</outline>
            </body></opml>
            """
        try opml.write(toFile: fixture.feedsDir + "/local.opml", atomically: true, encoding: .utf8)

        let first = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stderr.contains(
                "polled \(feeds) feeds: \(feeds) fetched, 0 not modified, 0 failed; \(feeds * perFeed) new items"),
            "\(first.stderr)")
        let store = try SQLiteStore(path: fixture.databasePath)
        #expect(try await store.itemCount() == feeds * perFeed)

        // Nothing is due yet: a plain `once` polls nothing.
        let notDue = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(notDue.stderr.contains("polled 0 feeds"), "\(notDue.stderr)")

        server.resetLog()
        let second = try await VigilProcess.run(["once", "--all", "--config", fixture.configPath])
        #expect(second.status == 0)
        #expect(
            second.stderr.contains("polled \(feeds) feeds: 0 fetched, \(feeds) not modified, 0 failed; 0 new items"),
            "\(second.stderr)")
        #expect(server.totalRequestCount == feeds)
        #expect(try await store.itemCount() == feeds * perFeed)
        for state in try await store.feedStates() {
            #expect(state.itemCount == perFeed)
            #expect(state.isHealthy)
        }
        await server.stop()
    }

    @Test func offlineFeedsBackOffAndInboxIsStillIngested() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        // Nothing listens on port 9 of 127.0.0.1: connection refused, as when the network is down.
        try fixture.writeFeeds("down.yaml", urls: ["http://127.0.0.1:9/feed.xml"])
        try "Title\n\nSome text.".write(toFile: fixture.inboxDir + "/note.txt", atomically: true, encoding: .utf8)
        let run = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 failed"))
        #expect(run.stderr.contains("inbox: 1 ingested"))
        let store = try SQLiteStore(path: fixture.databasePath)
        let state = try #require(try await store.feedStates().first)
        #expect(state.consecutiveFailures == 1)
        #expect(state.lastError?.isEmpty == false)
        #expect((state.nextPollAt ?? .distantPast) > Date())

        let status = try await VigilProcess.run(["status", "--config", fixture.configPath])
        #expect(status.stdout.contains("failing"))
        #expect(status.stdout.contains("http://127.0.0.1:9/feed.xml"))
    }
}
