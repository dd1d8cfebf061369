import Foundation
import Testing
import VigilCore
import VigilParse

/// Hostile pages for the article extractor: each must return (with text or a reason), never crash or hang.
@Suite struct MainTextHostileTests {
    static func extract(_ bytes: [UInt8]) -> ExtractedArticle {
        ArticleExtractor.extract(Data(bytes), context: DocumentContext(contentType: "text/html"))
    }

    @Test func twentyMegabytePage() {
        var html = Array("<html><body><div class=\"article\">".utf8)
        let paragraph = Array(
            "<p>Paragraph of a very long page, with commas, clauses, and enough words to be scored.</p>\n".utf8)
        while html.count < 20 * 1024 * 1024 { html += paragraph }
        let article = Self.extract(html)
        #expect(article.text.hasPrefix("Paragraph of a very long page"))
        #expect(article.problems.contains { $0.hasPrefix("page cut at") })
    }

    @Test func megabytesOfScriptBeforeTheArticleDoNotPushItOut() {
        var html = Array("<html><head><title>Big state</title><script>var state = \"".utf8)
        html += [UInt8](repeating: UInt8(ascii: "x"), count: HTMLInput.maxMarkupBytes + 1024)
        html += Array(
            ("\";</script></head><body><article><p>"
                + String(repeating: "The council confirmed the figures on Tuesday, and more would follow. ", count: 10)
                + "</p></article></body></html>").utf8)
        let article = Self.extract(html)
        #expect(article.text.hasPrefix("The council confirmed the figures"))
        #expect(!article.problems.contains { $0.hasPrefix("page cut at") })
    }

    @Test func unclosedBlocksNestedPastTheDepthLimitStayParagraphs() {
        var html = "<html><body><article>"
        for index in 0..<200 {
            html +=
                "<div><p>Block \(index) of a page whose tags are never closed, with a comma, and words. <b>bold "
                + "<a href=\"/x\">link <i>it <table><tr><td>cell \(index)<li>item \(index)<span>\n"
        }
        let article = Self.extract(Array(html.utf8))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains { $0.hasPrefix("Block 199 of a page") })
        #expect(paragraphs.count >= 200)
        #expect(paragraphs.allSatisfy { $0.utf8.count < 300 })
    }

    @Test func hundredThousandNestedDivs() {
        let depth = 100_000
        let html = Array(
            ("<html><body>" + String(repeating: "<div>", count: depth)
                + "Deep text, at the bottom of a very deep page, with commas, and more words to score."
                + String(repeating: "</div>", count: depth) + "</body></html>").utf8)
        let article = Self.extract(html)
        #expect(article.text.contains("Deep text"))
    }

    @Test func fiftyThousandSiblingParagraphs() {
        var html = "<html><body><div>"
        for index in 0..<50_000 {
            html += "<p>Sibling paragraph number \(index), with a comma, and some more words in it.</p>"
        }
        html += "</div></body></html>"
        let article = Self.extract(Array(html.utf8))
        #expect(article.text.contains("Sibling paragraph number 49999,"))
    }

    @Test func tenMegabyteTextNode() {
        var html = Array("<html><body><p>".utf8)
        let words = Array("words without any markup at all, ".utf8)
        while html.count < 10 * 1024 * 1024 { html += words }
        html += Array("</p></body></html>".utf8)
        let article = Self.extract(html)
        #expect(article.text.hasPrefix("words without any markup"))
    }

    @Test func manyNestedTablesAndLists() {
        let html = Array(
            ("<html><body>" + String(repeating: "<table><tr><td><ul><li>", count: 3_000) + "cell text, deep inside"
                + String(repeating: "</li></ul></td></tr></table>", count: 3_000) + "</body></html>").utf8)
        _ = Self.extract(html)
    }

    @Test func invalidUTF8AndControlBytes() {
        var bytes = Array("<html><body><p>Broken \u{1}\u{2} bytes: ".utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F]
        bytes += Array(" and more text, with commas, after the broken bytes.</p></body></html>".utf8)
        let article = Self.extract(bytes)
        #expect(article.text.contains("after the broken bytes"))
    }
}
