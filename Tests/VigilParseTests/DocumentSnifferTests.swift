import Foundation
import Testing
import VigilParse

@Suite struct DocumentSnifferTests {
    func kind(_ text: String, _ name: String? = nil) -> DocumentKind {
        DocumentSniffer.kind(of: Data(text.utf8), fileName: name)
    }

    @Test func recognisesFeeds() {
        #expect(kind("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>") == .feed)
        #expect(kind("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>") == .feed)
        #expect(
            kind("\u{FEFF}<!DOCTYPE feed [<!ENTITY a \"b\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"/>") == .feed)
        #expect(kind("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}") == .feed)
    }

    @Test func recognisesHTML() {
        #expect(kind("<!DOCTYPE html><html><body>x</body></html>") == .html)
        #expect(kind("  <html lang=\"en\"><p>hi</p></html>") == .html)
        #expect(kind("<!-- generated -->\n<HTML><BODY>x</BODY></HTML>") == .html)
    }

    @Test func recognisesJSONLines() {
        #expect(kind("{\"title\": \"a\", \"text\": \"b\"}\n\n{\"text\": \"c\"}\n", "x.jsonl") == .jsonLines)
        #expect(kind("{\"version\": \"2\", \"text\": \"not a feed\"}") == .jsonLines)
        #expect(kind("{\"text\": \"a\"}\nnot json\n") == .plainText)
    }

    @Test func recognisesPlainTextBinaryAndEmpty() {
        #expect(kind("Earthquake reported near the coast.\nMore later.") == .plainText)
        #expect(kind("") == .empty)
        #expect(kind(" \n\t ") == .empty)
        #expect(DocumentSniffer.kind(of: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), fileName: "a.zip") == .binary)
        #expect(DocumentSniffer.kind(of: Data([0x61, 0xC3, 0x28, 0x62]), fileName: nil) == .binary)
    }

    @Test func readsUTF16WithByteOrderMark() {
        var data = Data([0xFF, 0xFE])
        data.append("<rss version=\"2.0\"/>".data(using: .utf16LittleEndian)!)
        #expect(DocumentSniffer.kind(of: data, fileName: nil) == .feed)
    }
}
