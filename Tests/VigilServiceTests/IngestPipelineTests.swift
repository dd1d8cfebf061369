import Foundation
import Logging
import Testing
import VigilCore
import VigilFetch
import VigilStore
import VigilTestSupport

@testable import VigilService

/// The pipeline against a real HTTP server on 127.0.0.1, a real fetcher and a real SQLite file.
@Suite struct IngestPipelineTests {
    let server: FixtureServer
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let fetcher: Fetcher
    let clock = ManualClock()

    init() async throws {
        server = try await FixtureServer.start()
        folder = try TemporaryDirectory(prefix: "vigil-pipeline")
        store = try SQLiteStore(path: folder.appending("vigil.sqlite"))
        fetcher = Fetcher(maxConcurrent: 8, maxPerHost: 4)
    }

    func pipeline(
        _ configure: (inout PollSettings) -> Void = { _ in }, allowPrivate: Bool = false
    ) -> IngestPipeline {
        var settings = PollSettings()
        settings.interval = 900
        settings.jitter = 0
        settings.backoffInitial = 60
        settings.backoffMax = 3600
        settings.timeout = 5
        configure(&settings)
        return IngestPipeline(
            store: store, fetcher: fetcher, settings: settings, allowPrivateNetworks: allowPrivate, clock: clock,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, random: { 0 })
    }

    func feed(_ path: String, fetchArticles: Bool = false) -> FeedDefinition {
        FeedDefinition(
            url: server.url(path), fetchArticles: fetchArticles, origin: SourceLocation(file: "t.yaml", line: 1))
    }

    func finish() async {
        fetcher.shutdown()
        await server.stop()
        folder.remove()
    }

    @Test func storesItemsOnceThen304WithValidators() async throws {
        server.setRoute("/feed.xml", .xml(TestFeeds.rss(items: 0..<3)))
        let pipeline = pipeline()
        let feed = feed("/feed.xml")
        try await store.syncFeeds([feed], now: clock.now())

        let first = try #require(await pipeline.poll(feed))
        #expect(first.result == .fetched)
        #expect(first.newItems == 3)
        #expect(first.nextPoll == clock.now().addingTimeInterval(900))

        let second = try #require(await pipeline.poll(feed))
        #expect(second.result == .notModified)
        #expect(second.newItems == 0)
        let conditional = try #require(server.requests("/feed.xml").last)
        #expect(conditional.header("If-None-Match") != nil)

        // The feed changes: two old items re-issued, one new.
        server.setRoute("/feed.xml", .xml(TestFeeds.rss(items: 1..<4)))
        let third = try #require(await pipeline.poll(feed))
        #expect(third.result == .fetched)
        #expect(third.newItems == 1)
        #expect(third.duplicates == 2)
        #expect(try await store.itemCount() == 4)
        let state = try #require(try await store.feedState(url: feed.url))
        #expect(state.itemCount == 4)
        #expect(state.etag != nil)
        #expect(state.consecutiveFailures == 0)
        await finish()
    }

    @Test func gzipBodyIsDecompressed() async throws {
        server.setRoute("/gz.xml", .xml(TestFeeds.rss(items: 0..<50), compression: .gzipAlways))
        let summary = try #require(await pipeline().poll(feed("/gz.xml")))
        #expect(summary.result == .fetched)
        #expect(summary.newItems == 50)
        await finish()
    }

    @Test func serverErrorsBackOffExponentiallyAndStayScheduled() async throws {
        server.setRoute("/down.xml", .status(500))
        let pipeline = pipeline()
        let feed = feed("/down.xml")
        var delays: [TimeInterval] = []
        for _ in 0..<8 {
            let summary = try #require(await pipeline.poll(feed))
            #expect(summary.result == .failed("HTTP 500"))
            delays.append(summary.nextPoll.timeIntervalSince(clock.now()))
        }
        // Equal jitter with random 0: half the backoff; doubling from 60 s, capped at 3600 s.
        #expect(delays == [30, 60, 120, 240, 480, 960, 1800, 1800])
        let state = try #require(try await store.feedState(url: feed.url))
        #expect(state.consecutiveFailures == 8)
        #expect(state.lastError == "HTTP 500")
        #expect(state.lastStatus == 500)
        #expect(state.nextPollAt == clock.now().addingTimeInterval(1800))
        #expect(!state.isHealthy)

        server.setRoute("/down.xml", .xml(TestFeeds.rss(items: 0..<1)))
        let recovered = try #require(await pipeline.poll(feed))
        #expect(recovered.result == .fetched)
        #expect(try await store.feedState(url: feed.url)?.consecutiveFailures == 0)
        await finish()
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        server.setRoute("/busy.xml", .status(429, headers: ["Retry-After": "7200"]))
        let summary = try #require(await pipeline().poll(feed("/busy.xml")))
        #expect(summary.result == .failed("HTTP 429"))
        let state = try #require(try await store.feedState(url: server.url("/busy.xml")))
        #expect(state.nextPollAt == clock.now().addingTimeInterval(7200))

        server.setRoute("/unavailable.xml", .status(503, headers: ["Retry-After": "120"]))
        let other = try #require(await pipeline().poll(feed("/unavailable.xml")))
        #expect(other.nextPoll == clock.now().addingTimeInterval(120))
        await finish()
    }

