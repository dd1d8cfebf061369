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

extension PlaceCorpusTests {
    /// Roundups, with the statement (the first sentence that gives the count) as anchors: the country only when the
    /// statement (or else the title) names one place of the attacks.
    @Test func roundupCountriesComeFromTheStatement() throws {
        let articles = try PlaceTestSupport.corpus().filter { $0.kind == "roundup" }
        #expect(articles.count == 6)
        var right = 0
        for article in articles {
            let document = TextDocument(title: article.title, body: article.text)
            let count = try #require(article.count)
            let sentence = document.sentences.first { s in
                s.paragraph > 0
                    && s.tokens.contains {
                        document.tokens[$0].kind == .number
                            && Int(document.text($0).replacingOccurrences(of: ",", with: "")) == count
                    }
            }
            let anchors = sentence.map { Array($0.tokens) } ?? []
            let location = PlaceTestSupport.locate(title: article.title, body: article.text, anchors: anchors)
            if location.country == article.country {
                right += 1
            } else {
                print("  roundup \(article.id): want \(article.country ?? "-"), got \(location.country ?? "-")")
            }
        }
        print("places on corpus roundups: country \(right)/\(articles.count)")
        #expect(right >= 5)
    }
}

extension PlaceCorpusTests {
    /// The decider may choose fewer anchors than every attack word: the country should not depend on having many.
    @Test(arguments: ["first", "title", "none"])
    func countryHoldsWithFewerAnchors(_ mode: String) throws {
        let articles = try PlaceTestSupport.corpus().filter { $0.kind == "incident" }
        var right = 0
        var placeRight = 0
        for article in articles {
            let document = TextDocument(title: article.title, body: article.text)
            let all = PlaceTestSupport.anchors(document)
            let anchors: [Int]
            switch mode {
            case "first": anchors = Array(all.filter { !document.inTitle($0) }.prefix(1))
            case "title": anchors = all.filter { document.inTitle($0) }
            default: anchors = []
            }
            let location = PlaceTestSupport.locate(title: article.title, body: article.text, anchors: anchors)
            if location.country == article.country { right += 1 } else {
                print("  [\(mode)] \(article.id): want \(article.country ?? "-"), got \(location.country ?? "-")")
            }
            if location.place?.lowercased() == article.place?.lowercased() { placeRight += 1 } else {
                print("  [\(mode)] \(article.id): place want \(article.place ?? "-"), got \(location.place ?? "-")")
            }
        }
        print("places with anchors '\(mode)': country \(right)/\(articles.count), place \(placeRight)/\(articles.count)")
        #expect(Double(right) / Double(articles.count) >= 0.95)
    }
}
