import Foundation
import VigilCore

/// Reads JSON Feed 1.0 and 1.1 documents into a `FeedDocument`.
enum JSONFeedParser {
    /// The version URL prefix every JSON Feed declares.
    static let versionPrefix = "https://jsonfeed.org/"

    /// Whether a `version` value names JSON Feed: the spec's URL, or a bare `1`, `1.0`, `1.1` that some
    /// generators write instead.
    static func isJSONFeedVersion(_ version: String) -> Bool {
        version.hasPrefix(versionPrefix) || version.hasPrefix("http://jsonfeed.org/")
            || ["1", "1.0", "1.1"].contains(version)
    }

    /// Parses JSON bytes; throws when they are not JSON or not a JSON Feed.
    static func parse(_ data: Data, base: String?, context: FeedReadContext) throws -> FeedDocument {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError.invalidJSON
        }
        guard let feed = object as? [String: Any] else {
            throw FeedParseError.unknownFormat.with("JSON document is not an object")
        }
        guard let version = string(feed["version"]), isJSONFeedVersion(version) else {
            throw FeedParseError.unknownFormat.with("JSON object has no JSON Feed version")
        }
        var document = FeedDocument(format: version.hasSuffix("1.1") ? .json11 : .json10)
        document.title = string(feed["title"])
        document.link = context.link(string(feed["home_page_url"]), base: base)
        document.subtitle = string(feed["description"]).map { XMLText.escape($0, quotes: false) }
        document.language = FeedReadContext.language(string(feed["language"]) ?? context.defaultLanguage)
        document.author = authorName(feed)
        guard let items = feed["items"] as? [Any] else {
            context.problem("JSON Feed has no items array")
            return document
        }
        for case let item as [String: Any] in items {
            document.entries.append(entry(item, base: base, context: context))
        }
        return document
    }

    private static func entry(_ item: [String: Any], base: String?, context: FeedReadContext) -> FeedEntry {
        var entry = FeedEntry()
        entry.id = string(item["id"])
        entry.link = context.link(string(item["url"]) ?? string(item["external_url"]), base: base)
        entry.title = string(item["title"])
        // JSON Feed's summary is plain text; as markup it is escaped.
        entry.summary = string(item["summary"]).map { XMLText.escape($0, quotes: false) }
        if let html = string(item["content_html"]) { entry.content.append(html) }
        if let text = string(item["content_text"]) { entry.content.append(XMLText.escape(text, quotes: false)) }
        entry.author = authorName(item)
        entry.published = date(item["date_published"], field: "date_published", context: context)
        entry.updated = date(item["date_modified"], field: "date_modified", context: context)
        entry.published = entry.published ?? entry.updated
        if let tags = item["tags"] as? [Any] {
            entry.tags = tags.compactMap { string($0) }
        }
        if let attachments = item["attachments"] as? [Any] {
            for case let attachment as [String: Any] in attachments {
                guard let href = context.link(string(attachment["url"]), base: base) else { continue }
                let length = (attachment["size_in_bytes"] as? NSNumber).map { $0.intValue }
                entry.enclosures.append(Enclosure(href: href, type: string(attachment["mime_type"]), length: length))
            }
        }
        return entry
    }

    /// The first author's name: 1.1 `authors`, else the deprecated 1.0 `author`.
    private static func authorName(_ object: [String: Any]) -> String? {
        if let authors = object["authors"] as? [Any] {
            for case let author as [String: Any] in authors {
                if let name = string(author["name"]) { return name }
            }
        }
        if let author = object["author"] as? [String: Any] { return string(author["name"]) }
        return nil
    }

    private static func date(_ value: Any?, field: String, context: FeedReadContext) -> Date? {
        guard let text = string(value) else { return nil }
        if let date = FeedDate.parse(text) { return date }
        context.problem("unparseable date \"\(text.prefix(60))\" in \(field)")
        return nil
    }

    /// A JSON value as trimmed text: strings as written, numbers in decimal; nil for anything else or empty.
    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text.trimmedNonEmpty
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
