import Foundation
import Testing
import VigilCore
import VigilParse

/// The hand-written extraction fixtures (`Fixtures/extraction`, see its README): every page of `manifest.json` goes
/// through `ArticleExtractor.extract` with the manifest's `Content-Type` and URL, and every expectation is checked
/// the way `scripts/check_extraction_fixtures.py` checks it. One test per page, named by its file.
@Suite struct ExtractionFixtureTests {
    /// `manifest.json`.
    struct Manifest: Decodable {
        var version: Int
        var pages: [Page]
    }

    /// One page of the manifest.
    struct Page: Decodable {
        var file: String
        var rule: String
        var contentType: String?
        var url: String?
        var expected: Expected

        enum CodingKeys: String, CodingKey {
            case file, rule, url, expected
            case contentType = "content_type"
        }
    }

    /// What the extractor must produce; absent keys are not checked.
    struct Expected: Decodable {
        var title: String?
        var author: String?
        var published: String?
        var language: String?
        var siteName: String?
        var canonicalURL: String?
        var mustContain: [String]?
        var mustContainOrdered: Bool?
        var mustContainOnce: [String]?
        var mustNotContain: [String]?
        var expectedParagraphs: [String]?
        var problem: String?

        enum CodingKeys: String, CodingKey {
            case title, author, published, language, problem
            case siteName = "site_name"
            case canonicalURL = "canonical_url"
            case mustContain = "must_contain"
            case mustContainOrdered = "must_contain_ordered"
            case mustContainOnce = "must_contain_once"
            case mustNotContain = "must_not_contain"
            case expectedParagraphs = "expected_paragraphs"
        }
    }

