import Foundation
import Testing
import VigilCore

@testable import VigilService

@Suite struct InboxDocumentTests {
    @Test func rssFeed() throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Blast in Kabul</title><link>https://example.org/a</link><guid>a1</guid>
            <description>&lt;p&gt;At least &lt;b&gt;12&lt;/b&gt; people were killed.&lt;/p&gt;</description></item>
            <item><title>Second</title><link>https://example.org/b</link></item>
            </channel></rss>
            """
        let items = try InboxDocument.items(from: Data(rss.utf8), fileName: "feed.xml")
        #expect(items.count == 2)
        #expect(items[0].guid == "a1")
        #expect(items[0].text == "At least 12 people were killed.")
        #expect(items[1].canonicalURL == "https://example.org/b")
    }

    @Test func plainTextArticleTakesFirstLineAsTitle() throws {
        let text = "Gunmen attack checkpoint\n\nGunmen attacked a police checkpoint on Monday, officials said.\n"
        let items = try InboxDocument.items(from: Data(text.utf8), fileName: "report.txt")
        #expect(items.count == 1)
        #expect(items[0].title == "Gunmen attack checkpoint")
        #expect(items[0].text == "Gunmen attacked a police checkpoint on Monday, officials said.")
    }

    @Test func htmlPage() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Attack on &amp; near base</title><script>var x = 1;</script></head>
            <body><p>Rockets hit the base.</p><p>Two soldiers were wounded.</p></body></html>
            """
        let items = try InboxDocument.items(from: Data(html.utf8), fileName: "page.html")
        #expect(items.first?.title == "Attack on & near base")
        #expect(items.first?.text?.contains("Rockets hit the base.") == true)
        #expect(items.first?.text?.contains("var x") == false)
    }

    @Test func jsonLines() throws {
        let lines = """
            {"id": "x1", "title": "One", "text": "First text.", "published": "2022-05-01T10:00:00Z", "url": "https://e.example/1"}

            {"title": "Two", "text": "Second text.", "published": "Sun, 01 May 2022 12:00:00 GMT"}
            """
        let items = try InboxDocument.items(from: Data(lines.utf8), fileName: "batch.jsonl")
        #expect(items.map(\.title) == ["One", "Two"])
        #expect(items[0].guid == nil)  // caller ids repeat across files: identity is the URL or the content
        #expect(items[0].canonicalURL == "https://e.example/1")
        #expect(items[0].published == Date(timeIntervalSince1970: 1_651_399_200))
        #expect(items[1].published == Date(timeIntervalSince1970: 1_651_406_400))
    }

    @Test func badJSONLinesListsEveryBadLine() {
        let lines =
            "{\"title\": \"ok\", \"text\": \"t\"}\n{not json}\n{\"text\": \"\"}\n{\"title\": \"x\", \"published\": \"someday\"}\n"
        #expect {
            try InboxDocument.items(from: Data(lines.utf8), fileName: "bad.jsonl")
        } throws: { error in
            let reason = (error as? InboxDocument.Rejection)?.reason ?? ""
            return reason.contains("line 2") && reason.contains("line 3") && reason.contains("line 4")
                && !reason.contains("line 1:")
        }
    }

    @Test func garbageAndEmptyAreRejected() {
        #expect(throws: InboxDocument.Rejection.self) {
            try InboxDocument.items(from: Data([0x00, 0xff, 0xfe, 0x00, 0x13]), fileName: "junk.bin")
        }
        #expect(throws: InboxDocument.Rejection.self) {
            try InboxDocument.items(from: Data(), fileName: "empty.txt")
        }
    }
}
