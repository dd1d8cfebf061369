import Foundation
import Testing
import VigilCore
import VigilParse

/// Hostile inputs: feedparser's sanitizer corpus, external entities, entity expansion, very large feeds.
@Suite struct HostileTests {
    /// A temporary file whose content must never reach a parse result.
    struct Marker {
        var path: String
        var secret: String
    }

    static func makeMarkerFile() throws -> Marker {
        let secret = "VIGIL-SECRET-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-xxe-\(UUID().uuidString).txt")
            .path
        try secret.write(toFile: path, atomically: true, encoding: .utf8)
        return Marker(path: path, secret: secret)
    }

    /// Parses and measures; a clean `FeedParseError` counts as a result.
    static func timedParse(_ data: Data, context: DocumentContext = DocumentContext()) -> (FeedDocument?, Duration) {
        let clock = ContinuousClock()
        var document: FeedDocument?
        let elapsed = clock.measure {
            document = try? FeedParser.parse(data, context: context)
        }
        return (document, elapsed)
    }

    @Test func hostileCorpusParsesQuicklyWithoutCrashing() throws {
        let folder = try ConformanceTests.conformanceRoot().appendingPathComponent("feedparser/hostile")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 100)
        var parsed = 0
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let (document, elapsed) = Self.timedParse(data)
            #expect(elapsed < .seconds(2), "\(file) took \(elapsed)")
            if let document {
                parsed += 1
                // Markup is passed through, but reading it as text never runs or keeps script.
                for entry in document.entries {
                    for markup in [entry.summary].compactMap({ $0 }) + entry.content {
                        #expect(!MarkupText.plainText(fromMarkup: markup).contains("alert("), "\(file)")
                    }
                }
            }
        }
        #expect(parsed >= 95)
    }

    @Test func externalEntitiesAndDTDsAreNeverRead() throws {
        let marker = try Self.makeMarkerFile()
        defer { try? FileManager.default.removeItem(atPath: marker.path) }
        let feeds = [
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY x SYSTEM "file://\(marker.path)">]>
            <rss version="2.0"><channel><title>T &x; T</title>
            <item><title>&x;</title><description>&x;</description><link>http://a.example/&x;</link></item>
            </channel></rss>
            """,
            """
            <?xml version="1.0"?>
            <!DOCTYPE feed SYSTEM "http://127.0.0.1:1/evil.dtd">
            <feed xmlns="http://www.w3.org/2005/Atom"><title>&undefined; ok</title></feed>
            """,
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY % p SYSTEM "file://\(marker.path)"> %p;
              <!ENTITY y SYSTEM "http://127.0.0.1:1/entity.xml">]>
            <rss version="2.0"><channel><title>&y;</title><item><title a="&y;">x</title></item></channel></rss>
            """,
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "file://\(marker.path)">
            <rss version="0.91"><channel><title>t&eacute;l&eacute;</title></channel></rss>
            """,
        ]
        for feed in feeds {
            let (document, elapsed) = Self.timedParse(Data(feed.utf8))
            let result = try #require(document)
            #expect(!String(describing: result).contains(marker.secret))
            #expect(elapsed < .seconds(2))
        }
        let netscape = try FeedParser.parse(Data(feeds[3].utf8), context: DocumentContext())
        #expect(netscape.title == "télé")
    }

    @Test func billionLaughsIsBounded() throws {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...10 {
            let refs = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "<!ENTITY lol\(level) \"\(refs)\">\n"
        }
        let feed = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [\(entities)]>
            <rss version="2.0"><channel><title>&lol10;</title>
            <item><title>&lol10;</title><description>&lol9;</description></item>
            <item><title>a</title><description>&lol8;&lol8;</description></item>
            </channel></rss>
            """
        let (document, elapsed) = Self.timedParse(Data(feed.utf8))
        #expect(elapsed < .seconds(5))
        if let document {
            let output = String(describing: document).utf8.count
            #expect(output < 64 * 1024 * 1024)
            #expect(!document.wellFormed || !document.problems.isEmpty)
        }
    }

    @Test func quadraticBlowupIsBounded() throws {
        let big = String(repeating: "x", count: 100_000)
        let refs = String(repeating: "&big;", count: 20_000)
        let feed = """
            <!DOCTYPE rss [<!ENTITY big "\(big)">]>
            <rss version="2.0"><channel><title>\(refs)</title>
            <item><description>\(refs)</description></item></channel></rss>
            """
        let (document, elapsed) = Self.timedParse(Data(feed.utf8))
        #expect(elapsed < .seconds(10))
        if let document {
            #expect((document.title?.utf8.count ?? 0) <= 64 * 1024 * 1024)
            #expect(!document.wellFormed || !document.problems.isEmpty)
        }
    }

    static func largeFeed(items: Int) -> Data {
        var text =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
            + "<channel><title>Big</title><link>https://big.example/</link>\n"
        let filler = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 6)
        for index in 0..<items {
            text += """
                <item><title>Item \(index) &amp; more</title><link>/items/\(index)</link>
                <guid isPermaLink="false">id-\(index)</guid><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>
                <dc:creator>Reporter \(index % 7)</dc:creator><category>c\(index % 13)</category>
                <description>&lt;p&gt;\(filler)&lt;/p&gt;</description>
                </item>\n
                """
        }
        text += "</channel></rss>\n"
        return Data(text.utf8)
    }

    @Test func tenMegabyteFeedParses() throws {
        let data = Self.largeFeed(items: 20_000)
        #expect(data.count > 10_000_000)
        let (document, elapsed) = Self.timedParse(data, context: DocumentContext(url: "https://big.example/feed"))
        let result = try #require(document)
        #expect(result.entries.count == 20_000)
        #expect(result.entries.last?.link == "https://big.example/items/19999")
        #expect(result.wellFormed)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(data.count) / 1_000_000
        print(
            "Parse throughput: \(String(format: "%.1f", megabytes)) MB, 20000 items in "
                + "\(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", megabytes / seconds)) MB/s")
    }

    @Test func parsesConcurrentlyWithSameResults() async throws {
        let folder = try ConformanceTests.conformanceRoot().appendingPathComponent("feedparser/cases/wellformed/rss")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(40)
        let inputs = try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        let expected = inputs.map { try? FeedParser.parse($0, context: DocumentContext()) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for round in 0..<8 {
                group.addTask {
                    var bad = 0
                    for (index, data) in inputs.enumerated().shuffled() where index % 8 != round % 8 || true {
                        if (try? FeedParser.parse(data, context: DocumentContext())) != expected[index] { bad += 1 }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
