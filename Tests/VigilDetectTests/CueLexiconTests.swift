import Testing
import VigilCore

@testable import VigilDetect

/// Cue and marker finding, and `cues.yaml` problems.
@Suite struct CueLexiconTests {
    @Test func markersGovernNearbyAttackWords() throws {
        let detector = try #require(DetectorFixture.detector)
        let context = DetectorFixture.context(
            "", "Officials said there was no explosion. The group plans to attack the port. The 2015 bombing shocked the city.")
        let cues = detector.cues.find(in: context)
        let document = context.document
        func index(_ word: String) -> Int { document.tokens.indices.first { document.text($0) == word } ?? 0 }
        #expect(cues.marker(.negation, first: index("explosion"), last: index("explosion"), in: document) != nil)
        #expect(cues.marker(.hypothetical, first: index("attack"), last: index("attack"), in: document) != nil)
        #expect(cues.marker(.historical, first: index("bombing"), last: index("bombing"), in: document) != nil)
        #expect(cues.marker(.historical, first: index("attack"), last: index("attack"), in: document) == nil)
    }

    @Test func aYearIsHistoricalOnlyBeforeThePublicationYear() throws {
        let detection = DetectorFixture.analyze(
            "Bombing on March 3, 2023 kills 12", "A bomb exploded at a market on March 3, 2023, killing 12 people.")
        #expect(detection.kind == .incident)
    }

    @Test func reportsUnknownKindsMasksAndMarkers() {
        let problems = DetectorFixture.problems(
            cues: """
                kinds:
                  threatt:
                    phrases: [warned]
                  trial:
                    against_incident: 2
                    phrases:
                      - {phrase: court, masks: paragraph}
                markers:
                  negation: {before: 3, phrases: [no]}
                  rumour: {before: 3, phrases: [reportedly]}
                """)
        #expect(problems.contains { $0.hasPrefix("cues.yaml:2:") && $0.contains("did you mean 'threat'") })
        #expect(problems.contains { $0.hasPrefix("cues.yaml:5:") && $0.contains("between 0.0 and 1.0") })
        #expect(problems.contains { $0.hasPrefix("cues.yaml:7:") && $0.contains("'masks'") })
        #expect(problems.contains { $0.hasPrefix("cues.yaml:10:") && $0.contains("unknown marker 'rumour'") })
    }
}
