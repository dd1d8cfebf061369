import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// Incident or not, and which kind, on short articles written for these tests (hard negatives included).
@Suite struct IncidentDeciderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var family: String
        var kind: Detection.Kind
        var title: String
        var body: String
        var testDescription: String { "\(family) → \(kind.rawValue)" }
    }

    static let negatives: [Case] = [
        Case(
            family: "threat", kind: .threat, title: "Embassy warns of possible attacks on hotels over holiday",
            body: """
                The embassy warned its citizens on Wednesday that militants could attack hotels and shopping \
                centres in the capital during the holiday, and urged them to avoid crowded places.

                The warning cited a heightened threat but gave no details. Police said security had been stepped \
                up at major hotels.
                """),
        Case(
            family: "hypothetical", kind: .threat, title: "What if drones struck a stadium? Security chiefs weigh risk",
            body: """
                Security chiefs warned on Monday that a drone attack on a packed stadium could kill hundreds, and \
                said organisers of the summer tournament must plan for such a threat.

                No such attack has happened, they stressed, but the risk of armed groups using cheap drones was \
                rising.
                """),
        Case(
            family: "foiled plot and arrests", kind: .counterTerror,
            title: "Police arrest five over plot to bomb Christmas market",
            body: """
                Police arrested five men in dawn raids on Thursday over a suspected plot to bomb a Christmas \
                market, prosecutors said. Officers seized bomb-making material at one of the flats.

                The men had been under surveillance for weeks, a police spokesman said.
                """),
        Case(
            family: "defused bomb", kind: .counterTerror, title: "Bomb squad defuses device found at railway station",
            body: """
                Army experts defused a bomb found in a bag at the main railway station on Monday, police said. \
                The station was evacuated for three hours and trains were halted.

                No one was hurt. Police said the device contained several kilograms of explosives.
                """),
        Case(
            family: "drill", kind: .counterTerror, title: "Police stage mock attack drill at football stadium",
            body: """
                Hundreds of police officers and paramedics took part in a drill simulating a gun attack at the \
                national stadium on Sunday, rehearsing the response to a mass-casualty emergency.

                Actors played wounded fans while armed officers practised clearing the stands, organisers said.
                """),
        Case(
            family: "counter-terror raid", kind: .counterTerror, title: "Security forces kill 12 militants in raid on hideout",
            body: """
                Security forces killed 12 militants in a raid on a hideout in the mountains on Tuesday, the army \
                said, and seized weapons and explosives.

                Two soldiers were wounded in the operation, which followed intelligence about a planned attack.
                """),
        Case(
            family: "anniversary", kind: .anniversary, title: "City remembers 40 killed in nightclub bombing, five years on",
            body: """
                Hundreds of people gathered on Saturday for a memorial service marking five years since a bombing \
                at a nightclub killed 40 people, most of them students.

                Relatives laid wreaths at the site and observed a minute's silence at the time of the blast.
                """),
        Case(
            family: "trial and sentencing", kind: .trial, title: "Court sentences man to life for 2019 church bombing",
            body: """
                A court on Thursday sentenced a man to life in prison for his role in the 2019 bombing of a \
                church that killed 23 worshippers.

                The judge said the defendant had helped assemble the device. His lawyer said he would appeal the \
                verdict.
                """),
        Case(
            family: "medical attack", kind: .metaphor, title: "Former minister dies of heart attack at 71",
            body: """
                The former interior minister died of a heart attack at his home on Tuesday, his family said. He \
                was 71.

                He had been treated for a previous heart attack two years ago.
                """),
        Case(
            family: "figurative attack", kind: .metaphor, title: "Opposition leader attacks budget as assault on the poor",
            body: """
                The opposition leader launched a verbal attack on the government's budget on Wednesday, calling \
                it an assault on the poor and vowing to vote against it.

                The finance minister shot back, saying the plan would cut the deficit.
                """),
        Case(
            family: "sports", kind: .metaphor, title: "Late strike sinks champions as striker shoots United top",
            body: """
                A late strike from the substitute sank the champions 2-1 on Saturday and sent United top of the \
                league, with the striker shooting from 20 yards after a quick counter-attack.

                The visitors' attack had been blunted for most of the match by a disciplined defence.
                """),
        Case(
            family: "entertainment", kind: .metaphor, title: "Big-budget sequel bombs at the box office",
            body: """
                The big-budget action sequel bombed in its opening weekend, taking just $9 million in cinemas, \
                far below studio forecasts.

                Critics had savaged the film, and analysts said the franchise was unlikely to continue.
                """),
        Case(
            family: "cyber", kind: .cyber, title: "Hackers cripple city's computer systems, demand ransom",
            body: """
                A ransomware attack crippled the city council's computer systems on Monday, knocking out payment \
                services and email, officials said. The hackers demanded a payment in bitcoin.

                The council said no data appeared to have been stolen and that backups were being restored.
                """),
        Case(
            family: "accident", kind: .crimeAccident, title: "Gas explosion at restaurant kills nine",
            body: """
                A gas explosion ripped through a restaurant during lunch on Wednesday, killing nine people and \
                injuring 30, firefighters said. Officials blamed a leaking gas cylinder in the kitchen.

                Rescue workers searched the rubble for survivors.
                """),
        Case(
            family: "ordinary crime", kind: .crimeAccident, title: "Armed robbers kill guard in bank heist",
            body: """
                Armed robbers shot dead a security guard during a raid on a bank branch on Friday and escaped \
                with cash, police said. The gang fled in a stolen car.

                Police said it was the third armed robbery in the district this month.
                """),
        Case(
            family: "political", kind: .political, title: "Rebels and government open peace talks in neutral capital",
            body: """
                Rebel negotiators and a government delegation opened peace talks on Monday, the first direct \
                negotiations in four years, mediators said.

                The two sides agreed on an agenda covering a ceasefire, prisoner releases and elections.
                """),
        Case(
            family: "denial alone", kind: .political, title: "Militant group denies planning attacks on foreigners",
            body: """
                The militant group on Monday denied reports that it was planning attacks on foreign workers, \
                calling them government propaganda, in a statement sent to journalists.

                The group said it remained committed to the negotiations and to the ceasefire agreed in March.
                """),
    ]

    @Test(arguments: negatives)
    func nonIncidentKinds(_ example: Case) {
        let detection = DetectorFixture.analyze(example.title, example.body)
        #expect(!detection.isIncident)
        #expect(detection.kind == example.kind)
        #expect(detection.actor == nil)
        #expect(detection.eventType == nil)
        #expect(detection.evidence.contains { $0.field == "kind" })
    }

    @Test func historicalBackgroundIsNotAnIncident() {
        let detection = DetectorFixture.analyze(
            "Militant group names new leader after commander's death",
            """
            The militant group named a new leader on Tuesday, weeks after its commander died of illness, a \
            spokesman said.

            The group, which killed 170 people in a bombing at the airport in 2021, has been weakened by \
            splits and desertions.
            """)
        #expect(!detection.isIncident)
        #expect(detection.kind == .political || detection.kind == .other)
    }

    @Test func negatedExplosionIsNotAnAttack() {
        let detection = DetectorFixture.analyze(
            "Officials say fire at depot was not an attack",
            """
            A fire destroyed a fuel depot on Monday, officials said, adding that there was no explosion and no \
            sign of sabotage. An electrical fault was the likely cause.
            """)
        #expect(!detection.isIncident)
    }

    @Test func courtAppearanceDaysAfterAnAttackIsStillAnIncidentReport() {
        let detection = DetectorFixture.analyze(
            "Gunman who killed six at festival appears in court",
            """
            A man accused of opening fire on a crowd at a music festival on Saturday, killing six people and \
            wounding 14, appeared in court on Tuesday and was remanded in custody.

            Police said the gunman had fired more than 50 rounds before officers shot him in the leg.
            """)
        #expect(detection.kind == .incident)
        #expect(detection.eventType == "armed_assault")
    }

    @Test func roundupThatAlsoMentionsOneAttackIsARoundup() {
        let detection = DetectorFixture.analyze(
            "Militant attacks in the region doubled in 2022, monitor says",
            """
            Armed groups carried out 412 attacks in the region in 2022, up from 205 the year before, a \
            conflict monitor said in its annual report on Thursday.

            The deadliest was a bombing at a market in March that killed 37 people. Most attacks targeted \
            army posts and police stations, the report said.
            """)
        #expect(detection.kind == .roundup)
        #expect(!detection.isIncident)
    }

    @Test func roundupActorIsTheGroupInTheHeadline() {
        let detection = DetectorFixture.analyze(
            "Boko Haram attacks fell by a third in 2022, researchers say",
            """
            Boko Haram carried out 120 attacks in 2022, down from 181 in 2021, researchers said on Monday, \
            crediting army operations against the group.
            """)
        #expect(detection.kind == .roundup)
        #expect(detection.actor == "Boko Haram")
        #expect(detection.attribution == nil)
    }

    @Test func incidentEvidenceAndConfidence() {
        let detection = DetectorFixture.analyze(
            "Suicide bomber kills 25 at election rally",
            """
            A suicide bomber blew himself up at an election rally on Sunday, killing 25 people and wounding \
            more than 60, police said.
            """)
        #expect(detection.kind == .incident)
        #expect(detection.confidence > 0.8)
        #expect(detection.evidence.contains { $0.field == "kind" && $0.text.lowercased().contains("suicide bomber") })
    }

    @Test func anchorsPreferTheHeadlineAndFirstParagraph() throws {
        let detector = try #require(DetectorFixture.detector)
        let context = DetectorFixture.context(
            "Gunmen kill eight in village attack",
            "Gunmen attacked a village on Monday, killing eight.\n\nLater, a bomb exploded nearby, police said.")
        let events = detector.taxonomy.findEvents(in: context)
        let decision = IncidentDecider.decide(
            context, events: events, cues: detector.cues.find(in: context), casualties: Casualties(),
            roundup: RoundupFinding(), places: PlaceMentions())
        #expect(decision.kind == .incident)
        let first = try #require(decision.anchors.first)
        #expect(context.document.inTitle(first))
        let last = try #require(decision.anchors.last)
        #expect(context.document.sentence(of: last).paragraph == 2)
    }

    @Test func roundupFindingFromTheFiguresStageMakesARoundup() throws {
        let detector = try #require(DetectorFixture.detector)
        let context = DetectorFixture.context(
            "Violence report published", "Officials published figures on Monday about violence in the province.")
        var roundup = RoundupFinding()
        roundup.roundup = Detection.Roundup(count: 50, period: "2022-01/2022-12")
        roundup.anchors = [context.document.tokens.count - 3]
        let decision = IncidentDecider.decide(
            context, events: detector.taxonomy.findEvents(in: context), cues: detector.cues.find(in: context),
            casualties: Casualties(), roundup: roundup, places: PlaceMentions())
        #expect(decision.kind == .roundup)
        #expect(decision.anchors == roundup.anchors)
    }

    // MARK: Bad input

    @Test func emptyInputIsOther() {
        let detection = DetectorFixture.analyze("", "")
        #expect(detection.kind == .other)
        #expect(!detection.isIncident)
    }

    @Test func binaryJunkIsOther() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let detection = DetectorFixture.analyze(String(decoding: bytes, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
        #expect(!detection.isIncident)
    }

    @Test func nonLatinScriptIsOther() {
        let detection = DetectorFixture.analyze(
            "انفجار في سوق المدينة", "قال مسؤولون إن انفجارا وقع في سوق مزدحم صباح الثلاثاء. 爆炸发生在市场。")
        #expect(detection.kind == .other)
        #expect(detection.actor == nil)
    }

    /// The text is cut to `TextDocument.maxBytes`, so ten megabytes cost what 64 KB cost (timed by `vigil eval`'s
    /// throughput figures, not here: tests do not assert on wall-clock time).
    @Test func tenMegabytesAreCut() {
        let paragraph = """
            A suicide bomber blew himself up at a market on Monday, killing 12 people, police said. The Taliban \
            denied involvement. Hackers later attacked the ministry website.\n\n
            """
        let body = String(repeating: paragraph, count: 10 * 1024 * 1024 / paragraph.utf8.count)
        let detection = DetectorFixture.analyze("Bombing", body)
        #expect(detection.kind == .incident)
        #expect(detection.evidence.allSatisfy { $0.end <= TextDocument.maxBytes })
    }
}
