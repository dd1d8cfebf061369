import Foundation
import Testing
import VigilCore
import VigilParse

/// The hostile pages of `scripts/make_bad_pages.py`, written in memory at a small scale (the script's logic, in
/// Swift, so that tests need no Python): each must come back with bounded text that holds its marker sentence, or
/// empty with a problem. No wall-clock assertion: the CI machine's speed is not the extractor's.
@Suite struct BadPagesTests {
    /// The script's `--scale`: pages of about 1 MB at most, deep nesting still past `HTMLTreeBuilder`'s limit.
    static let scale = 0.05

    static let paragraphs = [
        "Gunmen attacked a police checkpoint on the northern approach to the town of Velmora shortly after midnight, "
            + "killing two officers and wounding three others, the regional police said.",
        "Witnesses said the attackers arrived in two pick-up trucks and opened fire from the road before driving off "
            + "towards the hills. A search involving soldiers and a helicopter continued through the morning.",
        "\"They knew exactly when the shift changed,\" said a local official, who asked not to be named. \"This was "
            + "planned, and it was planned by people who have watched the checkpoint for weeks.\"",
        "It was the third attack on security forces in the district this month. Schools in the area were closed on "
            + "Monday and the main road to the provincial capital stayed shut until the afternoon.",
    ]

    static func marker(_ name: String) -> String {
        "The district council confirmed the figures on Tuesday evening, marker \(name)."
    }

    static func head(_ title: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(title)</title>\n"
            + "<meta property=\"og:title\" content=\"\(title)\">\n<meta property=\"og:type\" content=\"article\">\n"
            + "</head>\n<body>\n<header class=\"site-header\"><a href=\"/\">Bench News</a><nav>"
            + "<a href=\"/world\">World</a> <a href=\"/region\">Region</a></nav></header>\n"
    }

    static let foot =
        "<footer class=\"site-footer\"><p>&copy; 2024 Bench News. All rights reserved.</p></footer>\n</body>\n</html>\n"

    static func articleOpen(_ title: String) -> String {
        head(title) + "<main><article><h1>\(title)</h1>\n<div class=\"article-body\">\n"
    }

    static let articleClose = "</div>\n</article></main>\n" + foot

    /// A page and what its text must show.
    struct BadPage: Sendable {
        var name: String
        var bytes: [UInt8]
        /// A sentence the text must hold.
        var contains: String?
        /// Something the text must not hold.
        var notContains: String?
        /// The text must be empty (and a problem say why).
        var empty = false
    }

    /// Appends `chunk(i)` for i = 0, 1, … until `size` bytes are written.
    static func writeUntil(_ out: inout [UInt8], _ size: Int, _ chunk: (Int) -> String) {
        let end = out.count + size
        var index = 0
        while out.count < end {
            out += Array(chunk(index).utf8)
            index += 1
        }
    }

    static func scaled(_ value: Double) -> Int { Int(value * scale) }