    /// The fixture folder.
    static func folder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("extraction")
    }

    static func loadManifest() throws -> Manifest {
        try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: folder().appendingPathComponent("manifest.json")))
    }

    /// The page files, read when the tests are listed (empty if the manifest cannot be read: `manifestLoads` fails
    /// then).
    static let files: [String] = (try? loadManifest().pages.map(\.file)) ?? []

    @Test func manifestLoads() throws {
        let manifest = try Self.loadManifest()
        #expect(manifest.version == 1)
        #expect(manifest.pages.count >= 23)
        #expect(Set(manifest.pages.map(\.file)).count == manifest.pages.count)
    }

    @Test(arguments: files)
    func page(_ file: String) throws {
        let page = try #require(try Self.loadManifest().pages.first { $0.file == file })
        let data = try Data(contentsOf: Self.folder().appendingPathComponent(file))
        let article = ArticleExtractor.extract(
            data, context: DocumentContext(url: page.url, contentType: page.contentType))
        for failure in Self.failures(page.expected, article) {
            Issue.record("\(file): \(failure)")
        }
    }

    // MARK: The checks of check_extraction_fixtures.py

    /// What `article` gets wrong against `expected`, one line per failed check.
    static func failures(_ expected: Expected, _ article: ExtractedArticle) -> [String] {
        var failed: [String] = []
        let flat = collapsed(article.text)
        let flatBytes = Array(flat.utf8)
        if let want = expected.expectedParagraphs {
            let got = paragraphs(article.text)
            let wanted = want.map(collapsed)
            if got != wanted {
                let first =
                    zip(got, wanted).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(got.count, wanted.count)
                let gotText = first < got.count ? got[first] : "nothing"
                let wantedText = first < wanted.count ? wanted[first] : "nothing"
                failed.append(
                    "paragraphs: \(got.count) extracted, \(wanted.count) expected; first difference at #\(first + 1): "
                        + "got \(gotText), want \(wantedText)")
            }
        }
        var position = 0
        for snippet in expected.mustContain ?? [] {
            let needle = Array(collapsed(snippet).utf8)
            let from = expected.mustContainOrdered == true ? position : 0
            if let found = find(needle, in: flatBytes, from: from) {
                position = found + needle.count
            } else {
                let anywhere = find(needle, in: flatBytes, from: 0) != nil
                failed.append(
                    "must_contain: '\(snippet)' not found \(anywhere ? "after the previous one" : "anywhere")")
            }
        }
        for snippet in expected.mustContainOnce ?? [] {
            let count = occurrences(of: Array(collapsed(snippet).utf8), in: flatBytes)
            if count != 1 { failed.append("must_contain_once: '\(snippet)' found \(count) times") }
        }
        for snippet in expected.mustNotContain ?? [] where find(Array(collapsed(snippet).utf8), in: flatBytes) != nil {
            failed.append("must_not_contain: '\(snippet)' is in the text")
        }
        if let problem = expected.problem, article.problems.isEmpty {
            failed.append("problem: none reported (expected one like '\(problem)')")
        }
        for (key, want, got) in [
            ("title", expected.title, article.title), ("site_name", expected.siteName, article.siteName),
        ] {
            if let want, folded(collapsed(got ?? "")) != folded(collapsed(want)) {
                failed.append("\(key): got \(got ?? "nil"), want \(want)")
            }
        }
        if let want = expected.author {
            let got = (article.author ?? "").split(separator: ";").filter { !collapsed(String($0)).isEmpty }
                .map { folded(collapsed(String($0))) }
            if got != want.split(separator: ";").map({ folded(collapsed(String($0))) }) {
                failed.append("author: got \(article.author ?? "nil"), want \(want)")
            }
        }
        if let want = expected.published {
            // As `vigil parse` prints it: the instant in the page's own zone.
            let got = article.published.map { PageDate(date: $0, utcOffset: article.publishedUTCOffset).rfc3339 } ?? ""
            let same: Bool
            if want.count > 10, got.count > 10 {
                same = PageDate.parse(got) != nil && PageDate.parse(got)?.date == PageDate.parse(want)?.date
            } else {
                same = got.prefix(10) == want.prefix(10)
            }
            if !same { failed.append("published: got \(got), want \(want)") }
        }
        if let want = expected.language {
            let got =
                (article.language ?? "").replacingOccurrences(of: "_", with: "-")
                .split(separator: "-", omittingEmptySubsequences: false).first.map { $0.lowercased() } ?? ""
            if got != want { failed.append("language: got \(article.language ?? "nil"), want \(want)") }
        }
        if let want = expected.canonicalURL, article.canonicalURL != want {
            failed.append("canonical_url: got \(article.canonicalURL ?? "nil"), want \(want)")
        }
        return failed
    }

    /// White space as Python's `\s` sees it: Unicode white space and the separators U+001C–U+001F.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// Runs of white space collapsed to one space, trimmed (the script's `norm_ws`).
    static func collapsed(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pending = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pending = !out.isEmpty
            } else {
                if pending { out.append(" ") }
                pending = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Case-folded for comparison (Python's `casefold`, as far as `lowercased` goes).
    static func folded(_ text: String) -> String { text.lowercased() }

    /// The text split at blank lines (a line holding only white space counts as blank), each paragraph collapsed,
    /// empty ones dropped (the script's `paragraphs`).
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(isSpace) {
                result.append(collapsed(String(current)))
                current = String.UnicodeScalarView()
            } else {
                if !current.isEmpty { current.append("\n") }
                current.append(contentsOf: line)
            }
        }
        result.append(collapsed(String(current)))
        return result.filter { !$0.isEmpty }
    }

    /// Where `needle` first occurs in `text` at or after `from`, comparing UTF-8 bytes (the same as comparing code
    /// points, as Python does; `String` search would compare grapheme clusters).
    static func find(_ needle: [UInt8], in text: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty else { return from <= text.count ? from : nil }
        guard text.count >= needle.count, from <= text.count - needle.count else { return nil }
        for start in from...(text.count - needle.count) where text[start] == needle[0] {
            if text[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// Non-overlapping occurrences of `needle` (Python's `str.count`).
    static func occurrences(of needle: [UInt8], in text: [UInt8]) -> Int {
        guard !needle.isEmpty else { return 0 }
        var count = 0
        var from = 0
        while let found = find(needle, in: text, from: from) {
            count += 1
            from = found + needle.count
        }
        return count
    }
}
