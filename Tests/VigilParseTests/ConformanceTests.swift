import Foundation
import Testing
import VigilCore
import VigilParse

/// Runs the feedparser and gofeed conformance suites (see `Fixtures/conformance/README.md`) and checks the
/// pass rates per tier stay at least where they are.
@Suite struct ConformanceTests {
    /// One manifest line.
    struct Case: Decodable {
        struct Check: Decodable {
            var path: String
            var equals: String
        }

        var file: String
        var description: String
        var http_headers: [String: String]
        var document_url: String?
        var expect_wellformed: Bool?
        var checks: [Check]
    }

    /// Pass counts of one folder or suite.
    struct Tally {
        var plain = (passed: 0, total: 0)
        var markup = (passed: 0, total: 0)
        var wellFormed = (passed: 0, total: 0)

        mutating func add(_ other: Tally) {
            plain.passed += other.plain.passed
            plain.total += other.plain.total
            markup.passed += other.markup.passed
            markup.total += other.markup.total
            wellFormed.passed += other.wellFormed.passed
            wellFormed.total += other.wellFormed.total
        }
    }

    /// feedparser's own heuristics, not requirements (README, "Caveats").
    static let exempt: Set<String> = [
        "cases/encoding/demoronize-1.xml", "cases/encoding/demoronize-2.xml", "cases/encoding/demoronize-3.xml",
        "cases/encoding/bozo_linenoise.xml",
    ]

    static func conformanceRoot() throws -> URL {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return fixtures.appendingPathComponent("conformance")
    }

