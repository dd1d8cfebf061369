import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The built `vigil` binary as operators run it: a real daemon process, real inotify, a real server, kill -9.
@Suite(.serialized) struct DaemonProcessTests {
    @Test func feedFileChangesApplyWithinTwoSecondsWithoutRestart() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        for name in ["a", "b", "c"] { server.setRoute("/\(name).xml", .xml(TestFeeds.rss(items: 0..<2, title: name))) }
        let daemon = try VigilProcess(["run", "--config", fixture.configPath])
        #expect(await daemon.waitForLog("vigil running", timeout: 20), "\(daemon.stderr)")

        // Added.
        var start = Date()
        try fixture.writeFeeds("a.yaml", urls: [server.url("/a.xml")])
        #expect(await eventually(timeout: 2) { server.requestCount("/a.xml") >= 1 }, "\(daemon.stderr)")
        let addLatency = Date().timeIntervalSince(start)

        // Changed.
        start = Date()
        try fixture.writeFeeds("a.yaml", urls: [server.url("/a.xml"), server.url("/b.xml")])
        #expect(await eventually(timeout: 2) { server.requestCount("/b.xml") >= 1 }, "\(daemon.stderr)")
        let changeLatency = Date().timeIntervalSince(start)

        // Broken: reported with file and line; the last good version stays in effect.
        try fixture.writeFeedFile("a.yaml", "feeds:\n  - url: \(server.url("/a.xml"))\n  - url: [oops\n")
        #expect(await daemon.waitForLog("a.yaml:4: YAML syntax error", timeout: 2), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("last good version stays in effect"))
        let store = try SQLiteStore(path: fixture.databasePath)
        let active = try await store.feedStates().filter(\.active).map(\.url)
        #expect(Set(active) == [server.url("/a.xml"), server.url("/b.xml")])

        // Another file still applies while a.yaml is broken.
        try fixture.writeFeeds("c.yaml", urls: [server.url("/c.xml")])
        #expect(await eventually(timeout: 2) { server.requestCount("/c.xml") >= 1 })

        // Removed: its feeds stop being scheduled (kept in the store as inactive).
        start = Date()
        try FileManager.default.removeItem(atPath: fixture.feedsDir + "/a.yaml")
        let deactivated = await eventually(timeout: 2) {
            let states = (try? await store.feedStates()) ?? []
            return states.filter(\.active).map(\.url) == [server.url("/c.xml")]
        }
        #expect(deactivated, "\(daemon.stderr)")
        let removeLatency = Date().timeIntervalSince(start)
        print("feed folder latency: add \(addLatency) s, change \(changeLatency) s, remove \(removeLatency) s")

