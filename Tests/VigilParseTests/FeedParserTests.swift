import Foundation
import Testing
import VigilCore
import VigilParse

@Suite struct FeedParserTests {
    func parse(_ text: String, _ context: DocumentContext = DocumentContext()) throws -> FeedDocument {
        try FeedParser.parse(Data(text.utf8), context: context)
    }

    func date(_ text: String) -> Date? { FeedDate.parse(text) }

    // MARK: RSS

    @Test func readsRSS20ChannelAndItems() throws {
        let document = try parse(
            """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
                 xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel>
              <title>Wire &amp; Co</title><link>https://wire.example/</link>
              <description>&lt;p&gt;Latest&lt;/p&gt;</description><language>en-gb</language>
              <managingEditor>desk@wire.example (News Desk)</managingEditor>
              <pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>
              <lastBuildDate>Fri, 02 Jan 2004 08:00:00 +0100</lastBuildDate>
              <image><title>Logo</title><link>https://wire.example/logo</link></image>
              <item>
                <title>Blast &lt;b&gt;reported&lt;/b&gt;</title><link>https://wire.example/1</link>
                <guid isPermaLink="false">wire-1</guid>
                <description><![CDATA[<p>Summary &amp; more</p>]]></description>
                <content:encoded>&lt;p&gt;Full text&lt;/p&gt;</content:encoded>
                <dc:creator>Ann Reporter</dc:creator><dc:date>2004-01-01T20:00:00Z</dc:date>
                <category>world</category><category>europe</category><dc:subject>blast</dc:subject>
                <enclosure url="/media/1.mp3" type="audio/mpeg" length="1234"/>
              </item>
            </channel></rss>
            """, DocumentContext(url: "https://wire.example/feed.xml"))
        #expect(document.format == .rss20)
        #expect(document.wellFormed)
        #expect(document.title == "Wire & Co")
        #expect(document.link == "https://wire.example/")
        #expect(document.subtitle == "<p>Latest</p>")
        #expect(document.language == "en-gb")
        #expect(document.author == "News Desk")
        #expect(document.published == date("2004-01-01T19:48:21Z"))
        #expect(document.updated == date("2004-01-02T07:00:00Z"))
        let entry = try #require(document.entries.first)
        #expect(entry.title == "Blast reported")
        #expect(entry.link == "https://wire.example/1")
        #expect(entry.id == "wire-1")
        #expect(entry.summary == "<p>Summary &amp; more</p>")
        #expect(entry.content == ["<p>Full text</p>"])
        #expect(entry.author == "Ann Reporter")
        #expect(entry.updated == date("2004-01-01T20:00:00Z"))
        #expect(entry.published == entry.updated)
        #expect(entry.tags == ["world", "europe", "blast"])
        #expect(
            entry.enclosures == [Enclosure(href: "https://wire.example/media/1.mp3", type: "audio/mpeg", length: 1234)])
    }

    @Test func recognisesRSSVersions() throws {
        let versions: [(String, FeedFormat)] = [
            ("0.91", .rss091), ("0.92", .rss092), ("0.93", .rss093), ("0.94", .rss094), ("2.0", .rss20),
        ]
        for (version, format) in versions {
            #expect(try parse("<rss version=\"\(version)\"><channel><title>t</title></channel></rss>").format == format)
        }
        let netscape = """
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
              "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Caf&eacute;</title></channel></rss>
            """
        let document = try parse(netscape)
        #expect(document.format == .rss091)
        #expect(document.title == "Café")
    }

    @Test func readsRDFFormats() throws {
        let rss10 = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="http://x.example/"><title>RDF</title><link>http://x.example/</link></channel>
              <item rdf:about="http://x.example/1"><title>One</title><link>http://x.example/1</link></item>
            </rdf:RDF>
            """)
        #expect(rss10.format == .rss10)
        #expect(rss10.entries.first?.id == "http://x.example/1")
        let rss090 = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns="http://my.netscape.com/rdf/simple/0.9/">
              <channel><title>Old</title><link>http://old.example/</link></channel>
              <item><title>Item</title><link>http://old.example/1</link></item>
            </rdf:RDF>
            """)
        #expect(rss090.format == .rss090)
        #expect(rss090.entries.first?.title == "Item")
    }

    @Test func usesPermalinkGuidWhenThereIsNoLink() throws {
        let document = try parse(
            """
            <rss version="2.0"><channel>
            <item><guid>https://a.example/permalink</guid></item>
            <item><guid isPermaLink="false">https://a.example/not-a-link</guid></item>
            </channel></rss>
            """)
        #expect(document.entries[0].link == "https://a.example/permalink")
        #expect(document.entries[1].link == nil)
        #expect(document.entries[1].id == "https://a.example/not-a-link")
    }

    // MARK: Atom

    @Test func readsAtom10() throws {
        let document = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://atom.example/blog/">
              <title type="html">Le &lt;i&gt;fil&lt;/i&gt;</title>
              <subtitle>Nouvelles &amp; alertes</subtitle>
              <link rel="self" href="feed.atom"/><link href="./"/>
              <author><name>Rédaction</name></author>
              <updated>2024-03-01T12:00:00+01:00</updated>
              <entry xml:base="posts/">
                <id>tag:atom.example,2024:1</id>
                <title>Séisme</title>
                <link rel="enclosure" href="../media/a.mp4" type="video/mp4" length="42"/>
                <link rel="alternate" href="1.html"/>
                <published>2024-03-01T10:00:00Z</published><updated>2024-03-01T11:00:00Z</updated>
                <summary type="text">Magnitude 5 &lt;estimée&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
                <p>Texte <b>complet</b><br/></p></div></content>
                <category term="séisme"/><category label="only label"/>
              </entry>
            </feed>
            """)
        #expect(document.format == .atom10)
        #expect(document.title == "Le fil")
        #expect(document.subtitle == "Nouvelles &amp; alertes")
        #expect(document.link == "https://atom.example/blog/")
        #expect(document.language == "fr")
        #expect(document.author == "Rédaction")
        #expect(document.updated == date("2024-03-01T11:00:00Z"))
        let entry = try #require(document.entries.first)
        #expect(entry.id == "tag:atom.example,2024:1")
        #expect(entry.link == "https://atom.example/blog/posts/1.html")
        #expect(
            entry.enclosures == [
                Enclosure(href: "https://atom.example/blog/media/a.mp4", type: "video/mp4", length: 42)
            ])
        #expect(entry.summary == "Magnitude 5 &lt;estimée&gt;")
        #expect(entry.content == ["<p>Texte <b>complet</b><br /></p>"])
        #expect(entry.published == date("2024-03-01T10:00:00Z"))
        #expect(entry.updated == date("2024-03-01T11:00:00Z"))
        #expect(entry.tags == ["séisme", "only label"])
    }

    @Test func readsAtom03() throws {
        let document = try parse(
            """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title mode="escaped" type="text/html">A &amp;amp; B</title>
              <tagline>Tag line</tagline>
              <modified>2004-01-01T19:48:21Z</modified>
              <entry>
                <title>E</title><issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T19:48:21Z</modified>
                <summary mode="base64" type="text/html">PGI+Ym9sZDwvYj4=</summary>
              </entry>
            </feed>
            """)
        #expect(document.format == .atom03)
        #expect(document.title == "A & B")
        #expect(document.subtitle == "Tag line")
        #expect(document.updated == date("2004-01-01T19:48:21Z"))
        #expect(document.entries.first?.published == date("2003-12-31T10:14:55Z"))
        #expect(document.entries.first?.summary == "<b>bold</b>")
    }

    // MARK: Base URIs

    @Test func resolvesNestedXMLBaseAndContentLocation() throws {
        let text = """
            <rss version="2.0" xml:base="http://base.example/a/"><channel xml:base="b/">
              <link>../home</link>
              <item xml:base="/c/d/"><link>e?x=1#f</link></item>
              <item><link xml:base="javascript:alert(1)">g</link></item>
            </channel></rss>
            """
        let document = try parse(text)
        #expect(document.link == "http://base.example/a/home")
        #expect(document.entries[0].link == "http://base.example/c/d/e?x=1#f")
        #expect(document.entries[1].link == "http://base.example/a/b/g")

        let relative = "<rss version=\"2.0\"><channel><link>/x</link><item><link>y</link></item></channel></rss>"
        let located = try parse(
            relative, DocumentContext(url: "https://doc.example/feeds/rss", contentLocation: "/other/"))
        #expect(located.link == "https://doc.example/x")
        #expect(located.entries[0].link == "https://doc.example/other/y")
        let unsafe = try parse(
            relative, DocumentContext(url: "https://doc.example/feeds/rss", contentLocation: "javascript:x"))
        #expect(unsafe.entries[0].link == "https://doc.example/feeds/y")
        let noBase = try parse(relative)
        #expect(noBase.entries[0].link == "y")
    }

    @Test func neverReturnsScriptLinks() throws {
        let document = try parse(
            "<rss version=\"2.0\"><channel><item><link>javascript:alert(1)</link></item></channel></rss>")
        #expect(document.entries[0].link == nil)
    }

    // MARK: Encodings and entities

    @Test func honoursEncodingsAndHTTPCharset() throws {
        let latin1 =
            Data("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>".utf8)
            + Data([0x43, 0x61, 0x66, 0xE9]) + Data("</title></channel></rss>".utf8)
        #expect(try FeedParser.parse(latin1, context: DocumentContext()).title == "Café")

        let declaredWrongly =
            Data("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".utf8)
            + Data([0x93, 0x71, 0x94]) + Data("</title></channel></rss>".utf8)
        let http = DocumentContext(contentType: "application/rss+xml; charset=\"windows-1252\"")
        #expect(try FeedParser.parse(declaredWrongly, context: http).title == "“q”")

        let utf16 =
            Data([0xFF, 0xFE]) + "<rss version=\"2.0\"><channel><title>Ünïcode &eacute;</title></channel></rss>"
            .data(using: .utf16LittleEndian)!
        #expect(try FeedParser.parse(utf16, context: DocumentContext()).title == "Ünïcode é")
    }

    @Test func recoversUndefinedEntitiesAndBareAmpersands() throws {
        let document = try parse(
            """
            <rss version="2.0"><channel><title>caf&eacute;&nbsp;&amp; &doesnotexist; &#X41;</title>
            <item><link>http://a.example/?a=1&b=2</link></item></channel></rss>
            """)
        // The title holds `&`, so it is read as HTML text, where a no-break space is a space.
        #expect(document.title == "café & &doesnotexist; A")
        #expect(document.entries[0].link == "http://a.example/?a=1&b=2")
        #expect(!document.wellFormed)
        #expect(!document.problems.isEmpty)
    }

    @Test func reportsRecoveredErrorsWithLines() throws {
        let document = try parse(
            "<rss version=\"2.0\">\n<channel>\n<title>Broken</title>\n<item><title>x</item>\n</channel></rss>")
        #expect(!document.wellFormed)
        #expect(document.title == "Broken")
        #expect(document.problems.contains { $0.hasPrefix("line 4") })
    }

    @Test func recordsUnparseableDates() throws {
        let document = try parse(
            "<rss version=\"2.0\"><channel><item><pubDate>next tuesday</pubDate></item></channel></rss>")
        #expect(document.entries[0].published == nil)
        #expect(document.problems.contains { $0.contains("next tuesday") })
    }

    // MARK: JSON Feed

    @Test func readsJSONFeed10And11Authors() throws {
        let v10 = try parse(
            """
            {"version": "https://jsonfeed.org/version/1", "title": "J", "home_page_url": "https://j.example/",
             "author": {"name": "Old Style"},
             "items": [{"id": 7, "url": "/p/7", "title": "T", "content_html": "<p>x</p>", "content_text": "a < b",
                        "date_published": "2020-01-02T03:04:05Z", "tags": ["a", "b"],
                        "attachments": [{"url": "https://j.example/a.mp3", "mime_type": "audio/mpeg",
                                         "size_in_bytes": 9}]}]}
            """, DocumentContext(url: "https://j.example/feed.json"))
        #expect(v10.format == .json10)
        #expect(v10.author == "Old Style")
        let entry = try #require(v10.entries.first)
        #expect(entry.id == "7")
        #expect(entry.link == "https://j.example/p/7")
        #expect(entry.content == ["<p>x</p>", "a &lt; b"])
        #expect(entry.published == date("2020-01-02T03:04:05Z"))
        #expect(entry.tags == ["a", "b"])
        #expect(entry.enclosures == [Enclosure(href: "https://j.example/a.mp3", type: "audio/mpeg", length: 9)])

        let v11 = try parse(
            """
            {"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "de",
             "authors": [{"url": "https://x"}, {"name": "New Style"}],
             "items": [{"id": "1", "authors": [{"name": "I"}]}]}
            """)
        #expect(v11.format == .json11)
        #expect(v11.author == "New Style")
        #expect(v11.language == "de")
        #expect(v11.entries.first?.author == "I")
    }

    // MARK: Not feeds

    @Test func throwsOnlyForDocumentsThatAreNotFeeds() {
        #expect(throws: FeedParseError.empty) { try parse("  \n ") }
        #expect(throws: FeedParseError.html) { try parse("<!DOCTYPE html><html><body><p>page</p></body></html>") }
        #expect(throws: FeedParseError.binary) {
            try FeedParser.parse(
                Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]), context: DocumentContext())
        }
        #expect(throws: FeedParseError.unknownFormat) { try parse("<catalog><book/></catalog>") }
        #expect(throws: FeedParseError.unknownFormat) { try parse("{\"name\": \"not a feed\"}") }
        #expect(throws: FeedParseError.invalidJSON) { try parse("{\"version\": ") }
        #expect(throws: FeedParseError.notXML) { try parse("just some words") }
    }
}
