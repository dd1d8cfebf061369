import Foundation
import VigilCore
import VigilDetect
import VigilParse

/// Reads articles for `vigil analyze` and `vigil eval`: JSON Lines (`id`, `title`, `text`, `published`, `url`,
/// and for evaluation `label`), or plain-text, HTML and feed files.
public enum ArticleReader {
    /// A line or file that could not be read, with where.
    public struct Problem: Error, CustomStringConvertible {
        public var source: String
        public var message: String
        public var description: String { "\(source): \(message)" }
    }

    /// The articles in one input (a file's bytes), in order, and problems for the parts that could not be read.
    public static func articles(from data: Data, source: String) -> (articles: [DetectorInput], problems: [Problem]) {
        var kind = DocumentSniffer.kind(of: data, fileName: source)
        if kind == .plainText, InboxDocument.looksLikeJSONLines(data, fileName: source) { kind = .jsonLines }
        switch kind {
        case .empty:
            return ([], [])
        case .binary:
            return ([], [Problem(source: source, message: "binary content: not an article, feed or JSON Lines")])
        case .jsonLines:
            var articles: [DetectorInput] = []
            var problems: [Problem] = []
            for (number, object) in jsonObjects(data, source: source, problems: &problems) {
                let text = object["text"] as? String ?? ""
                let title = object["title"] as? String
                guard title != nil || !text.isEmpty else {
                    problems.append(Problem(source: "\(source):\(number)", message: "no 'title' or 'text'"))
                    continue
                }
                let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init)
                let published = (object["published"] as? String).flatMap(FeedDate.parse)
                articles.append(DetectorInput(id: id, title: title, text: text, published: published))
            }
            return (articles, problems)
        case .html:
            let article = ArticleExtractor.extract(data, context: DocumentContext(contentType: "text/html"))
            return (
                [
                    DetectorInput(
                        id: article.canonicalURL ?? source, title: article.title, text: article.text,
                        published: article.published)
                ], []
            )
        case .feed:
            do {
                let document = try FeedParser.parse(data, context: DocumentContext())
                return (
                    document.entries.map { entry in
                        let item = ItemBuilder.item(from: entry, fetchPage: false)
                        return DetectorInput(
                            id: entry.id ?? entry.link, title: item.title, text: item.text ?? "",
                            published: item.published)
                    }, []
                )
            } catch {
                return ([], [Problem(source: source, message: "not a usable feed: \(error)")])
            }
        case .plainText:
            let article = InboxDocument.textArticle(String(decoding: data, as: UTF8.self))
            return ([DetectorInput(id: source, title: article.title, text: article.text)], [])
        }
    }

    /// Labelled articles (the shared corpus format) for evaluation.
    public static func labelled(from data: Data, source: String) -> (articles: [LabelledArticle], problems: [Problem]) {
        var problems: [Problem] = []
        var articles: [LabelledArticle] = []
        for (number, object) in jsonObjects(data, source: source, problems: &problems) {
            guard let label = object["label"] as? [String: Any], let kind = label["kind"] as? String else {
                problems.append(Problem(source: "\(source):\(number)", message: "no 'label' with a 'kind'"))
                continue
            }
            let input = DetectorInput(
                id: (object["id"] as? String) ?? "\(source):\(number)", title: object["title"] as? String,
                text: object["text"] as? String ?? "",
                published: (object["published"] as? String).flatMap(FeedDate.parse))
            var article = LabelledArticle(input: input, kind: kind, isIncident: label["is_incident"] as? Bool ?? false)
            article.eventType = label["event_type"] as? String
            article.suicide = label["suicide"] as? Bool
            article.actor = label["actor"] as? String
            article.actorClaimed = label["actor_claimed"] as? Bool
            article.country = label["country"] as? String
            article.place = label["place"] as? String
            article.killed = label["killed"] as? Int
            article.wounded = label["wounded"] as? Int
            article.group = label["group"] as? String
            if let roundup = label["roundup"] as? [String: Any], let count = roundup["count"] as? Int,
                let period = roundup["period"] as? String
            {
                article.roundup = Detection.Roundup(
                    actor: roundup["actor"] as? String, country: roundup["country"] as? String, count: count,
                    period: period, previousCount: roundup["previous_count"] as? Int,
                    previousPeriod: roundup["previous_period"] as? String)
            }
            articles.append(article)
        }
        return (articles, problems)
    }

    private static func jsonObjects(_ data: Data, source: String, problems: inout [Problem]) -> [(Int, [String: Any])] {
        var objects: [(Int, [String: Any])] = []
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                problems.append(Problem(source: "\(source):\(number)", message: "not a JSON object"))
                continue
            }
            objects.append((number, object))
        }
        return objects
    }
}