        daemon.signal(SIGTERM)
        #expect(await daemon.wait(timeout: 5) == 0, "\(daemon.stderr)")
        await server.stop()
    }

    @Test func inboxFilesAreIngestedWhileRunning() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let daemon = try VigilProcess(["run", "--config", fixture.configPath])
        #expect(await daemon.waitForLog("vigil running", timeout: 20), "\(daemon.stderr)")

        // Written slowly in two parts: must not be read before it is closed.
        let path = fixture.inboxDir + "/slow.txt"
        _ = FileManager.default.createFile(atPath: path + ".part", contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path + ".part"))
        handle.write(Data("Headline\n\nFirst half".utf8))
        try await Task.sleep(for: .milliseconds(600))
        handle.write(Data(" and second half of the article.\n".utf8))
        try handle.close()
        _ = rename(path + ".part", path)
        try TestFeeds.rss(items: 0..<3).write(
            toFile: fixture.inboxDir + "/feed.xml", atomically: false, encoding: .utf8)
        try Data([0, 159, 146, 150, 0, 0]).write(to: URL(fileURLWithPath: fixture.inboxDir + "/junk.bin"))

        let done = fixture.inboxDir + "/done"
        let failed = fixture.inboxDir + "/failed"
        #expect(
            await eventually(timeout: 3) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: done)) ?? []
                return Set(names) == ["slow.txt", "feed.xml"]
            }, "\(daemon.stderr)")
        #expect(await eventually(timeout: 3) { FileManager.default.fileExists(atPath: failed + "/junk.bin.error") })
        let store = try SQLiteStore(path: fixture.databasePath)
        let items = try await store.items(feedURL: nil, limit: 10, includePageBody: false)
        #expect(items.count == 4)
        #expect(items.contains { $0.text == "First half and second half of the article." })
        daemon.signal(SIGTERM)
        #expect(await daemon.wait(timeout: 5) == 0)
    }

    @Test func sigtermDuringSlowPollsStopsWithinFiveSecondsAndStoresNothingHalfway() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let urls = (0..<5).map { server.url("/slow\($0).xml") }
        for i in 0..<5 { server.setRoute("/slow\(i).xml", .xml(TestFeeds.rss(items: 0..<5)).delayed(by: .seconds(30))) }
        try fixture.writeFeeds("slow.yaml", urls: urls)
        let daemon = try VigilProcess(["run", "--config", fixture.configPath])
        #expect(await eventually(timeout: 20) { server.inFlightCount >= 2 }, "\(daemon.stderr)")
        let start = Date()
        daemon.signal(SIGTERM)
        let status = await daemon.wait(timeout: 5)
        #expect(status == 0, "\(daemon.stderr)")
        print("stopped \(Date().timeIntervalSince(start)) s after SIGTERM with polls in flight")
        let store = try SQLiteStore(path: fixture.databasePath)
        #expect(try await store.itemCount() == 0)
        for state in try await store.feedStates() {
            #expect(state.lastPolledAt == nil)  // abandoned: stays due for the next start
        }
        await server.stop()
    }

    @Test func killNineMidPollLosesNothingCommittedAndDuplicatesNothing() async throws {
        let server = try await FixtureServer.start()
        let fixture = try DaemonFixture(poll: "max_concurrent: 8\nmax_per_host: 8")
        defer { fixture.remove() }
        let feeds = 60
        let perFeed = 40
        var urls: [String] = []
        for i in 0..<feeds {
            // Staggered answers, so that at any moment some polls are done and others in flight.
            let response = FixtureResponse.xml(
                TestFeeds.rss(items: 0..<perFeed, linkBase: "https://news.example/f\(i)", title: "Feed \(i)"))
            server.setRoute("/f\(i).xml", response.delayed(by: .milliseconds(40 * i)))
            urls.append(server.url("/f\(i).xml"))
        }
        try fixture.writeFeeds("many.yaml", urls: urls)
        let first = try VigilProcess(["run", "--config", fixture.configPath])
        let store = try SQLiteStore(path: fixture.databasePath)
        let started = await eventually(timeout: 30) { ((try? await store.itemCount()) ?? 0) >= perFeed * 5 }
        #expect(started, "\(first.stderr)")
        first.signal(SIGKILL)
        _ = await first.wait(timeout: 5)

        // Every feed is all-or-nothing: its items and its poll record committed together.
        let afterKill = try await store.feedStates()
        let stored = try await store.itemCount()
        #expect(stored > 0 && stored < feeds * perFeed, "kill landed after everything was stored: \(stored)")
        for state in afterKill {
            #expect(state.itemCount == 0 || state.itemCount == perFeed, "\(state.url): \(state.itemCount)")
            #expect((state.lastSuccessAt != nil) == (state.itemCount == perFeed), "\(state.url)")
        }

        // Restart: everything ends up stored exactly once.
        let second = try await VigilProcess.run(["once", "--all", "--config", fixture.configPath])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try await store.itemCount() == feeds * perFeed)
        for state in try await store.feedStates() {
            #expect(state.itemCount == perFeed)
        }
        await server.stop()
    }
}
