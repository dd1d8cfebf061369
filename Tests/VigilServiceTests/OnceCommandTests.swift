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

/// The pipeline analyses every stored item once its text is final, and stores the detection with it.
@Suite(.serialized) struct OnceAnalysisTests {
    @Test func everyStoredItemGetsADetection() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let items = [
            (
                "Suicide bomber kills 14 at mosque in Peshawar",
                "PESHAWAR, Pakistan — A suicide bomber blew himself up inside a crowded mosque in Peshawar on Friday, "
                    + "killing 14 worshippers and wounding 40 others, police said. The Pakistani Taliban claimed "
                    + "responsibility for the attack."
            ),
            (
                "IS-K attacks surge in Afghanistan",
                "IS-K has carried out at least 119 strikes in Afghanistan in the first four months of this year, up "
                    + "from 39 in the same period in 2021, according to a report released on Monday."
            ),
            (
                "Striker's late goal sinks rivals",
                "The striker shot the ball past the goalkeeper in the final minute, and the home side's attack "
                    + "finally broke through a stubborn defence to win the league match."
            ),
        ]
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>World</title><link>https://news.example/</link><description>t</description>

            """
        for (i, item) in items.enumerated() {
            xml += """
                <item><title>\(item.0)</title><link>https://news.example/a/\(i)</link><guid>a-\(i)</guid>
                <pubDate>Tue, 10 May 2022 08:00:00 GMT</pubDate><description>\(item.1)</description></item>

                """
        }
        server.setRoute("/world.xml", .xml(xml + "</channel></rss>\n"))
        try fixture.writeFeeds("world.yaml", urls: [server.url("/world.xml")])

        let run = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("analysed 3 items: 1 incidents, 1 roundups"), "\(run.stderr)")
        let store = try SQLiteStore(path: fixture.databasePath)
        let stored = try await store.items(feedURL: nil, limit: 10, includePageBody: false)
        #expect(stored.count == 3)
        var kinds: [String: Detection.Kind] = [:]
        for item in stored {
            let detection = try #require(
                try await store.detection(itemID: item.id), "no detection for \(item.title ?? "")")
            kinds[item.title ?? ""] = detection.kind
            if detection.kind == .incident {
                #expect(detection.country == "PK")
                #expect(detection.killed?.value == 14)
                #expect(detection.actor == "Tehrik-i-Taliban Pakistan")
            }
            if let roundup = detection.roundup {
                #expect(roundup.count == 119)
                #expect(roundup.previousCount == 39)
                #expect(roundup.period == "2022-01/2022-04")
            }
        }
        #expect(kinds[items[0].0] == .incident)
        #expect(kinds[items[1].0] == .roundup)
        #expect(kinds[items[2].0] != .incident)

        // Nothing new: a second pass analyses nothing again.
        let again = try await VigilProcess.run(["once", "--all", "--config", fixture.configPath])
        #expect(again.stderr.contains("analysed 0 items"), "\(again.stderr)")
        await server.stop()
    }
}

/// Reports of one attack from several outlets become one incident, across runs of `vigil once`.
@Suite(.serialized) struct OnceIncidentTests {
    static func rss(_ items: [(String, String, String)]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>World</title><link>https://news.example/</link><description>t</description>

            """
        for (i, item) in items.enumerated() {
            xml += """
                <item><title>\(item.0)</title><link>https://\(item.2)/story/\(i)</link><guid>\(item.2)-\(i)</guid>
                <pubDate>Tue, 10 May 2022 \(String(format: "%02d", 8 + i)):00:00 GMT</pubDate>
                <description>\(item.1)</description></item>

                """
        }
        return xml + "</channel></rss>\n"
    }

    @Test func reportsOfOneAttackMergeAndTheMergerSurvivesARestart() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let first = Self.rss([
            (
                "Suicide bomber kills 14 at mosque in Peshawar",
                "PESHAWAR, Pakistan — A suicide bomber blew himself up inside a crowded mosque in Peshawar on "
                    + "Tuesday, killing 14 worshippers and wounding 40 others, police said.", "wire.example"
            ),
            (
                "Mosque bombing in Peshawar kills at least 14",
                "A suicide attack on a mosque in the north-western city of Peshawar on Tuesday killed at least 14 "
                    + "people during midday prayers, officials said. No group has claimed responsibility.",
                "daily.example"
            ),
            (
                "Gunmen kill 9 soldiers in ambush in Mali",
                "BAMAKO, Mali — Gunmen ambushed an army convoy near Gao on Tuesday, killing nine soldiers, the army "
                    + "said.", "wire.example"
            ),
        ])
        server.setRoute("/a.xml", .xml(first))
        try fixture.writeFeeds("world.yaml", urls: [server.url("/a.xml")])
        let run = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("2 new incidents, 1 reports merged into earlier ones"), "\(run.stderr)")

        // A later report, read by a new process, joins the stored incident.
        server.setRoute(
            "/b.xml",
            .xml(
                Self.rss([
                    (
                        "Peshawar mosque bombing toll rises to 17",
                        "PESHAWAR, Pakistan — The death toll from Tuesday's suicide bombing at a mosque in Peshawar "
                            + "rose to 17 on Tuesday evening, hospital officials said.", "third.example"
                    )
                ])))
        try fixture.writeFeeds("more.yaml", urls: [server.url("/b.xml")])
        let again = try await VigilProcess.run(["once", "--config", fixture.configPath])
        #expect(again.stderr.contains("0 new incidents, 1 reports merged into earlier ones"), "\(again.stderr)")

        let store = try SQLiteStore(path: fixture.databasePath)
        let incidents = try await store.incidents(fromDay: 0, throughDay: 100_000)
        #expect(incidents.count == 2)
        let peshawar = try #require(incidents.first { $0.country == "PK" })
        #expect(peshawar.reports == 3)
        #expect(peshawar.killed == 17)
        let json = String(decoding: peshawar.json, as: UTF8.self)
        #expect(json.contains("third.example"))
        await server.stop()
    }
}
