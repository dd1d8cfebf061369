import Testing
import VigilCore

@testable import VigilDetect

/// Event type, subtype, suicide and targets on short articles written for these tests.
@Suite struct TaxonomyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var title: String
        var body: String
        var eventType: String
        var subtype: String?
        var suicide: Bool?
        var testDescription: String { "\(eventType)/\(subtype ?? "-"): \(title)" }
    }

    static let cases: [Case] = [
        Case(
            title: "Roadside bomb kills four soldiers in southern province",
            body: """
                LASHKAR GAH — A roadside bomb hit an army pickup on the main highway on Tuesday, killing four \
                soldiers and wounding two, a provincial spokesman said.

                The device was hidden in a culvert and set off as the patrol passed, he said.
                """,
            eventType: "bombing", subtype: "ied", suicide: false),
        Case(
            title: "Car bomb tears through crowded market, killing 19",
            body: """
                A car bomb exploded in a busy vegetable market on Friday morning, killing 19 people and wounding \
                dozens, police said. Shop fronts were ripped off and several vehicles burned.
                """,
            eventType: "bombing", subtype: "vehicle_bomb", suicide: nil),
        Case(
            title: "Suicide car bomber strikes checkpoint, killing seven police",
            body: """
                A suicide car bomber rammed an explosives-packed vehicle into a police checkpoint on Sunday, \
                killing seven officers, the interior ministry said.
                """,
            eventType: "bombing", subtype: "suicide_bombing", suicide: true),
        Case(
            title: "Bomber blows himself up at mosque during Friday prayers",
            body: """
                A bomber blew himself up among worshippers at a mosque during Friday prayers, killing 17 people, \
                officials said. Witnesses said the attacker had joined the rows of men before detonating his vest.
                """,
            eventType: "bombing", subtype: "suicide_bombing", suicide: true),
        Case(
            title: "Grenade attack on bar wounds 12",
            body: """
                Two men on a motorcycle hurled a grenade into a crowded bar late on Saturday, wounding 12 people, \
                police said. The attackers fled.
                """,
            eventType: "bombing", subtype: "grenade", suicide: false),
        Case(
            title: "Gunmen kill 11 passengers on highway bus",
            body: """
                Gunmen stopped a bus on a remote highway on Monday and opened fire on the passengers, killing 11, \
                a district official said. The attackers escaped into nearby hills.
                """,
            eventType: "armed_assault", subtype: "shooting", suicide: false),
        Case(
            title: "Militants ambush police patrol, killing nine officers",
            body: """
                Militants ambushed a police patrol on a mountain road on Wednesday, killing nine officers, the \
                provincial police chief said. The patrol was returning from a village when it came under fire.
                """,
            eventType: "armed_assault", subtype: "ambush", suicide: false),
        Case(
            title: "Insurgents overrun army outpost near border",
            body: """
                Dozens of insurgents attacked an army outpost near the border before dawn on Thursday, killing 14 \
                soldiers in a battle that lasted several hours, the defence ministry said.
                """,
            eventType: "armed_assault", subtype: "attack_on_post", suicide: false),
        Case(
            title: "Man stabs three at railway station",
            body: """
                A man with a knife stabbed three people at a railway station on Saturday evening before police \
                overpowered him, officials said. One victim died in hospital.
                """,
            eventType: "armed_assault", subtype: "stabbing", suicide: false),
        Case(
            title: "Mortar shells hit market, killing eight",
            body: """
                Mortar shells slammed into a market in the town centre on Tuesday, killing eight civilians and \
                wounding 20, local officials said. The shells were fired from positions outside the town.
                """,
            eventType: "remote_strike", subtype: "shelling_rocket", suicide: false),
        Case(
            title: "Drone attack hits airport, wounding three",
            body: """
                An explosive-laden drone struck the passenger terminal of the city's airport on Monday, wounding \
                three workers, the airport authority said. Flights were suspended for several hours.
                """,
            eventType: "remote_strike", subtype: "air_drone_strike", suicide: false),
        Case(
            title: "Gunmen kidnap 30 travellers on northern road",
            body: """
                Armed men kidnapped about 30 travellers after blocking a road in the north on Sunday, police said. \
                Security forces were searching the forest for the abducted passengers.
                """,
            eventType: "kidnapping", subtype: "abduction", suicide: false),
        Case(
            title: "Hijackers seize domestic flight and force landing",
            body: """
                Armed men hijacked a domestic passenger plane shortly after take-off on Thursday and forced the \
                pilots to land at a remote airstrip, the aviation authority said. All 80 passengers were freed.
                """,
            eventType: "hijacking", subtype: "aircraft_hijacking", suicide: false),
        Case(
            title: "Militants torch girls' school in tribal district",
            body: """
                Militants set fire to a girls' school overnight on Tuesday, destroying classrooms and the library, \
                police said. Nobody was hurt because the building was empty.
                """,
            eventType: "facility_attack", subtype: "arson", suicide: false),
        Case(
            title: "Saboteurs blow up gas pipeline in restive province",
            body: """
                Attackers blew up a gas pipeline in the province on Sunday, cutting supplies to two cities, the \
                state gas company said. It was the third attack on the line this year.
                """,
            eventType: "facility_attack", subtype: "sabotage", suicide: false),
        Case(
            title: "Provincial governor shot dead outside his home",
            body: """
                The governor of the northern province was shot dead by two gunmen outside his home on Monday \
                morning, police said. His driver was wounded.
                """,
            eventType: "assassination", subtype: "targeted_killing", suicide: false),
        Case(
            title: "Van ploughs into pedestrians on shopping street, killing four",
            body: """
                A man drove a rented van into pedestrians on a busy shopping street on Saturday afternoon, killing \
                four people and injuring 15, police said. The driver was arrested at the scene.
                """,
            eventType: "unarmed_assault", subtype: "vehicle_ramming", suicide: false),
        Case(
            title: "Blast at bus station kills six",
            body: """
                A bomb exploded in a crowded bus station on Tuesday, killing six people and wounding 30, police \
                said. It was not clear how the device was delivered.
                """,
            eventType: "bombing", subtype: nil, suicide: nil),
    ]

    @Test(arguments: cases)
    func eventTypeSubtypeAndSuicide(_ example: Case) {
        let detection = DetectorFixture.analyze(example.title, example.body)
        #expect(detection.kind == .incident)
        #expect(detection.eventType == example.eventType)
        #expect(detection.subtype == example.subtype)
        #expect(detection.suicide == example.suicide)
        #expect(detection.evidence.contains { $0.field == "event_type" })
    }

    @Test func mostSpecificSubtypeWins() {
        // "suicide car bombing" names both a vehicle bomb and a suicide bombing: the suicide subtype is more
        // specific.
        let detection = DetectorFixture.analyze(
            "Suicide car bombing kills 12 at army base",
            "A suicide car bombing at the gate of an army base killed 12 soldiers on Monday, officials said.")
        #expect(detection.subtype == "suicide_bombing")
        let events = DetectorFixture.detector.map {
            $0.taxonomy.findEvents(in: DetectorFixture.context("", "A car bomb and a suicide bomber."))
        }
        #expect(events?.hits.map(\.specificity).sorted() == [3, 4])
    }

    @Test func armedAssaultWinsWhenABombIsUsedAlongTheWay() {
        let detection = DetectorFixture.analyze(
            "Gunmen storm hotel, killing 20",
            """
            Gunmen stormed a hotel in the capital on Friday night, shooting guests in the lobby and the restaurant \
            and killing 20 people, police said. One of the attackers set off a grenade at the entrance.
            """)
        #expect(detection.eventType == "armed_assault")
    }

    @Test func suicideClaimedButUnconfirmedIsOpen() {
        let detection = DetectorFixture.analyze(
            "Twin blasts at church kill 15; militants claim attack",
            """
            Two bombs exploded at a church during Sunday service, killing 15 people, police said.

            The militant group claimed responsibility, saying two of its suicide bombers carried out the attack. \
            Investigators said they had not confirmed the claim and were examining how the devices went off.
            """)
        #expect(detection.kind == .incident)
        #expect(detection.suicide == nil)
    }

    struct TargetCase: Sendable, CustomTestStringConvertible {
        var target: String
        var title: String
        var body: String
        var testDescription: String { target }
    }

    static let targetCases: [TargetCase] = [
        TargetCase(
            target: "military", title: "Bomb kills five soldiers",
            body: "A bomb killed five soldiers at an army barracks on Monday, officials said."),
        TargetCase(
            target: "police", title: "Gunmen attack police station",
            body: "Gunmen attacked a police station on Monday, killing three policemen, officials said."),
        TargetCase(
            target: "government", title: "Blast hits parliament building",
            body: "A bomb exploded outside the parliament on Monday, killing two guards, officials said."),
        TargetCase(
            target: "religious", title: "Gunmen open fire on church congregation",
            body: "Gunmen opened fire on worshippers at a church on Sunday, killing six, officials said."),
        TargetCase(
            target: "educational", title: "Attackers storm school",
            body: "Gunmen stormed a school on Monday and shot dead four teachers, officials said."),
        TargetCase(
            target: "civilians", title: "Bomb kills villagers at market",
            body: "A bomb exploded at a village market on Monday, killing nine villagers, officials said."),
        TargetCase(
            target: "business", title: "Gunmen attack hotel",
            body: "Gunmen attacked a hotel on Monday, killing four guests, officials said."),
        TargetCase(
            target: "transport", title: "Blast hits train",
            body: "A bomb exploded on a commuter train on Monday, killing seven passengers, officials said."),
        TargetCase(
            target: "utilities", title: "Rockets hit power station",
            body: "Rockets struck a power station on Monday, killing two workers, officials said."),
        TargetCase(
            target: "journalists", title: "Gunmen kill two journalists",
            body: "Gunmen shot dead two journalists outside their newspaper office on Monday, officials said."),
        TargetCase(
            target: "ngo", title: "Attackers kill aid workers",
            body: "Gunmen ambushed a convoy of aid workers on Monday, killing three, officials said."),
        TargetCase(
            target: "health", title: "Bomb hits hospital",
            body: "A bomb exploded at a hospital on Monday, killing four patients and two nurses, officials said."),
    ]

    @Test(arguments: targetCases)
    func targetTypes(_ example: TargetCase) {
        let detection = DetectorFixture.analyze(example.title, example.body)
        #expect(detection.kind == .incident)
        #expect(detection.targets.contains(example.target))
        #expect(detection.evidence.contains { $0.field == "targets" })
    }

    @Test func speakersAreNotTargets() {
        let detection = DetectorFixture.analyze(
            "Bomb kills six shoppers at market",
            "A bomb exploded at a market on Monday, killing six shoppers, police said.")
        #expect(detection.targets.contains("civilians"))
        #expect(!detection.targets.contains("police"))
    }

    // MARK: Data file problems

    @Test func reportsUnknownEventTypesParentsContextsAndKeys() {
        let problems = DetectorFixture.problems(
            taxonomy: """
                event_types:
                  bombing: {triggers: [bomb]}
                  sabotage_attack: {triggers: [sabotage]}
                subtypes:
                  roadside:
                    parent: bombng
                    triggers: [roadside bomb]
                  cell:
                    parent: bombing
                    specifity: 3
                    triggers:
                      - {phrase: "cell phone bomb", needs_context: phones}
                harm: [killed]
                """)
        #expect(problems.contains { $0.hasPrefix("taxonomy.yaml:3:") && $0.contains("unknown event type 'sabotage_attack'") })
        #expect(problems.contains { $0.hasPrefix("taxonomy.yaml:6:") && $0.contains("unknown event type 'bombng'") })
        #expect(problems.contains { $0.hasPrefix("taxonomy.yaml:10:") && $0.contains("did you mean 'specificity'") })
        #expect(problems.contains { $0.hasPrefix("taxonomy.yaml:12:") && $0.contains("unknown context 'phones'") })
    }

    @Test func reportsBadPatternsAndYAMLSyntax() {
        #expect(
            DetectorFixture.problems(taxonomy: "event_types:\n  bombing: {triggers: ['a|b|c d|e|f g|h ? |']}\n")
                .contains { $0.contains("bad pattern") })
        #expect(DetectorFixture.problems(taxonomy: "event_types: [\n").contains { $0.contains("YAML syntax error") })
    }
}
