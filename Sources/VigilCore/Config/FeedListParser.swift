import Foundation
import Yams

/// Parses a YAML feed file from `feeds_dir`: a `feeds:` list (optionally with file-wide `defaults:`), or a bare
/// list. Pure: the caller reads the file. Every problem is collected with its line.
///
/// ```yaml
/// defaults: { interval: 30m, tags: [world] }
/// feeds:
///   - url: https://example.org/world/rss.xml
///     name: Example World
///     fetch_articles: true
/// ```
public enum FeedListParser {
    static let fileKeys = ["defaults", "feeds"]
    static let feedKeys = ["url", "name", "interval", "enabled", "tags", "fetch_articles"]
    static let defaultKeys = ["interval", "enabled", "tags", "fetch_articles"]

    /// The feeds defined in the file, and the problems found. Feeds with a problem are left out.
    public static func parse(yaml text: String, file: String) -> (feeds: [FeedDefinition], problems: [ConfigProblem]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(text) else { return ([], reader.problems) }
        var defaults = FeedDefinition(url: "", origin: SourceLocation(file: file, line: 0))
        let list: Node
        switch root {
        case .sequence:
            list = root
        case .mapping:
            guard let pairs = reader.mapping(root, what: "the feed file", allowed: fileKeys) else {
                return ([], reader.problems)
            }
            if let node = pairs.first(where: { $0.key == "defaults" })?.value {
                applyFields(node, to: &defaults, allowed: defaultKeys, what: "'defaults'", reader: &reader)
            }
            guard let feedsNode = pairs.first(where: { $0.key == "feeds" })?.value else {
                reader.report(root, "the feed file has no 'feeds' list")
                return ([], reader.problems)
            }
            list = feedsNode
        default:
            if root.tag == .init(.null) { return ([], []) }  // only comments
            reader.report(root, "the feed file must be a 'feeds:' list")
            return ([], reader.problems)
        }
        guard case .sequence(let sequence) = list else {
            reader.report(list, "'feeds' must be a list of feeds")
            return ([], reader.problems)
        }
        var feeds: [FeedDefinition] = []
        var seen: [String: SourceLocation] = [:]
        for element in sequence {
            var feed = defaults
            feed.origin = reader.location(element)
            if let url = element.scalar?.string {  // "- https://..." shorthand
                feed.url = url
            } else {
                let before = reader.problems.count
                applyFields(element, to: &feed, allowed: feedKeys, what: "a feed", reader: &reader)
                if reader.problems.count > before { continue }
                if feed.url.isEmpty {
                    reader.report(element, "feed has no 'url'")
                    continue
                }
            }
            guard CanonicalURL.isHTTP(feed.url), let key = CanonicalURL.normalize(feed.url) else {
                reader.report(element, "bad URL '\(feed.url)': a feed URL must be an absolute http or https URL")
                continue
            }
            if let first = seen[key] {
                reader.report(element, "duplicate feed \(feed.url) (first defined at line \(first.line))")
                continue
            }
            seen[key] = feed.origin
            feeds.append(feed)
        }
        return (feeds, reader.problems)
    }

    private static func applyFields(
        _ node: Node, to feed: inout FeedDefinition, allowed: [String], what: String, reader: inout YAMLReader
    ) {
        guard let pairs = reader.mapping(node, what: what, allowed: allowed) else { return }
        for (key, value) in pairs {
            switch key {
            case "url": reader.string(value, key: key).map { feed.url = $0 }
            case "name": reader.string(value, key: key).map { feed.name = $0 }
            case "interval":
                reader.duration(value, key: key, minimum: 10, maximum: 7 * 86400).map { feed.interval = $0 }
            case "enabled": reader.bool(value, key: key).map { feed.enabled = $0 }
            case "tags":
                reader.stringList(value, key: key).map { tags in
                    feed.tags = feed.tags + tags.filter { !feed.tags.contains($0) }
                }
            case "fetch_articles": reader.bool(value, key: key).map { feed.fetchArticles = $0 }
            default: break
            }
        }
    }
}
