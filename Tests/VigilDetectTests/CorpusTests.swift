import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// The shared labelled corpus (`Fixtures/corpus/articles.jsonl`): the rates reached for the decision and event
/// coding fields, asserted just below so that regressions fail.
@Suite struct CorpusTests {
    static func evaluate() throws -> Evaluation {
        let detector = try #require(DetectorFixture.detector)
        let url = try #require(Bundle.module.url(forResource: "Fixtures/corpus/articles", withExtension: "jsonl"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let formatter = ISO8601DateFormatter()
        var evaluation = Evaluation()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let label = try #require(object["label"] as? [String: Any])
            let input = DetectorInput(
                id: object["id"] as? String, title: object["title"] as? String, text: object["text"] as? String ?? "",
                published: (object["published"] as? String).flatMap { formatter.date(from: $0) })
            var article = LabelledArticle(
                input: input, kind: label["kind"] as? String ?? "", isIncident: label["is_incident"] as? Bool ?? false)
            article.eventType = label["event_type"] as? String
            article.suicide = label["suicide"] as? Bool
            article.actor = label["actor"] as? String
            article.actorClaimed = label["actor_claimed"] as? Bool
            evaluation.add(article, detector.analyze(input))
        }
        #expect(lines.count == 72)
        return evaluation
    }

    @Test func decisionAndEventCodingRates() throws {
        let evaluation = try Self.evaluate()
        #expect(evaluation.precision >= 0.97, "\(evaluation.mismatches)")
        #expect(evaluation.recall >= 0.97, "\(evaluation.mismatches)")
        #expect(evaluation.kind.rate >= 0.97, "\(evaluation.mismatches)")
        #expect(evaluation.eventType.rate >= 0.95, "\(evaluation.mismatches)")
        #expect(evaluation.actor.rate >= 0.95, "\(evaluation.mismatches)")
        #expect(evaluation.attribution.rate >= 0.95, "\(evaluation.mismatches)")
        #expect(evaluation.suicide.rate >= 0.95, "\(evaluation.mismatches)")
    }
}