    @Test func bodyOverTheCapIsAbortedAndRecorded() async throws {
        server.setRoute("/huge.xml", .huge(byteCount: 5_000_000))
        server.setRoute("/bomb.xml", .gzipBomb(inflatedBytes: 20_000_000))
        server.setRoute("/ok.xml", .xml(TestFeeds.rss(items: 0..<2)))
        let pipeline = pipeline { $0.maxBodyBytes = 1_000_000 }
        for path in ["/huge.xml", "/bomb.xml"] {
            let summary = try #require(await pipeline.poll(feed(path)))
            guard case .failed(let message) = summary.result else {
                Issue.record("expected a failure for \(path)")
                continue
            }
            #expect(message.contains("1000000"), "\(message)")
            #expect(try await store.feedState(url: server.url(path))?.lastError == message)
        }
        #expect(try #require(await pipeline.poll(feed("/ok.xml"))).newItems == 2)
        await finish()
    }

    @Test func slowServerTimesOut() async throws {
        server.setRoute("/slow.xml", .slow(delay: .seconds(10)))
        let summary = try #require(await pipeline { $0.timeout = 1 }.poll(feed("/slow.xml")))
        guard case .failed(let message) = summary.result else {
            Issue.record("expected a timeout")
            return
        }
        #expect(message.lowercased().contains("timed out"), "\(message)")
        await finish()
    }

    @Test func redirectsFollowedLoopsAndFileURLsRefused() async throws {
        server.setRoute("/a", .redirect(to: server.url("/b")))
        server.setRoute("/b", .redirect(to: server.url("/feed.xml"), status: 301))
        server.setRoute("/feed.xml", .xml(TestFeeds.rss(items: 0..<2)))
        server.setRoute("/loop1", .redirect(to: server.url("/loop2")))
        server.setRoute("/loop2", .redirect(to: server.url("/loop1")))
        server.setRoute("/to-file", .redirect(to: "file:///etc/passwd"))
        let pipeline = pipeline()
        #expect(try #require(await pipeline.poll(feed("/a"))).newItems == 2)
        for path in ["/loop1", "/to-file"] {
            let summary = try #require(await pipeline.poll(feed(path)))
            guard case .failed(let message) = summary.result else {
                Issue.record("expected a failure for \(path)")
                continue
            }
            #expect(message.contains("redirect"), "\(message)")
        }
        await finish()
    }

