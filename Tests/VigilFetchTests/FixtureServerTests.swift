import Foundation
import Testing
import VigilFetch
import VigilTestSupport

/// The loopback fixture server itself, driven through the fetcher (the daemon's tests rely on both).
@Suite struct FixtureServerTests {
    static func get(
        _ fetcher: Fetcher, _ url: String, etag: String? = nil, lastModified: String? = nil
    ) async throws -> FetchResponse {
        let limits = FetchLimits(connectTimeout: 5, timeout: 10, allowPrivateNetworks: true)
        return try await fetcher.fetch(FetchRequest(url: url, etag: etag, lastModified: lastModified, limits: limits))
    }

    @Test func servesAFolderWithValidators() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("<rss version=\"2.0\"><channel/></rss>", to: "feeds/a.rss")
        try folder.write("secret", to: "outside.txt")
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 2, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.serveDirectory(folder.appending("feeds"), at: "/feeds")

        let first = try await Self.get(fetcher, server.url("/feeds/a.rss"))
        #expect(first.status == 200)
        #expect(String(decoding: first.body, as: UTF8.self) == "<rss version=\"2.0\"><channel/></rss>")
        #expect(first.contentType == "application/rss+xml; charset=utf-8")
        let lastModified = try #require(first.lastModified)

        // Last-Modified alone also validates.
        let second = try await Self.get(fetcher, server.url("/feeds/a.rss"), lastModified: lastModified)
        #expect(second.status == 304)

        let missing = try await Self.get(fetcher, server.url("/feeds/nothing.rss"))
        #expect(missing.status == 404)
        let escape = try await Self.get(fetcher, server.url("/feeds/../outside.txt"))
        #expect(escape.status == 404)
        await server.stop()
    }

    @Test func handlersSeeTheRequestAndTheLogRecordsIt() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 2, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setHandler("/echo") { request in
            .text("\(request.method) \(request.path) \(request.query ?? "-") \(request.header("user-agent") ?? "-")")
        }

        let limits = FetchLimits(userAgent: "Echo/2", allowPrivateNetworks: true)
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/echo?page=2&x=y"), limits: limits))
        #expect(String(decoding: response.body, as: UTF8.self) == "GET /echo page=2&x=y Echo/2")
        #expect(server.requestCount("/echo") == 1)
        #expect(server.requests("/echo").first?.query == "page=2&x=y")
        #expect(server.inFlightCount == 0)

        server.resetLog()
        #expect(server.requestCount("/echo") == 0)
        #expect(server.totalRequestCount == 0)

        server.removeRoute("/echo")
        let gone = try await Self.get(fetcher, server.url("/echo"))
        #expect(gone.status == 404)
        await server.stop()
    }

    @Test func gzipIsValidAndOnlyWhenAsked() {
        let text = String(repeating: "flood warning ", count: 500)
        let compressed = Gzip.compress(Data(text.utf8))
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(compressed.count < text.utf8.count / 10)

        let bomb = Gzip.compressedZeros(count: 10 * 1024 * 1024)
        #expect(bomb.prefix(2) == Data([0x1F, 0x8B]))
        #expect(bomb.count < 64 * 1024)
    }

    @Test func hugeBodiesStreamInFull() async throws {
        let server = try await FixtureServer.start()
        let fetcher = Fetcher(maxConcurrent: 2, maxPerHost: 2)
        defer { fetcher.shutdown() }
        server.setRoute("/big", .huge(byteCount: 3 * 1024 * 1024 + 17))

        let response = try await Self.get(fetcher, server.url("/big"))
        #expect(response.status == 200)
        #expect(response.body.count == 3 * 1024 * 1024 + 17)
        #expect(response.headers["content-length"] == nil)
        await server.stop()
    }

    @Test func temporaryDirectoryIsRemoved() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("x", to: "a/b.txt")
        #expect(FileManager.default.fileExists(atPath: file))
        folder.remove()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
