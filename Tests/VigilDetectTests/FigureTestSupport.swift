import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// Runs the figure stages (numbers, casualties, roundups, event date) alone on one article.
struct FigureRun {
    let document: TextDocument
    let numbers: [NumberMention]
    let casualties: Casualties
    let roundup: RoundupFinding
    let date: EventDate

    init(title: String? = nil, _ text: String, published: String? = "2021-06-05T12:00:00Z", anchors: [Int]? = nil) {
        let document = TextDocument(title: title, body: text)
        let context = AnalysisContext(document: document, published: published.flatMap(FigureRun.date))
        self.document = document
        numbers = NumberReader.read(context)
        casualties = CasualtyExtractor.extract(context, numbers: numbers)
        roundup = RoundupExtractor.extract(context, numbers: numbers)
        date = EventDateResolver.resolve(context, anchors: anchors ?? casualties.anchors)
    }

    var killed: Int? { casualties.killed?.value }
    var wounded: Int? { casualties.wounded?.value }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }
}

/// A labelled article of the shared corpus (`Fixtures/corpus/articles.jsonl`).
struct CorpusArticle {
    var id: String
    var published: String
    var title: String
    var text: String
    var kind: String
    var killed: Int?
    var wounded: Int?
    var roundup: Detection.Roundup?

    /// Every article of the fixture copy of the corpus.
    static func load() throws -> [CorpusArticle] {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/corpus/articles.jsonl")
        let data = try Data(contentsOf: url)
        var articles: [CorpusArticle] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let label = try #require(object["label"] as? [String: Any])
            var article = CorpusArticle(
                id: object["id"] as? String ?? "", published: object["published"] as? String ?? "",
                title: object["title"] as? String ?? "", text: object["text"] as? String ?? "",
                kind: label["kind"] as? String ?? "")
            article.killed = label["killed"] as? Int
            article.wounded = label["wounded"] as? Int
            if let roundup = label["roundup"] as? [String: Any], let count = roundup["count"] as? Int,
                let period = roundup["period"] as? String
            {
                article.roundup = Detection.Roundup(
                    count: count, period: period, previousCount: roundup["previous_count"] as? Int,
                    previousPeriod: roundup["previous_period"] as? String)
            }
            articles.append(article)
        }
        return articles
    }

    init(id: String, published: String, title: String, text: String, kind: String) {
        self.id = id
        self.published = published
        self.title = title
        self.text = text
        self.kind = kind
    }

    func run() -> FigureRun { FigureRun(title: title, text, published: published) }
}
