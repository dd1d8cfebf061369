import Foundation
import Testing

@testable import VigilDetect

/// The place resolver on the shared corpus's incident articles, with attack words as interim anchors.
@Suite struct PlaceCorpusTests {
    @Test func countryAccuracyOnIncidentsIsAtLeast97Percent() throws {
        let articles = try PlaceTestSupport.corpus().filter { $0.kind == "incident" }
        #expect(articles.count == 42)
        var countryRight = 0
        var placeRight = 0
        var misses: [String] = []
        for article in articles {
            let location = PlaceTestSupport.locate(title: article.title, body: article.text)
            let countryOK = location.country == article.country
            let placeOK = location.place?.lowercased() == article.place?.lowercased()
            if countryOK { countryRight += 1 }
            if placeOK { placeRight += 1 }
            if !countryOK || !placeOK {
                misses.append(
                    "\(article.id): want \(article.country ?? "-")/\(article.place ?? "-"), "
                        + "got \(location.country ?? "-")/\(location.place ?? "-")")
            }
        }
        let country = Double(countryRight) / Double(articles.count)
        let place = Double(placeRight) / Double(articles.count)
        print("places on corpus incidents: country \(countryRight)/\(articles.count), place \(placeRight)/\(articles.count)")
        for miss in misses { print("  \(miss)") }
        #expect(country >= 0.97)
        #expect(place >= 0.8)
    }
}

extension PlaceCorpusTests {
    /// `VIGIL_PLACES_DEBUG=d033,d021 swift test --filter PlaceCorpusTests`: prints the mentions of those articles.
    @Test func debugMentions() throws {
        guard let ids = ProcessInfo.processInfo.environment["VIGIL_PLACES_DEBUG"]?.split(separator: ",") else { return }
        let gazetteer = PlaceTestSupport.gazetteer
        for article in try PlaceTestSupport.corpus() where ids.contains(Substring(article.id)) {
            let document = TextDocument(title: article.title, body: article.text)
            let context = AnalysisContext(document: document, published: nil)
            let places = gazetteer.findPlaces(in: context)
            let anchors = PlaceTestSupport.anchors(document)
            let analysis = PlaceAnalysis(context: context, places: places, anchors: anchors, gazetteer: gazetteer)
            print("== \(article.id)")
            for clue in analysis.clues {
                let m = clue.mention
                let entries = m.candidates.prefix(4).map {
                    "\(gazetteer.countryCode(of: $0) ?? "-"):\(gazetteer.name(of: $0)):\(gazetteer.entries[Int($0)].kind)"
                }
                print(
                    "  \(document.text(from: m.first, to: m.last)) [\(m.form)] role=\(clue.role) level=\(clue.level) "
                        + "country=\(clue.country.flatMap { Gazetteer.code($0) } ?? "-") unlisted=\(clue.unlisted) "
                        + "score=\(String(format: "%.2f", clue.score)) lead=\(clue.inLead) near=\(clue.nearAnchor) "
                        + "container=\(clue.container.map { String($0) } ?? "-") \(entries)")
            }
        }
    }
}
