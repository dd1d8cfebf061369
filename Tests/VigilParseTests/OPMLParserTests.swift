import Foundation
import Testing
import VigilCore
import VigilParse

@Suite struct OPMLParserTests {
    static let export = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>Subscriptions</title></head>
          <body>
            <outline text="News" title="News">
              <outline text="World">
                <outline type="rss" text="Wire text" title="Wire" xmlUrl="https://wire.example/rss"
                         category="breaking, world/europe"/>
                <outline type="rss" text="Only text" xmlUrl="http://local.example/feed.xml"/>
              </outline>
            </outline>
            <outline type="rss" title="Bad" xmlUrl="feeds/relative.xml"/>
            <outline type="rss" title="Copy" xmlUrl="HTTPS://WIRE.example/rss"/>
            <outline type="rss" title="Ftp" xmlUrl="ftp://files.example/feed"/>
          </body>
        </opml>
        """

    @Test func readsFeedsWithFolderTagsAndLines() throws {
        let (feeds, _) = OPMLParser.parse(Data(Self.export.utf8), file: "subs.opml")
        try #require(feeds.count == 2)
        #expect(feeds[0].url == "https://wire.example/rss")
        #expect(feeds[0].name == "Wire")
        #expect(feeds[0].tags == ["News", "World", "breaking", "world", "europe"])
        // libxml2 numbers an element by the line its start tag ends on.
        #expect(feeds[0].origin == SourceLocation(file: "subs.opml", line: 8))
        #expect(feeds[1].name == "Only text")
        #expect(feeds[1].tags == ["News", "World"])
        #expect(feeds[1].origin.line == 9)
    }

    @Test func reportsBadURLsAndDuplicatesWithTheirLines() {
        let (_, problems) = OPMLParser.parse(Data(Self.export.utf8), file: "subs.opml")
        #expect(problems.count == 3)
        #expect(problems.contains { $0.location.line == 12 && $0.message.contains("feeds/relative.xml") })
        #expect(problems.contains { $0.location.line == 13 && $0.message.contains("duplicate") })
        #expect(problems.contains { $0.location.line == 14 && $0.message.contains("ftp://") })
        #expect(problems.allSatisfy { $0.location.file == "subs.opml" })
    }

    @Test func reportsMalformedXMLWithItsLine() {
        let text =
            "<opml version=\"1.0\">\n<body>\n<outline title=\"A\" xmlUrl=\"https://a.example/rss\">\n</body>\n</opml>\n"
        let (feeds, problems) = OPMLParser.parse(Data(text.utf8), file: "broken.opml")
        #expect(feeds.map(\.url) == ["https://a.example/rss"])
        let problem = problems.first
        #expect(problem?.message.hasPrefix("malformed XML") == true)
        #expect(problem?.location == SourceLocation(file: "broken.opml", line: 4))
    }

    @Test func reportsMissingOPMLRootAndBody() {
        let (feeds, problems) = OPMLParser.parse(Data("<rss><channel/></rss>".utf8), file: "x.opml")
        #expect(feeds.isEmpty)
        #expect(problems.first?.message.contains("not <opml>") == true)
        let (_, noBody) = OPMLParser.parse(Data("<opml version=\"2.0\"><head/></opml>".utf8), file: "y.opml")
        #expect(noBody.first?.message.contains("no <body>") == true)
        let (_, empty) = OPMLParser.parse(Data(), file: "z.opml")
        #expect(empty.count == 1)
    }

    @Test func neverReadsExternalEntities() throws {
        let marker = try HostileTests.makeMarkerFile()
        defer { try? FileManager.default.removeItem(atPath: marker.path) }
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY x SYSTEM "file://\(marker.path)">]>
            <opml version="2.0"><body><outline title="&x;" xmlUrl="https://a.example/rss"/></body></opml>
            """
        let (feeds, problems) = OPMLParser.parse(Data(text.utf8), file: "xxe.opml")
        #expect(!feeds.contains { ($0.name ?? "").contains(marker.secret) })
        #expect(!problems.contains { $0.message.contains(marker.secret) })
    }
}
