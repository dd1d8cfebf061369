import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// The repository's gazetteer, compiled once for all place tests.
enum PlaceTestSupport {
    static let gazetteerPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config/detect/gazetteer.tsv").standardized.path

    static let compiled: (gazetteer: Gazetteer, problems: [ConfigProblem]) = {
        let text = (try? String(contentsOfFile: gazetteerPath, encoding: .utf8)) ?? ""
        var problems: [ConfigProblem] = []
        let gazetteer = Gazetteer.compile(tsv: text, file: "gazetteer.tsv", problems: &problems)
        return (gazetteer, problems)
    }()

    static var gazetteer: Gazetteer { compiled.gazetteer }

    /// Attack words standing in for the incident decider's anchors until it exists.
    static let attackWords: Set<UInt64> = Set(
        [
            "attack", "attacks", "attacked", "attacker", "attackers", "bomb", "bombs", "bombed", "bomber", "bombers",
            "bombing", "bombings", "blast", "blasts", "explosion", "explosions", "exploded", "explosives", "killed",
            "killing", "killings", "gunmen", "gunman", "strike", "strikes", "struck", "ambush", "ambushed", "kidnapped",
            "abducted", "abduct", "abduction", "stormed", "raid", "raids", "shot", "shooting", "shootings", "fired",
            "firing", "massacre", "rocket", "rockets", "missile", "drone", "drones", "detonated", "stabbed",
            "stabbing", "hijacked", "seized", "assault", "executed", "siege",
        ].map { TextDocument.hash($0) })

    /// Token positions of attack words: the interim anchors.
    static func anchors(_ document: TextDocument) -> [Int] {
        document.tokens.indices.filter { attackWords.contains(document.tokens[$0].folded) }
    }

    /// Resolves one article's place with the interim anchors (or the ones given).
    static func locate(title: String?, body: String, anchors: [Int]? = nil) -> Location {
        let document = TextDocument(title: title, body: body)
        let context = AnalysisContext(document: document, published: nil)
        let places = gazetteer.findPlaces(in: context)
        return PlaceResolver.resolve(
            context, places: places, anchors: anchors ?? Self.anchors(document), gazetteer: gazetteer)
    }

    /// The shared corpus's labelled articles (a copy in `Fixtures/corpus`).
    struct CorpusArticle {
        var id: String
        var title: String
        var text: String
        var kind: String
        var country: String?
        var place: String?
        /// For roundups: the attack count the statement gives.
        var count: Int?
    }

    static func corpus() throws -> [CorpusArticle] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let text = try String(contentsOf: folder.appendingPathComponent("corpus/articles.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let label = try #require(object["label"] as? [String: Any])
            return CorpusArticle(
                id: object["id"] as? String ?? "?", title: object["title"] as? String ?? "",
                text: object["text"] as? String ?? "", kind: label["kind"] as? String ?? "",
                country: label["country"] as? String, place: label["place"] as? String,
                count: (label["roundup"] as? [String: Any])?["count"] as? Int)
        }
    }
}
