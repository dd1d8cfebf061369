import Testing
import VigilCore

@testable import VigilDetect

/// Aliases, country-bound aliases, attribution and lone actors, on text written for these tests.
@Suite struct ActorDictionaryTests {
    static func resolve(_ title: String, _ body: String, country: String? = nil) -> ActorResolution {
        guard let detector = DetectorFixture.detector else {
            Issue.record("the data files do not compile")
            return ActorResolution()
        }
        let context = DetectorFixture.context(title, body)
        return detector.actors.resolve(detector.actors.find(in: context), in: context, country: country, anchors: [])
    }

    struct AliasCase: Sendable, CustomTestStringConvertible {
        var alias: String
        var actor: String
        var testDescription: String { "\(alias) → \(actor)" }
    }

    static let aliasCases: [AliasCase] = [
        AliasCase(alias: "IS-K", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "ISIS-K", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "ISKP", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "IS-KP", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "Islamic State Khorasan", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "Wilayat Khorasan", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "Islamic State's Afghan affiliate", actor: "Islamic State Khorasan Province"),
        AliasCase(alias: "ISIS", actor: "Islamic State"),
        AliasCase(alias: "Islamic State group", actor: "Islamic State"),
        AliasCase(alias: "ISWAP", actor: "Islamic State West Africa Province"),
        AliasCase(alias: "The Pakistani Taliban", actor: "Tehrik-i-Taliban Pakistan"),
        AliasCase(alias: "TTP", actor: "Tehrik-i-Taliban Pakistan"),
        AliasCase(alias: "Tehreek-e-Taliban Pakistan", actor: "Tehrik-i-Taliban Pakistan"),
        AliasCase(alias: "The Taliban", actor: "Taliban"),
        AliasCase(alias: "Yemen's Houthi rebels", actor: "Houthis"),
        AliasCase(alias: "Ansar Allah", actor: "Houthis"),
        AliasCase(alias: "Al Shabaab", actor: "al-Shabaab"),
        AliasCase(alias: "Al-Shabab", actor: "al-Shabaab"),
        AliasCase(alias: "Boko Haram", actor: "Boko Haram"),
        AliasCase(alias: "Jama'at Nusrat al-Islam wal-Muslimin", actor: "JNIM"),
        AliasCase(alias: "The Kurdistan Workers' Party", actor: "PKK"),
        AliasCase(alias: "Hamas", actor: "Hamas"),
        AliasCase(alias: "The Baloch Liberation Army", actor: "Baloch Liberation Army"),
        AliasCase(alias: "The BLA", actor: "Baloch Liberation Army"),
        AliasCase(alias: "Jaish-e-Mohammad", actor: "Jaish-e-Mohammed"),
    ]

    @Test(arguments: aliasCases)
    func aliasesMapToCanonicalNames(_ example: AliasCase) {
        let resolution = Self.resolve(
            "Attack on checkpoint", "\(example.alias) claimed responsibility for the attack on the checkpoint.")
        #expect(resolution.actor == example.actor)
        #expect(resolution.attribution == .claimed)
    }

    @Test func caseSensitiveAcronymsDoNotMatchWords() {
        let resolution = Self.resolve("Attack", "What is known is that it claimed responsibility for the attack.")
        #expect(resolution.actor == nil)
    }

    @Test func daeshMeansISKPOnlyInAfghanistanAndPakistan() {
        let body = "Daesh claimed responsibility for the bombing at the mosque."
        #expect(Self.resolve("Bombing", body, country: "AF").actor == "Islamic State Khorasan Province")
        #expect(Self.resolve("Bombing", body, country: "PK").actor == "Islamic State Khorasan Province")
        #expect(Self.resolve("Bombing", body, country: "SY").actor == "Islamic State")
        #expect(Self.resolve("Bombing", body, country: nil).actor == "Islamic State")
    }

    @Test func aShorterNameCountsForTheLongerOneInTheSameArticle() {
        let resolution = Self.resolve(
            "Taliban gunmen kill 12 at police post",
            "Pakistani Taliban fighters stormed a police post on Monday. The TTP said its fighters carried out the raid.")
        #expect(resolution.actor == "Tehrik-i-Taliban Pakistan")
    }

    @Test func parentCountsForTheBranchNamedInTheArticle() {
        let resolution = Self.resolve(
            "Islamic State bomber kills 20 in Kabul",
            "Islamic State Khorasan Province said one of its fighters had carried out the bombing in Kabul.")
        #expect(resolution.actor == "Islamic State Khorasan Province")
        #expect(resolution.attribution == .claimed)
    }

    // MARK: Attribution

    @Test func claimedBy() {
        let resolution = Self.resolve(
            "Rocket attack on base", "The rocket attack, claimed by Hezbollah, wounded two soldiers on Monday.")
        #expect(resolution.actor == "Hezbollah")
        #expect(resolution.attribution == .claimed)
        #expect(resolution.evidence.contains { $0.field == "actor_attribution" && $0.text == "claimed by" })
    }

    @Test func statementByTheGroupIsAClaim() {
        let resolution = Self.resolve(
            "Bombing at bus stop",
            "Al-Shabaab, the Somali militant group, said in a radio broadcast that its fighters carried out the attack.")
        #expect(resolution.actor == "al-Shabaab")
        #expect(resolution.attribution == .claimed)
    }