    /// Runs one suite; returns tallies per folder and the failure descriptions.
    static func run(suite: String) throws -> (folders: [String: Tally], failures: [String]) {
        let folder = try conformanceRoot().appendingPathComponent(suite)
        let manifest = try String(contentsOf: folder.appendingPathComponent("cases.jsonl"), encoding: .utf8)
        var folders: [String: Tally] = [:]
        var failures: [String] = []
        for line in manifest.split(separator: "\n") where !line.isEmpty {
            let item = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            guard !exempt.contains(item.file) else { continue }
            let key = item.file.split(separator: "/").dropFirst().dropLast().joined(separator: "/")
            var tally = folders[key] ?? Tally()
            let data = try Data(contentsOf: folder.appendingPathComponent(item.file))
            let headers = Dictionary(
                item.http_headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            let context = DocumentContext(
                url: item.document_url, contentType: headers["content-type"],
                contentLocation: headers["content-location"], contentLanguage: headers["content-language"])
            let document: FeedDocument?
            do {
                document = try FeedParser.parse(data, context: context)
            } catch {
                document = nil
                failures.append("\(item.file): threw \(error)")
            }
            if let expected = item.expect_wellformed {
                tally.wellFormed.total += 1
                if document?.wellFormed == expected {
                    tally.wellFormed.passed += 1
                } else {
                    failures.append(
                        "\(item.file): wellFormed \(String(describing: document?.wellFormed)) ≠ \(expected)")
                }
            }
            for check in item.checks {
                let actual = document.flatMap { value(at: check.path, in: $0) }
                let markup = isMarkup(check.equals)
                let passed = compare(actual, check.equals, path: check.path, markup: markup)
                if markup {
                    tally.markup.total += 1
                    if passed { tally.markup.passed += 1 }
                } else {
                    tally.plain.total += 1
                    if passed { tally.plain.passed += 1 }
                }
                if !passed {
                    let shown = actual.map { "\"\($0.prefix(120))\"" } ?? "nil"
                    failures.append(
                        "\(item.file): \(check.path)\(markup ? " [markup]" : "") = \(shown), "
                            + "expected \"\(check.equals.prefix(120))\"")
                }
            }
            folders[key] = tally
        }
        return (folders, failures)
    }

    /// Whether an expected value holds markup: a tag or an entity/character reference.
    static func isMarkup(_ value: String) -> Bool {
        value.range(of: #"<[A-Za-z/!]|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);"#, options: .regularExpression) != nil
    }

    static func compare(_ actual: String?, _ expected: String, path: String, markup: Bool) -> Bool {
        let wanted = expected.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let actual else { return wanted.isEmpty }
        let got = actual.trimmingCharacters(in: .whitespacesAndNewlines)
        if got == wanted { return true }
        guard markup else { return false }
        // Markup tier: compare the text both sides show. Titles and authors are plain text already.
        let plainField = path.hasSuffix(".title") || path.hasSuffix(".author")
        let gotText = collapse(plainField ? got : MarkupText.plainText(fromMarkup: got))
        return gotText == collapse(MarkupText.plainText(fromMarkup: wanted))
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The value at a README path (`feed.title`, `entries[0].content[1].value`, ...), as a string.
    static func value(at path: String, in document: FeedDocument) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        func index(_ part: String) -> (String, Int?) {
            guard let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]") else { return (part, nil) }
            return (String(part[..<open]), Int(part[part.index(after: open)..<close]))
        }
        if parts.first == "feed", parts.count == 2 {
            switch parts[1] {
            case "title": return document.title
            case "link": return document.link
            case "subtitle": return document.subtitle
            case "language": return document.language
            case "author": return document.author
            case "updated": return document.updated.map(FeedDate.rfc3339)
            case "published": return document.published.map(FeedDate.rfc3339)
            default: return nil
            }
        }
        guard parts.count >= 2, case ("entries", let i?) = index(parts[0]), i < document.entries.count else {
            return nil
        }
        let entry = document.entries[i]
        switch index(parts[1]) {
        case ("title", nil): return entry.title
        case ("link", nil): return entry.link
        case ("id", nil): return entry.id
        case ("summary", nil): return entry.summary
        case ("author", nil): return entry.author
        case ("updated", nil): return entry.updated.map(FeedDate.rfc3339)
        case ("published", nil): return entry.published.map(FeedDate.rfc3339)
        case ("content", let j?): return j < entry.content.count ? entry.content[j] : nil
        case ("enclosures", let j?): return j < entry.enclosures.count ? entry.enclosures[j].href : nil
        case ("tags", let j?): return j < entry.tags.count ? entry.tags[j] : nil
        default: return nil
        }
    }

    static func rate(_ pair: (passed: Int, total: Int)) -> Double {
        pair.total == 0 ? 1 : Double(pair.passed) / Double(pair.total)
    }

    static func report(suite: String, folders: [String: Tally]) -> Tally {
        var total = Tally()
        func cell(_ pair: (passed: Int, total: Int)) -> String {
            pair.total == 0
                ? "-" : "\(pair.passed)/\(pair.total) (\(String(format: "%.1f", 100 * rate(pair)))%)"
        }
        print("| \(suite) folder | checks | markup checks | well-formedness |")
        print("| --- | ---: | ---: | ---: |")
        for key in folders.keys.sorted() {
            let tally = folders[key, default: Tally()]
            total.add(tally)
            print("| \(key) | \(cell(tally.plain)) | \(cell(tally.markup)) | \(cell(tally.wellFormed)) |")
        }
        print("| **\(suite) overall** | \(cell(total.plain)) | \(cell(total.markup)) | \(cell(total.wellFormed)) |")
        return total
    }

    static func dumpFailures(_ failures: [String], suite: String) {
        guard let path = ProcessInfo.processInfo.environment["VIGIL_CONFORMANCE_FAILURES"] else { return }
        try? failures.joined(separator: "\n").write(toFile: path + "." + suite, atomically: true, encoding: .utf8)
    }

    @Test func feedparserSuite() throws {
        let (folders, failures) = try Self.run(suite: "feedparser")
        Self.dumpFailures(failures, suite: "feedparser")
        let total = Self.report(suite: "feedparser", folders: folders)
        // Reached: 462/472 checks (CDF is not supported), 191/198 markup, 395/405 well-formedness.
        #expect(Self.rate(total.plain) >= 0.975)
        #expect(Self.rate(total.markup) >= 0.96)
        #expect(Self.rate(total.wellFormed) >= 0.97)
        #expect(Self.rate(folders["entities", default: Tally()].plain) >= 0.99)
    }

    @Test func gofeedSuite() throws {
        let (folders, failures) = try Self.run(suite: "gofeed")
        Self.dumpFailures(failures, suite: "gofeed")
        let total = Self.report(suite: "gofeed", folders: folders)
        // Reached: 166/166 checks, 9/9 markup.
        #expect(Self.rate(total.plain) >= 0.99)
        #expect(Self.rate(total.markup) >= 0.99)
    }
}
