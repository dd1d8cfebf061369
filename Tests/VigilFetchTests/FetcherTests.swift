import Foundation
import Testing
import VigilCore
import VigilFetch
import VigilTestSupport

/// Fetcher against a real HTTP server on 127.0.0.1.
@Suite struct FetcherTests {
    static let rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title>
        <item><title>Explosion reported near harbour</title><link>https://example.org/a</link></item>
        </channel></rss>
        """

    /// Limits for tests: loopback allowed, short timeouts.
    static func limits(
        timeout: TimeInterval = 10, maxBodyBytes: Int = 10 * 1024 * 1024, allowPrivate: Bool = true
    ) -> FetchLimits {
        FetchLimits(
            connectTimeout: 5, timeout: timeout, maxBodyBytes: maxBodyBytes, userAgent: "VigilTest/1.0",
            allowPrivateNetworks: allowPrivate)
    }

    static func request(
        _ url: String, limits: FetchLimits = limits(), etag: String? = nil, lastModified: String? = nil
    ) -> FetchRequest {
        FetchRequest(url: url, etag: etag, lastModified: lastModified, limits: limits)
    }

    /// The error `body` throws, which must be a `FetchError`.
    static func fetchError(_ body: () async throws -> FetchResponse) async -> FetchError? {
        do {
            let response = try await body()
            Issue.record("expected an error, got status \(response.status)")
            return nil
        } catch let error as FetchError {
            return error
        } catch {
            Issue.record("expected a FetchError, got \(error)")
            return nil
        }
    }

    /// Waits (a few seconds at most) until `condition` holds.
    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    // MARK: - Responses

    @Test func conditionalGetAnswers304ThenNewContent() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/feed.xml", .xml(Self.rss))

        var request = Self.request(server.url("/feed.xml"))
        request.accept = "application/rss+xml"
        let first = try await fetcher.fetch(request)
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self) == Self.rss)
        #expect(first.contentType == "application/rss+xml; charset=utf-8")
        #expect(first.headers["content-type"] == first.contentType)
        #expect(first.url == server.url("/feed.xml"))
        #expect(first.redirectCount == 0)
        #expect(first.duration > 0)
        let etag = try #require(first.etag)
        let lastModified = try #require(first.lastModified)

        let second = try await fetcher.fetch(
            Self.request(server.url("/feed.xml"), etag: etag, lastModified: lastModified))
        #expect(second.status == 304)
        #expect(second.isNotModified)
        #expect(second.body.isEmpty)

        let seen = server.requests("/feed.xml")
        #expect(seen.count == 2)
        #expect(seen[0].header("If-None-Match") == nil)
        #expect(seen[0].header("Accept") == "application/rss+xml")
        #expect(seen[0].header("User-Agent") == "VigilTest/1.0")
        #expect(seen[1].header("If-None-Match") == etag)
        #expect(seen[1].header("If-Modified-Since") == lastModified)

        // A new item: the old validators no longer match.
        let updated = Self.rss.replacingOccurrences(of: "harbour", with: "airport")
        server.setRoute("/feed.xml", .xml(updated))
        let third = try await fetcher.fetch(Self.request(server.url("/feed.xml"), etag: etag))
        #expect(third.status == 200)
        #expect(String(decoding: third.body, as: UTF8.self) == updated)
        #expect(third.etag != etag)
        await server.stop()
    }

    @Test func gzipBodyIsDecompressed() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        let text = String(repeating: "Earthquake of magnitude 6.1 strikes the coast. ", count: 2000)
        server.setRoute("/big.txt", .text(text, compression: .gzip))

        let response = try await fetcher.fetch(Self.request(server.url("/big.txt")))
        #expect(response.status == 200)
        #expect(response.headers["content-encoding"] == "gzip")
        #expect(String(decoding: response.body, as: UTF8.self) == text)
        #expect(response.wireBytes > 0)
        #expect(response.wireBytes < response.body.count / 10)
        let acceptEncoding = server.requests("/big.txt").first?.header("Accept-Encoding") ?? ""
        #expect(acceptEncoding.contains("gzip"))
        await server.stop()
    }

    @Test func errorStatusesAreResponses() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/broken", .status(500, body: "boom"))
        server.setRoute("/busy", .status(429, headers: ["Retry-After": "120"]))
        server.setRoute("/down", .status(503, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]))
        server.setRoute("/gone", .status(404))

        let broken = try await fetcher.fetch(Self.request(server.url("/broken")))
        #expect(broken.status == 500)
        #expect(String(decoding: broken.body, as: UTF8.self) == "boom")
        #expect(broken.retryAfter == nil)
        let busy = try await fetcher.fetch(Self.request(server.url("/busy")))
        #expect(busy.status == 429)
        #expect(busy.retryAfter == "120")
        let down = try await fetcher.fetch(Self.request(server.url("/down")))
        #expect(down.status == 503)
        #expect(down.retryAfter == "Wed, 21 Oct 2015 07:28:00 GMT")
        let missing = try await fetcher.fetch(Self.request(server.url("/nothing-here")))
        #expect(missing.status == 404)
        #expect(!missing.isNotModified)
        await server.stop()
    }

    // MARK: - Redirects and schemes

    @Test func redirectChainIsFollowed() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/r1", .redirect(to: "/r2", status: 301).header("X-Hop", "1"))
        server.setRoute("/r2", .redirect(to: server.url("/r3"), status: 302))
        server.setRoute("/r3", .redirect(to: "/final", status: 307))
        server.setRoute("/final", .text("arrived").header("X-Final", "yes"))

        let response = try await fetcher.fetch(Self.request(server.url("/r1")))
        #expect(response.status == 200)
        #expect(response.url == server.url("/final"))
        #expect(response.redirectCount == 3)
        #expect(String(decoding: response.body, as: UTF8.self) == "arrived")
        #expect(response.headers["x-final"] == "yes")
        #expect(response.headers["x-hop"] == nil)
        #expect(response.headers["location"] == nil)
        #expect(server.requestCount("/final") == 1)
        await server.stop()
    }

    @Test func redirectLoopFailsWithTooManyRedirects() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/loop", .redirect(to: "/loop"))

        let error = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/loop"))) }
        #expect(error?.code == .tooManyRedirects)
        #expect(error?.url == server.url("/loop"))
        #expect(error?.message == "more than 5 redirects")
        #expect(server.requestCount("/loop") == 6)
        await server.stop()
    }

    @Test func redirectToFileIsRefused() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/evil", .redirect(to: "file:///etc/passwd"))

        let error = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/evil"))) }
        #expect(error?.code == .disallowedScheme)
        #expect(error?.message.contains("redirect to file:// refused") == true)
        await server.stop()
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/", "dict://127.0.0.1/"])
    func nonHTTPURLsAreRefusedBeforeAnyIO(url: String) async throws {
        let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
        defer { fetcher.shutdown() }
        let error = await Self.fetchError { try await fetcher.fetch(Self.request(url)) }
        #expect(error?.code == .disallowedScheme)
        #expect(error?.url == url)
    }

    @Test(arguments: ["not a url", "http://", "", "http://exa mple.org/"])
    func malformedURLIsAnError(url: String) async throws {
        let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
        defer { fetcher.shutdown() }
        let error = await Self.fetchError { try await fetcher.fetch(Self.request(url)) }
        #expect(error?.code == .other)
        #expect(error?.message.hasPrefix("invalid URL") == true)
    }

    // MARK: - Limits

    @Test func bodyOverTheCapIsRefusedAndTheFetcherKeepsWorking() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/huge", .huge(byteCount: 50 * 1024 * 1024))
        server.setRoute("/huge-declared", .huge(byteCount: 50 * 1024 * 1024, declareLength: true))
        server.setRoute("/small", .text("fine"))

        let started = ContinuousClock.now
        let chunked = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/huge"))) }
        #expect(chunked?.code == .tooLarge)
        #expect(chunked?.message == "body exceeds 10485760 bytes")
        let declared = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/huge-declared"))) }
        #expect(declared?.code == .tooLarge)
        #expect(ContinuousClock.now - started < .seconds(20))

        let small = try await fetcher.fetch(Self.request(server.url("/small")))
        #expect(String(decoding: small.body, as: UTF8.self) == "fine")
        await server.stop()
    }

    @Test func gzipBombIsStoppedWhileInflating() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        let bomb = FixtureResponse.gzipBomb(inflatedBytes: 64 * 1024 * 1024)
        if case .data(let compressed) = bomb.body { #expect(compressed.count < 1024 * 1024) }
        server.setRoute("/bomb.xml", bomb)
        server.setRoute("/small", .text("fine"))

        let limits = Self.limits(maxBodyBytes: 1024 * 1024)
        let error = await Self.fetchError {
            try await fetcher.fetch(Self.request(server.url("/bomb.xml"), limits: limits))
        }
        #expect(error?.code == .tooLarge)
        #expect(error?.message == "body exceeds 1048576 bytes")

        let small = try await fetcher.fetch(Self.request(server.url("/small"), limits: limits))
        #expect(small.status == 200)
        await server.stop()
    }

    @Test func slowServerTimesOut() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/stalled", .slow(delay: .seconds(20), chunks: 1))
        server.setRoute("/drip", .slow(chunk: "x", chunks: 100, interval: .milliseconds(200)))

        let limits = Self.limits(timeout: 1)
        let started = ContinuousClock.now
        let stalled = await Self.fetchError {
            try await fetcher.fetch(Self.request(server.url("/stalled"), limits: limits))
        }
        #expect(stalled?.code == .timeout)
        #expect(stalled?.message == "transfer timed out after 1000 ms")
        let drip = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/drip"), limits: limits)) }
        #expect(drip?.code == .timeout)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .seconds(2))
        #expect(elapsed < .seconds(8))
        await server.stop()
    }

    @Test func closedPortFailsToConnect() async throws {
        let server = try await FixtureServer.start()
        let url = server.url("/feed.xml")
        await server.stop()
        let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
        defer { fetcher.shutdown() }
        let error = await Self.fetchError { try await fetcher.fetch(Self.request(url)) }
        #expect(error?.code == .connectFailed)
    }

    // MARK: - Private networks

    @Test func loopbackIsRefusedUnlessAllowed() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/feed.xml", .xml(Self.rss))

        let refused = await Self.fetchError {
            try await fetcher.fetch(Self.request(server.url("/feed.xml"), limits: Self.limits(allowPrivate: false)))
        }
        #expect(refused?.code == .privateAddress)
        #expect(refused?.message.contains("127.0.0.1") == true)
        let byName = await Self.fetchError {
            let url = "http://localhost:\(server.port)/feed.xml"
            return try await fetcher.fetch(Self.request(url, limits: Self.limits(allowPrivate: false)))
        }
        #expect(byName?.code == .privateAddress)
        #expect(server.totalRequestCount == 0)

        let allowed = try await fetcher.fetch(
            Self.request(server.url("/feed.xml"), limits: Self.limits(allowPrivate: true)))
        #expect(allowed.status == 200)
        #expect(server.totalRequestCount == 1)

        // The connection kept alive for the allowed fetch must not carry a refused one.
        let reused = await Self.fetchError {
            try await fetcher.fetch(Self.request(server.url("/feed.xml"), limits: Self.limits(allowPrivate: false)))
        }
        #expect(reused?.code == .privateAddress)
        #expect(server.totalRequestCount == 1)
        await server.stop()
    }

    @Test func redirectToAnotherHostOpensANewConnection() async throws {
        // 127.0.0.1 → localhost: a different host, so the redirect goes through a new connection. Offline there is
        // no public first hop, so the refusal below happens on the first connection, not on the redirect's.
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/hop", .redirect(to: "http://localhost:\(server.port)/feed.xml"))
        server.setRoute("/feed.xml", .xml(Self.rss))

        let allowed = try await fetcher.fetch(Self.request(server.url("/hop")))
        #expect(allowed.status == 200)
        #expect(allowed.redirectCount == 1)
        #expect(allowed.url == "http://localhost:\(server.port)/feed.xml")

        let refused = await Self.fetchError {
            try await fetcher.fetch(Self.request(server.url("/hop"), limits: Self.limits(allowPrivate: false)))
        }
        #expect(refused?.code == .privateAddress)
        await server.stop()
    }

    // MARK: - Concurrency

    @Test func perHostLimitIsRespected() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 8, maxPerHost: 2)
        defer { fetcher.shutdown() }
        let slow = FixtureResponse.text("ok").delayed(by: .milliseconds(150))
        server.setPrefixHandler("/slow/") { _ in slow }

        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<10 {
                group.addTask { try await fetcher.fetch(Self.request(server.url("/slow/\(index)"))).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.totalRequestCount == 10)
        #expect(server.maxInFlight == 2)
        await server.stop()
    }

    @Test func totalLimitIsRespectedAcrossHosts() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 3, maxPerHost: 2)
        defer { fetcher.shutdown() }
        let slow = FixtureResponse.text("ok").delayed(by: .milliseconds(150))
        server.setPrefixHandler("/slow/") { _ in slow }

        // 127.0.0.1 and localhost are two hosts to the fetcher and one server here.
        let hosts = ["http://127.0.0.1:\(server.port)", "http://localhost:\(server.port)"]
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<12 {
                let url = "\(hosts[index % 2])/slow/\(index)"
                group.addTask { try await fetcher.fetch(Self.request(url)).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.maxInFlight == 3)
        await server.stop()
    }

    @Test func manyConcurrentFetchesAllSucceed() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 16, maxPerHost: 8)
        defer { fetcher.shutdown() }
        server.setPrefixHandler("/item/") { request in .text("body of \(request.path)") }

        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await fetcher.fetch(Self.request(server.url("/item/\(index)")))
                    #expect(response.status == 200)
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(bodies.count == 200)
        #expect((0..<200).allSatisfy { bodies[$0] == "body of /item/\($0)" })
        #expect(server.maxInFlight <= 8)
        await server.stop()
    }

    // MARK: - Cancellation and shutdown

    @Test func cancellingTheTaskAbandonsTheFetch() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/stalled", .slow(delay: .seconds(20), chunks: 1))
        server.setRoute("/small", .text("fine"))

        let task = Task {
            try await fetcher.fetch(Self.request(server.url("/stalled"), limits: Self.limits(timeout: 30)))
        }
        try await Self.waitUntil { server.requestCount("/stalled") == 1 }
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let error = await Self.fetchError { try await task.value }
        #expect(error?.code == .cancelled)
        #expect(ContinuousClock.now - cancelledAt < .seconds(3))

        let small = try await fetcher.fetch(Self.request(server.url("/small")))
        #expect(small.status == 200)
        await server.stop()
    }

    @Test func fetchInAlreadyCancelledTaskDoesNoIO() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 4, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/small", .text("fine"))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await fetcher.fetch(Self.request(server.url("/small")))
        }
        let error = await Self.fetchError { try await task.value }
        #expect(error?.code == .cancelled)
        #expect(server.totalRequestCount == 0)
        await server.stop()
    }

    @Test func shutdownEndsFetchesInFlightAndWaiting() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 2, maxPerHost: 2)
        server.setRoute("/stalled", .slow(delay: .seconds(20), chunks: 1))
        server.setRoute("/small", .text("fine"))

        let started = ContinuousClock.now
        let tasks = (0..<5).map { _ in
            Task { try await fetcher.fetch(Self.request(server.url("/stalled"), limits: Self.limits(timeout: 30))) }
        }
        // Two run, three wait for a slot.
        try await Self.waitUntil { server.requestCount("/stalled") == 2 }
        fetcher.shutdown()
        for task in tasks {
            let error = await Self.fetchError { try await task.value }
            #expect(error?.code == .cancelled)
        }
        #expect(ContinuousClock.now - started < .seconds(10))

        let after = await Self.fetchError { try await fetcher.fetch(Self.request(server.url("/small"))) }
        #expect(after?.code == .cancelled)
        fetcher.shutdown()
        #expect(server.requestCount("/small") == 0)
        await server.stop()
    }

    @Test func shutdownOfUnusedFetcherReturns() {
        let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
        fetcher.shutdown()
        fetcher.shutdown()
    }

    @Test func limitsFromPollSettings() {
        var settings = PollSettings()
        settings.connectTimeout = 3
        settings.timeout = 7
        settings.maxBodyBytes = 1234
        let limits = FetchLimits(settings: settings, allowPrivateNetworks: true)
        #expect(limits.connectTimeout == 3)
        #expect(limits.timeout == 7)
        #expect(limits.maxBodyBytes == 1234)
        #expect(limits.maxRedirects == 5)
        #expect(limits.userAgent == settings.userAgent)
        #expect(limits.allowPrivateNetworks)
    }
}
