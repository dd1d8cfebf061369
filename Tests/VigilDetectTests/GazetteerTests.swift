import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// Compiling `gazetteer.tsv` and finding place names in text.
@Suite struct GazetteerTests {
    func compile(_ tsv: String) -> (Gazetteer, [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        let gazetteer = Gazetteer.compile(tsv: tsv, file: "g.tsv", problems: &problems)
        return (gazetteer, problems)
    }

    /// The names found in `body`, as written, with the code of their first candidate's country.
    func found(_ body: String, title: String? = nil, gazetteer: Gazetteer = PlaceTestSupport.gazetteer) -> [String] {
        let document = TextDocument(title: title, body: body)
        let places = gazetteer.findPlaces(in: AnalysisContext(document: document, published: nil))
        return places.mentions.map { m in
            let text = document.text(from: m.first, to: m.last)
            switch m.form {
            case .unlisted: return text + "?"
            case .demonym, .holder: return text + "~" + (m.candidates.first.flatMap { gazetteer.countryCode(of: $0) } ?? "")
            case .name:
                let countries = Set(m.candidates.compactMap { gazetteer.countryCode(of: $0) }).sorted()
                return text + ":" + countries.joined(separator: "/")
            }
        }
    }

    // MARK: Compiling

    @Test func repositoryGazetteerCompilesWithoutProblemsAndHoldsEveryKind() {
        #expect(PlaceTestSupport.compiled.problems.isEmpty)
        let g = PlaceTestSupport.gazetteer
        let kinds = Dictionary(grouping: g.entries, by: \.kind).mapValues(\.count)
        #expect(kinds[.country, default: 0] >= 240)
        #expect(kinds[.demonym, default: 0] >= 190)
        #expect(kinds[.admin1, default: 0] >= 3000)
        #expect(kinds[.admin2, default: 0] >= 10000)
        #expect(kinds[.place, default: 0] >= 80000)
    }

    @Test func badLinesAreReportedWithFileAndLine() {
        let tsv = """
            # comment
            C\tAF\t\t100\t\tAfghanistan
            Q\tAF\t\t1\t\tNowhere
            P\tAFG\t\t1\t\tKabul
            P\tAF\tAF.99\t1\t\tKabul
            P\tAF\t\tmany\t\tKabul
            P\tAF\t\t1\t\tKābul
            P\tAF\t\t1
            A\tAF\tAF.13\t5\t\tKabul
            P\tAF\tAF.13\t4434550\tc\tKabul|Kabol
            """
        let (g, problems) = compile(tsv)
        #expect(problems.map(\.description) == [
            "g.tsv:3: unknown kind 'Q' (want C, N, X, A, D or P)",
            "g.tsv:4: bad country code 'AFG'",
            "g.tsv:5: unknown first-level division 'AF.99'",
            "g.tsv:6: bad population 'many'",
            "g.tsv:7: name 'Kābul' is not plain ASCII",
            "g.tsv:8: expected 6 tab-separated columns, found 4",
        ])
        #expect(g.count == 3)
        #expect(found("Gunmen attacked a market in Kabol.", gazetteer: g) == ["Kabol:AF"])
    }

    @Test func gazetteerNamesHashLikeTheDocumentTokeniser() {
        // Names with hyphens, apostrophes, periods, possessive-looking endings and numbers.
        for name in ["Mazar-i-Sharif", "Ma'rib", "U.S.", "St. John's", "Cox's Bazar", "Leigh-on-Sea", "N'Djamena",
            "Port-au-Prince", "Washington, D.C.", "Bir al-Abed", "Guinea-Bissau", "Dar es Salaam", "Jammu & Kashmir"]
        {
            let bytes = Array(name.utf8)
            let key = Gazetteer.nameKey(bytes, 0..<bytes.count)
            let document = TextDocument(title: nil, body: name)
            var expected = Gazetteer.keySeed
            for token in document.tokens { expected = Gazetteer.extend(expected, token.folded) }
            #expect(key?.key == expected, "\(name)")
            #expect(key?.tokens == document.tokens.count, "\(name)")
        }
    }

    @Test func loadsTheWholeFileQuickly() throws {
        let text = try String(contentsOfFile: PlaceTestSupport.gazetteerPath, encoding: .utf8)
        var problems: [ConfigProblem] = []
        let start = ContinuousClock.now
        let g = Gazetteer.compile(tsv: text, file: "gazetteer.tsv", problems: &problems)
        let elapsed = ContinuousClock.now - start
        print("gazetteer: \(g.count) entries, \(text.utf8.count / 1000) kB, compiled in \(elapsed)")
        #expect(problems.isEmpty)
        // Debug builds are several times slower than release (about 40 ms for this file).
        #expect(elapsed < .seconds(5))
    }

    // MARK: Finding

    @Test func findsCountriesDivisionsPlacesAndDemonymsLongestFirst() {
        #expect(
            found("Afghan police said gunmen attacked a checkpoint in Kandahar province and in Sri Lanka's capital.")
                == ["Afghan~AF", "Kandahar:AF", "Sri Lanka:LK"])
        #expect(found("Troops moved from South Sudan into Papua New Guinea.") == ["South Sudan:SS", "Papua New Guinea:PG"])
    }

    @Test func diacriticsAndTypographicApostrophesAreFolded() {
        #expect(found("Fighters attacked Tillabéri and Ma’rib.") == ["Tillabéri:NE", "Ma’rib:YE"])
    }

    @Test func commonWordsAndCalendarWordsAreNotPlaces() {
        // "May" and "Police" are towns too; "Mobile" and "Nice" are cities only in a place phrase.
        #expect(found("Police said the attack in May was planned. Mobile phones were found.") == [])
        #expect(found("It was a Nice gesture, the Union said.").isEmpty)
        #expect(found("A truck ploughed into crowds in Nice, the interior ministry said.") == ["Nice:FR"])
        #expect(found("NICE, France — A truck ploughed into crowds.").prefix(1) == ["NICE:FR"])
    }

    @Test func divisionNamesThatAreWordsOrCountriesNeedADivisionWord() {
        #expect(found("Bandits raided Kagara in Niger state.").last == "Niger:NG")
        #expect(found("Soldiers were killed in western Niger.") == ["Niger:NE"])
        #expect(found("Clashes in Plateau state killed 12; the plateau was calm.") == ["Plateau:BJ/NG"])
        #expect(found("Militants attacked an army post in the Sahel.").isEmpty)
    }

    @Test func acronymsMatchOnlyInCapitals() {
        #expect(found("The US said it would help us.") == ["US:US"])
    }

    @Test func personNamesAreNotPlaces() {
        // Titles, first names, initials and verbs of speech; the same surname later is still the person.
        let names = found(
            "President Kabore visited troops. Prime Minister David Cameron spoke, and George W. Bush wrote. "
                + "Cameron said the threat remained. Bulama said 65 people died.")
        #expect(names.allSatisfy { !$0.hasPrefix("Kabore") && !$0.hasPrefix("Cameron") && !$0.hasPrefix("Bush") })
        #expect(!names.contains { $0.hasPrefix("Bulama") })
    }

    @Test func namesInsideLongerNamesAreNotPlacesButBuildingsKeepTheirTown() {
        #expect(found("Gunmen stormed Garissa University College.") == ["Garissa:KE"])
        #expect(found("Leaders of the Quetta Shura met.").isEmpty)
        #expect(found("The Tehrik-i-Taliban Pakistan claimed it.").isEmpty)
        #expect(found("Boats sank in Lake Chad.").isEmpty)
    }

    @Test func unlistedNamesInPlacePhrases() {
        #expect(found("Gunmen killed 20 in Jangebe on Friday.") == ["Jangebe?"])
        #expect(found("They raided the village of Badu Kuluwu.") == ["Badu Kuluwu?"])
        #expect(found("A bomb went off in Hodan district.") == ["Hodan?"])
        // Buildings, peoples before nouns, and names after "the" without a division word are not places.
        #expect(found("Bombers struck at Belfairs Methodist Church and in Tayaran Square.").isEmpty)
        #expect(found("Attacks in Christian villages rose, officials at the Pentagon said.").isEmpty)
        #expect(found("The Islamic State group claimed it.").isEmpty)
    }

    @Test func holderCompoundsNameTheCountryThatHoldsTheNextPlace() {
        #expect(found("A bomb hit a convoy in Indian-administered Kashmir.") == ["Indian-administered~IN", "Kashmir:IN"])
    }

    @Test func datelinesAreReadInCapitalsWithTheGazetteerSpelling() {
        let document = TextDocument(title: nil, body: "MAZAR-I-SHARIF, Afghanistan — Gunmen attacked a base.")
        let places = PlaceTestSupport.gazetteer.findPlaces(in: AnalysisContext(document: document, published: nil))
        #expect(places.mentions.first?.spelling == "Mazar-i-Sharif")
        #expect(found("ZORBANIA, England — An MP was stabbed.").first == "ZORBANIA?")
    }
}
