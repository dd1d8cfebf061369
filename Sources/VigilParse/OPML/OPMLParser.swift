import Foundation
import VigilCore

/// Reads feed subscriptions from OPML 1.0/2.0 files as feed readers export them.
public enum OPMLParser {
    /// The feeds of an OPML file and the problems found, each with `file` and a line.
    ///
    /// Every `outline` with an `xmlUrl` is a feed, named by its `title` (else `text`), tagged with its
    /// `category` terms and the titles of the folder outlines around it. Bad URLs and duplicates are reported
    /// and skipped.
    public static func parse(_ data: Data, file: String) -> (feeds: [FeedDefinition], problems: [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        let prepared = InputDecoding.prepare(data, contentType: nil)
        let bytes = EntityRepair.repair(prepared.bytes)?.bytes ?? prepared.bytes
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            return ([], [ConfigProblem(SourceLocation(file: file, line: 0), "empty OPML file")])
        }
        let (parsed, xmlProblems) = LibXMLDocument.parseXML(bytes, encoding: prepared.encoding)
        guard let parsed, let root = parsed.root else {
            let message = "malformed XML: " + (xmlProblems.first ?? "no root element")
            return ([], [ConfigProblem(SourceLocation(file: file, line: 1), message)])
        }
        if !parsed.wellFormed {
            let line = parsed.firstErrorLine ?? 0
            let message = "malformed XML: " + (parsed.problems.first ?? "not well-formed")
            problems.append(ConfigProblem(SourceLocation(file: file, line: line), message))
        }
        guard root.name.lowercased() == "opml" else {
            problems.append(
                ConfigProblem(SourceLocation(file: file, line: root.line), "root element is <\(root.name)>, not <opml>")
            )
            return ([], problems)
        }
        guard let body = root.children.first(where: { $0.name.lowercased() == "body" }) else {
            problems.append(ConfigProblem(SourceLocation(file: file, line: root.line), "<opml> has no <body>"))
            return ([], problems)
        }
        var walker = Walker(file: file, budget: ExpansionBudget(limit: max(1 << 20, bytes.count * 2)))
        walker.walk(body, folders: [])
        return (walker.feeds, problems + walker.problems)
    }

    private struct Walker {
        let file: String
        let budget: ExpansionBudget
        var feeds: [FeedDefinition] = []
        var problems: [ConfigProblem] = []
        /// Normalised URL → line of its first definition.
        var seen: [String: Int] = [:]

        init(file: String, budget: ExpansionBudget) {
            self.file = file
            self.budget = budget
        }

        mutating func walk(_ parent: XMLElementRef, folders: [String]) {
            for outline in parent.children where outline.name.lowercased() == "outline" {
                let title = attribute(outline, "title") ?? attribute(outline, "text")
                guard let url = attribute(outline, "xmlUrl") ?? attribute(outline, "xmlurl") else {
                    walk(outline, folders: folders + (title.map { [$0] } ?? []))
                    continue
                }
                let location = SourceLocation(file: file, line: outline.line)
                guard CanonicalURL.isHTTP(url) else {
                    problems.append(ConfigProblem(location, "xmlUrl \"\(url)\" is not an absolute http(s) URL"))
                    continue
                }
                let key = CanonicalURL.normalize(url) ?? url
                if let first = seen[key] {
                    problems.append(ConfigProblem(location, "duplicate xmlUrl \(url) (first defined on line \(first))"))
                    continue
                }
                seen[key] = outline.line
                var tags: [String] = []
                let categories =
                    attribute(outline, "category").map {
                        FeedReadContext.terms($0, separators: [",", "/"])
                    } ?? []
                for tag in folders + categories where !tags.contains(tag) { tags.append(tag) }
                feeds.append(FeedDefinition(url: url, name: title, tags: tags, origin: location))
                walk(outline, folders: folders)
            }
        }

        func attribute(_ element: XMLElementRef, _ name: String) -> String? {
            element.attribute(name, budget: budget)?.trimmedNonEmpty
        }
    }
}