    @Test func malformedFeedsAreRecoveredOrClearlyRefused() async throws {
        let broken = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
            <item><title>Kept one</title><link>https://news.example/kept</link><guid>k1</guid></item>
            <item><title>Unclosed <b>bold</title><link>https://news.example/two</link><guid>k2</guid></item>
            """
        server.setRoute("/broken.xml", .xml(broken))
        server.setRoute("/garbage.xml", .text("this is not xml at all {", contentType: "application/xml"))
        let pipeline = pipeline()
        let recovered = try #require(await pipeline.poll(feed("/broken.xml")))
        #expect(recovered.result == .fetched)
        #expect(recovered.newItems >= 1)
        #expect(!recovered.problems.isEmpty)
        let garbage = try #require(await pipeline.poll(feed("/garbage.xml")))
        guard case .failed(let message) = garbage.result else {
            Issue.record("garbage accepted")
            return
        }
        #expect(message.hasPrefix("not a feed"), "\(message)")
        await finish()
    }

    @Test func hostileFeedsReadNoFileAndDoNotBlowUp() async throws {
        let secret = folder.appending("secret.txt")
        try "TOP-SECRET-MARKER".write(toFile: secret, atomically: true, encoding: .utf8)
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret)">]>
            <rss version="2.0"><channel><title>XXE</title>
            <item><title>Leak &xxe;</title><guid>x1</guid><description>&xxe;</description></item></channel></rss>
            """
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        laughs +=
            "]>\n<rss version=\"2.0\"><channel><title>Laughs</title><item><title>&lol9;</title><guid>l1</guid>"
            + "</item></channel></rss>\n"
        server.setRoute("/xxe.xml", .xml(xxe))
        server.setRoute("/laughs.xml", .xml(laughs))
        let pipeline = pipeline()
        _ = await pipeline.poll(feed("/xxe.xml"))
        _ = await pipeline.poll(feed("/laughs.xml"))
        let items = try await store.items(feedURL: nil, limit: 100, includePageBody: false)
        for item in items {
            #expect(!(item.title ?? "").contains("TOP-SECRET"))
            #expect(!(item.text ?? "").contains("TOP-SECRET"))
            #expect((item.title ?? "").utf8.count < 1_000_000)
        }
        await finish()
    }

    @Test func articlePagesAreFetchedAndStoredCompressed() async throws {
        let base = server.url("/story")
        server.setRoute("/with-pages.xml", .xml(TestFeeds.rss(items: 0..<3, linkBase: base)))
        server.setPrefixHandler("/story/") { request in
            request.path == "/story/2"
                ? .status(404)
                : .text(
                    "<html><head><title>Story</title></head><body><nav><a href=/>Home</a></nav><article>"
                        + "<p>Full article \(request.path), with enough words to be the main text of the page.</p>"
                        + "</article></body></html>", contentType: "text/html")
        }
        let pipeline = pipeline(allowPrivate: true)
        let summary = try #require(await pipeline.poll(feed("/with-pages.xml", fetchArticles: true)))
        #expect(summary.newItems == 3)
        #expect(summary.pagesStored == 2)
        #expect(summary.pagesFailed == 1)
        let items = try await store.items(feedURL: server.url("/with-pages.xml"), limit: 10, includePageBody: true)
        let page = try #require(items.first { $0.link == base + "/1" })
        #expect(page.pageStatus == 200)
        #expect(String(decoding: page.pageBody ?? [], as: UTF8.self).contains("Full article /story/1"))
        let article = try #require(try await store.article(itemID: page.id))
        #expect(article.text.contains("Full article /story/1"))
        #expect(article.url == base + "/1")
        // The 404 is permanent: a second poll does not fetch it again.
        let before = server.requestCount("/story/2")
        _ = await pipeline.poll(feed("/with-pages.xml", fetchArticles: true))
        #expect(server.requestCount("/story/2") == before)
        await finish()
    }

    @Test func articleLinksToPrivateAddressesAreRefusedByDefault() async throws {
        server.setRoute("/private.xml", .xml(TestFeeds.rss(items: 0..<2, linkBase: server.url("/story"))))
        server.setPrefixHandler("/story/") { _ in .text("<p>secret intranet page</p>", contentType: "text/html") }
        let summary = try #require(await pipeline(allowPrivate: false).poll(feed("/private.xml", fetchArticles: true)))
        #expect(summary.result == .fetched)  // the configured feed URL itself is trusted
        #expect(summary.newItems == 2)
        #expect(summary.pagesStored == 0)
        #expect(summary.pagesFailed == 2)
        #expect(server.requestCount("/story/0") == 0)
        await finish()
    }

    @Test func cancelledPollStoresNothingAndStaysDue() async throws {
        server.setRoute("/slow-feed.xml", .xml(TestFeeds.rss(items: 0..<5)).delayed(by: .seconds(3)))
        let pipeline = pipeline()
        let slow = feed("/slow-feed.xml")
        try await store.syncFeeds([slow], now: clock.now())
        let task = Task { await pipeline.poll(slow) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        #expect(await task.value == nil)
        #expect(try await store.itemCount() == 0)
        let state = try #require(try await store.feedState(url: slow.url))
        #expect(state.lastPolledAt == nil)
        #expect(state.nextPollAt == clock.now())
        await finish()
    }
}