    @Test func blameIsSuspicion() {
        let resolution = Self.resolve(
            "Bomb kills 10 in market", "Police blamed Boko Haram for the bombing, which nobody has claimed.")
        #expect(resolution.actor == "Boko Haram")
        #expect(resolution.attribution == .suspected)
    }

    @Test func suspectedGunmen() {
        let resolution = Self.resolve("Suspected JNIM fighters kill 30 villagers", "The attackers fled on motorbikes.")
        #expect(resolution.actor == "JNIM")
        #expect(resolution.attribution == .suspected)
    }

    @Test func notClaimedIsNotAClaim() {
        let resolution = Self.resolve(
            "Blast kills 9", "The PKK, which officials held responsible, has not claimed the attack.")
        #expect(resolution.actor == "PKK")
        #expect(resolution.attribution == .suspected)
    }

    @Test func denialAloneIsNoActor() {
        let resolution = Self.resolve(
            "Bomb kills 14 at bus station",
            "No group has claimed the attack. The Taliban denied any involvement and condemned the bombing.")
        #expect(resolution.actor == nil)
    }

    @Test func deniedButBlamedIsSuspected() {
        let resolution = Self.resolve(
            "Army says Hamas fired rockets", "The army blamed Hamas for the rocket fire. Hamas denied firing the rockets.")
        #expect(resolution.actor == "Hamas")
        #expect(resolution.attribution == .suspected)
    }

    @Test func attributionMovesFromSuspectedToClaimed() {
        let resolution = Self.resolve(
            "Death toll from hotel siege rises to 21",
            """
            Officials initially blamed the Baloch Liberation Army for the siege. On Tuesday, the TTP claimed \
            responsibility, saying its fighters had stormed the hotel.
            """)
        #expect(resolution.actor == "Tehrik-i-Taliban Pakistan")
        #expect(resolution.attribution == .claimed)
    }

    @Test func theLatestStatementWins() {
        let resolution = Self.resolve(
            "Church bombing kills 11",
            """
            The Islamic State group claimed responsibility on Sunday. On Monday, however, police said they \
            suspected Abu Sayyaf of carrying out the bombing.
            """)
        #expect(resolution.actor == "Abu Sayyaf")
        #expect(resolution.attribution == .suspected)
    }

    @Test func groupsNamedOnlyAsBackgroundAreNotTheActor() {
        let resolution = Self.resolve(
            "Gunmen kill 40 in village raid",
            """
            Gunmen killed 40 villagers on Sunday. No group claimed the raid. Groups linked to al-Qaeda and to \
            Islamic State are active in the area, and the army has stepped up operations against JNIM.
            """)
        #expect(resolution.actor == nil)
    }

    @Test func theGroupRefersToTheGroupNamedLast() {
        let resolution = Self.resolve(
            "Attack on convoy kills 8",
            """
            Al-Shabaab fighters ambushed the convoy, officials said.

            Residents said the road had been quiet for weeks. Later, the group said it carried out the ambush.
            """)
        #expect(resolution.actor == "al-Shabaab")
        #expect(resolution.attribution == .claimed)
    }

    @Test func loneActorIsNull() {
        let resolution = Self.resolve(
            "Knife attack kills two",
            """
            Police said the attacker acted alone, although he had expressed sympathy for Islamic State online. \
            No group has claimed the attack.
            """)
        #expect(resolution.actor == nil)
    }

    @Test func aClaimOutweighsLoneActorMarkers() {
        let resolution = Self.resolve(
            "Islamic State claims nightclub shooting",
            "A lone gunman killed 12. Islamic State claimed responsibility on Tuesday.")
        #expect(resolution.actor == "Islamic State")
        #expect(resolution.attribution == .claimed)
    }

    @Test func nonIncidentArticlesHaveNoActor() {
        let detection = DetectorFixture.analyze(
            "Court convicts three al-Shabaab members over 2019 hotel attack",
            "A court on Monday convicted three al-Shabaab members over the 2019 attack on a hotel that killed 21.")
        #expect(detection.kind == .trial)
        #expect(detection.actor == nil)
    }

    // MARK: Data file problems

    @Test func reportsDuplicateAliasesUnknownParentsAndBadCountries() {
        let problems = DetectorFixture.problems(
            actors: """
                actors:
                  - name: Alpha Front
                    aliases: [Alpha Front, The Front]
                  - name: Beta Brigade
                    parent: Gamma Group
                    aliases:
                      - The Front
                      - {alias: Alpha, countries: [afg]}
                  - name: Delta
                    aliases:
                      - {alias: Daesh, countries: [AF]}
                  - name: Epsilon
                    aliases:
                      - {alias: Daesh, countries: [SY]}
                      - {alias: Zeta, colour: red}
                """)
        #expect(problems.contains { $0.hasPrefix("actors.yaml:7:") && $0.contains("duplicate alias 'The Front'") })
        #expect(problems.contains { $0.hasPrefix("actors.yaml:5:") && $0.contains("unknown parent 'Gamma Group'") })
        #expect(problems.contains { $0.hasPrefix("actors.yaml:8:") && $0.contains("ISO 3166-1") })
        #expect(problems.contains { $0.hasPrefix("actors.yaml:15:") && $0.contains("unknown key 'colour'") })
        // Disjoint country lists may share an alias.
        #expect(!problems.contains { $0.contains("'Daesh'") })
    }
}