    /// The script's ten pages, by name.
    static func page(_ name: String) -> BadPage {
        var out: [UInt8] = []
        var page = BadPage(name: name, bytes: [])
        switch name {
        case "huge-article":
            out += Array((articleOpen("Huge article: one body repeated") + "<p>\(marker(name))</p>\n").utf8)
            writeUntil(&out, scaled(20e6)) { "<p>\(paragraphs[$0 % 4]) (\($0))</p>\n" }
            out += Array(articleClose.utf8)
            page.contains = marker(name)
        case "huge-table":
            out += Array(
                (articleOpen("Huge table") + "<p>\(marker(name))</p>\n<table><thead><tr><th>District</th>"
                    + "<th>Incidents</th><th>Killed</th><th>Wounded</th><th>Notes</th></tr></thead><tbody>\n").utf8)
            writeUntil(&out, scaled(20e6)) {
                "<tr><td>District \($0)</td><td>\($0 % 97)</td><td>\($0 % 13)</td><td>\($0 % 41)</td>"
                    + "<td>Reported by the provincial office, week \($0 % 52 + 1)</td></tr>\n"
            }
            out += Array(("</tbody></table>\n" + articleClose).utf8)
            page.contains = marker(name)
        case "nested-divs":
            let depth = scaled(100_000)
            out += Array(head("Nested divs").utf8)
            for index in 0..<depth { out += Array("<div class=\"wrap-\(index % 10)\">".utf8) }
            out += Array("<p>\(marker(name))</p>".utf8)
            out += Array((String(repeating: "</div>", count: depth) + "\n" + foot).utf8)
            page.contains = marker(name)
        case "binary":
            var state: UInt64 = 5
            out = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            while out.count < scaled(5e6) {
                // SplitMix64: deterministic noise.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                withUnsafeBytes(of: z) { out += $0 }
            }
            page.empty = true
        case "siblings":
            out += Array((articleOpen("Many paragraphs") + "<p>\(marker(name))</p>\n").utf8)
            for index in 0..<scaled(50_000) {
                out += Array("<p>Paragraph \(index): \(paragraphs[index % 4].prefix(90))</p>\n".utf8)
            }
            out += Array(articleClose.utf8)
            page.contains = marker(name)
        case "text-node":
            out += Array((articleOpen("One big text node") + "<p>\(marker(name))</p>\n<p>").utf8)
            let words = paragraphs.joined(separator: " ").replacingOccurrences(of: "\"", with: "") + " "
            writeUntil(&out, scaled(10e6)) { _ in words }
            out += Array(("</p>\n" + articleClose).utf8)
            page.contains = marker(name)
        case "long-word":
            out += Array((articleOpen("One long word") + "<p>\(marker(name))</p>\n<p>").utf8)
            out += Array(String(repeating: "incident", count: scaled(125_000)).utf8)
            out += Array(("</p>\n" + articleClose).utf8)
            page.contains = marker(name)
        case "nested-inline":
            let depth = scaled(100_000)
            let tags = ["b", "i", "span", "em", "strong", "a", "font", "u"]
            out += Array((articleOpen("Nested inline tags") + "<p>\(marker(name)) ").utf8)
            for index in 0..<depth { out += Array(("<\(tags[index % 8])>" + (index % 100 == 0 ? "w " : "")).utf8) }
            for index in (0..<depth).reversed() { out += Array("</\(tags[index % 8])>".utf8) }
            out += Array(("</p>\n" + articleClose).utf8)
            page.contains = marker(name)
        case "unclosed":
            out += Array((head("Unclosed tags everywhere") + "<main><article>\n").utf8)
            for index in 0..<scaled(20_000) {
                let lead = index == 0 ? marker(name) + " " : ""
                out += Array(
                    ("<div class=\"c\(index % 7)\"><p>\(lead)\(paragraphs[index % 4].prefix(120)) <b>bold \(index) "
                        + "<a href=\"/x/\(index)\">link <i>it <table><tr><td>cell \(index)<li>item \(index)<span>\n")
                        .utf8)
            }
            out += Array("<footer>Never closed".utf8)
            page.contains = marker(name)
        case "script-blocks":
            out += Array(articleOpen("Script blocks").utf8)
            for index in 0..<scaled(10_000) {
                if index % 500 == 0 {
                    out += Array("<p>\(index == 0 ? marker("script-0") : paragraphs[(index / 500) % 4])</p>\n".utf8)
                }
                let body =
                    "window.dataLayer = window.dataLayer || []; dataLayer.push({\"slot\": \(index), \"html\": "
                    + "\"<p>ad</p>\", \"tag\": \"</scr\" + \"ipt>\"}); /* <!-- \(index) --> */ if (a < b && c > d) "
                    + "{ document.write(\"<div>\"); }"
                out += Array("<script>\(body)</script>\n".utf8)
            }
            out += Array(articleClose.utf8)
            page.contains = marker("script-0")
            page.notContains = "dataLayer"
        default:
            preconditionFailure("unknown page \(name)")
        }
        page.bytes = out
        return page
    }

    static let names = [
        "huge-article", "huge-table", "nested-divs", "binary", "siblings", "text-node", "long-word", "nested-inline",
        "unclosed", "script-blocks",
    ]

    @Test(arguments: names)
    func badPage(_ name: String) {
        let page = Self.page(name)
        let article = ArticleExtractor.extract(
            Data(page.bytes), context: DocumentContext(url: "https://bench.example/\(name)", contentType: "text/html"))
        if page.empty {
            #expect(article.text.isEmpty)
            #expect(article.problems.contains { $0.contains("binary") }, "\(article.problems)")
            return
        }
        // Bounded: never more text than the page has bytes, and never a cut at this size.
        #expect(!article.text.isEmpty)
        #expect(article.text.utf8.count <= page.bytes.count)
        #expect(!article.problems.contains { $0.contains("cut") }, "\(article.problems)")
        if let marker = page.contains { #expect(article.text.contains(marker)) }
        if let absent = page.notContains { #expect(!article.text.contains(absent)) }
        // No paragraph runs on for pages: blocks end paragraphs even past the nesting limit.
        let longest = article.text.split(separator: "\n\n").map(\.utf8.count).max() ?? 0
        #expect(longest <= (name == "text-node" || name == "long-word" ? page.bytes.count : 4096), "\(longest)")
    }
}
