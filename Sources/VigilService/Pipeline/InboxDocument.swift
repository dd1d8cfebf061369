import Foundation
import VigilCore
import VigilParse

/// Reads a file dropped into the inbox: a feed document, an HTML page, a plain-text article, or JSON Lines of
/// articles (`title`, `text`, `published`, `url`, optional `id`). A file is accepted whole or rejected whole.
public enum InboxDocument {
    /// Why a file was rejected; the text goes into its `.error` file.
    public struct Rejection: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// An item read from an inbox file, with the page it came from when the file is an HTML page.
    public struct Entry: Sendable {
        public var item: NewItem
        /// The HTML page and what the extractor found in it (HTML files only).
        public var page: (body: [UInt8], article: ExtractedArticle)?
    }

    /// The items in the file, or the reason it cannot be ingested.
    public static func items(from data: Data, fileName: String) throws -> [NewItem] {
        try entries(from: data, fileName: fileName).map(\.item)
    }

    /// The entries in the file, or the reason it cannot be ingested.
    public static func entries(from data: Data, fileName: String) throws -> [Entry] {
        if DocumentSniffer.kind(of: data, fileName: fileName) == .html {
            let article = ArticleExtractor.extract(data, context: DocumentContext(contentType: "text/html"))
            guard !article.text.isEmpty else {
                let reason = article.problems.first.map { ": \($0)" } ?? ""
                throw Rejection(reason: "the HTML page has no article text\(reason)")
            }
            let item = ItemBuilder.item(
                from: Article(
                    title: article.title, text: article.text, published: article.published,
                    url: article.canonicalURL))
            return [Entry(item: item, page: ([UInt8](data), article))]
        }
        return try plainItems(from: data, fileName: fileName).map { Entry(item: $0, page: nil) }
    }

    private static func plainItems(from data: Data, fileName: String) throws -> [NewItem] {
        var kind = DocumentSniffer.kind(of: data, fileName: fileName)
        if kind == .plainText, looksLikeJSONLines(data, fileName: fileName) {
            kind = .jsonLines  // with some bad lines, which the JSON Lines reader lists
        }
        switch kind {
        case .empty:
            throw Rejection(reason: "the file is empty")
        case .binary:
            throw Rejection(
                reason: "not a feed, HTML page, text article or JSON Lines file (binary content or invalid UTF-8)")
        case .feed:
            let document: FeedDocument
            do {
                document = try FeedParser.parse(data, context: DocumentContext())
            } catch {
                throw Rejection(reason: "not a usable feed: \(error)")
            }
            guard !document.entries.isEmpty else {
                throw Rejection(reason: "the feed has no items" + problemSuffix(document.problems))
            }
            return document.entries.map { ItemBuilder.item(from: $0, fetchPage: false) }
        case .html:
            preconditionFailure("HTML is handled by entries(from:fileName:)")
        case .plainText:
            let article = textArticle(String(decoding: data, as: UTF8.self))
            guard !article.text.isEmpty || article.title != nil else {
                throw Rejection(reason: "the text file has no text")
            }
            return [ItemBuilder.item(from: article)]
        case .jsonLines:
            return try jsonLinesArticles(data).map(ItemBuilder.item(from:))
        }
    }

    /// A `.jsonl`/`.ndjson` name, or a first line that is a JSON object: meant as JSON Lines even when some
    /// lines are broken (those must be reported, not read as an article).
    static func looksLikeJSONLines(_ data: Data, fileName: String) -> Bool {
        if ["jsonl", "ndjson"].contains((fileName as NSString).pathExtension.lowercased()) { return true }
        let firstLine = data.prefix(64 * 1024).split(separator: UInt8(ascii: "\n")).first { line in
            line.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0d) }
        }
        guard let firstLine, firstLine.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return false
        }
        return (try? JSONSerialization.jsonObject(with: Data(firstLine))) is [String: Any]
    }

    /// A plain-text article: a short first paragraph line is the title, the rest the text.
    static func textArticle(_ text: String) -> Article {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return Article(text: "")
        }
        let candidate = lines[first].trimmingCharacters(in: .whitespaces)
        let rest = lines[(first + 1)...].joined(separator: "\n").trimmed
        if candidate.count <= 300, !rest.isEmpty {
            return Article(title: candidate, text: rest)
        }
        return Article(text: text.trimmed)
    }

    /// Articles from JSON Lines; every bad line is listed in the rejection.
    static func jsonLinesArticles(_ data: Data) throws -> [Article] {
        var articles: [Article] = []
        var errors: [String] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }
            if trimmed.isEmpty || trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                errors.append("line \(lineNumber): not a JSON object")
                continue
            }
            let title = (object["title"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            let text = (object["text"] as? String) ?? ""
            guard title != nil || !text.isEmpty else {
                errors.append("line \(lineNumber): no 'title' or 'text'")
                continue
            }
            var published: Date?
            if let value = object["published"] as? String {
                published = FeedDate.parse(value)
                if published == nil { errors.append("line \(lineNumber): bad 'published' date '\(value)'") }
            }
            let url = object["url"] as? String
            if let url, !CanonicalURL.isHTTP(url) {
                errors.append("line \(lineNumber): 'url' is not an http(s) URL")
            }
            let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init)
            articles.append(Article(id: id, title: title, text: text, published: published, url: url))
        }
        if !errors.isEmpty {
            let shown = errors.prefix(20).joined(separator: "; ")
            throw Rejection(
                reason: "bad JSON Lines: \(shown)\(errors.count > 20 ? "; and \(errors.count - 20) more" : "")")
        }
        guard !articles.isEmpty else { throw Rejection(reason: "the JSON Lines file has no articles") }
        return articles
    }

    private static func problemSuffix(_ problems: [String]) -> String {
        problems.isEmpty ? "" : " (" + problems.prefix(3).joined(separator: "; ") + ")"
    }
}
