import Foundation
import Testing
import VigilCore
import VigilParse

/// Mean token F1 over a few real pages with Readability's expected text (see `Fixtures/maintext/README.md`).
@Suite struct MainTextRegressionTests {
    /// Floor for the mean token F1 (the extractor reached 0.99 on these pages when the test was written).
    static let floor = 0.97

    /// Lower-cased word tokens (letters, digits and `_`), as the dev set's scorer splits text with `\w+`.
    static func tokens(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else if !current.isEmpty {
                counts[current, default: 0] += 1
                current = ""
            }
        }
        if !current.isEmpty { counts[current, default: 0] += 1 }
        return counts
    }

    /// Bag-of-words F1 between expected and predicted text.
    static func f1(expected: String, predicted: String) -> Double {
        let a = tokens(expected)
        let b = tokens(predicted)
        let overlap = a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) }
        let expectedCount = a.values.reduce(0, +)
        let predictedCount = b.values.reduce(0, +)
        guard overlap > 0 else { return expectedCount == 0 && predictedCount == 0 ? 1 : 0 }
        let precision = Double(overlap) / Double(predictedCount)
        let recall = Double(overlap) / Double(expectedCount)
        return 2 * precision * recall / (precision + recall)
    }

    @Test func meanTokenF1StaysAboveTheFloor() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("maintext")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 14)
        var scores: [String: Double] = [:]
        for page in pages {
            let html = try Data(contentsOf: folder.appendingPathComponent(page))
            let expectedURL = folder.appendingPathComponent(
                page.replacingOccurrences(of: ".html", with: ".expected.txt"))
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            let article = ArticleExtractor.extract(html, context: DocumentContext())
            scores[page] = Self.f1(expected: expected, predicted: article.text)
        }
        let mean = scores.values.reduce(0, +) / Double(max(1, scores.count))
        #expect(mean >= Self.floor, "mean token F1 \(mean): \(scores.sorted { $0.value < $1.value }.prefix(3))")
        for (page, score) in scores { #expect(score >= 0.85, "\(page): \(score)") }
    }
}
