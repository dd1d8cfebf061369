import Testing

@testable import VigilDetect

/// Casualty rules on sentences written for these tests (not taken from the corpus).
@Suite struct CasualtyExtractorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var title: String?
        var killed: Int?
        var wounded: Int?

        init(text: String, title: String? = nil, killed: Int? = nil, wounded: Int? = nil) {
            self.text = text
            self.title = title
            self.killed = killed
            self.wounded = wounded
        }
        var testDescription: String { text }
    }

    static let active: [Case] = [
        Case(text: "A suicide bomber killed 12 people at a market in Kabul on Monday, police said.", killed: 12),
        Case(text: "Gunmen killed twelve villagers and wounded a dozen others.", killed: 12, wounded: 12),
        Case(text: "The blast killed at least 30 people and wounded 90.", killed: 30, wounded: 90),
        Case(text: "The attack killed 5 and injured 14 late on Friday.", killed: 5, wounded: 14),
        Case(text: "Militants ambushed a convoy in the hills, killing 23 soldiers.", killed: 23),
        Case(text: "The bombing left 12 dead and 40 wounded.", killed: 12, wounded: 40),
        Case(text: "A car bomb exploded near the gate, killing at least 30 and wounding 90.", killed: 30, wounded: 90),
        Case(text: "Fighters stormed the town, killing twenty-two people and injuring one hundred and twelve.",
             killed: 22, wounded: 112),
        Case(text: "The explosion killed a 12-year-old boy and injured his mother.", killed: 1, wounded: 1),
        Case(text: "The blast claimed 40 lives.", killed: 40),
    ]

    static let passive: [Case] = [
        Case(text: "Twelve people were killed and 31 were wounded in the explosion.", killed: 12, wounded: 31),
        Case(text: "Fourteen people were killed when a car bomb exploded outside a hotel.", killed: 14),
        Case(text: "At least 50 people have been killed, officials said.", killed: 50),
        Case(text: "One hundred and twelve people died in the attack.", killed: 112),
        Case(text: "Twenty-five civilians were injured.", wounded: 25),
        Case(text: "A policeman was killed and two others were wounded.", killed: 1, wounded: 2),
        Case(text: "Two soldiers and a civilian were killed in the ambush.", killed: 3),
        Case(text: "Two soldiers, a policeman and three civilians were killed.", killed: 6),
        Case(text: "Three police officers were shot dead at a checkpoint.", killed: 3),
        Case(text: "A teacher was stabbed to death outside the school.", killed: 1),
        Case(text: "A passer-by was wounded by shrapnel.", wounded: 1),
        Case(text: "Officials said 14 of the passengers were found shot dead.", killed: 14),
        Case(text: "Nine people were believed to have been killed.", killed: 9),
        Case(text: "Up to 40 people may have died in the fire set by the attackers.", killed: 40),
    ]

    static let tolls: [Case] = [
        Case(text: "Gunmen killed 30 people on Monday. On Tuesday the death toll rose to 47.", killed: 47),
        Case(
            text: "The toll from the attack has risen to 47, officials said. Earlier reports said 30 people were killed.",
            killed: 47),
        Case(text: "The number of people killed in the bombing has climbed to 61.", killed: 61),
        Case(text: "Police initially said 20 people had died. The toll was later raised to 34.", killed: 34),
        Case(text: "The previous toll was 302 dead. Now 358 people have been confirmed dead.", killed: 358),
        Case(text: "Officials raised the number of wounded to 111.", wounded: 111),
        Case(
            text: "One official at first put the death toll at 27. Police later said 20 people were killed.", killed: 20),
    ]

    static let subsets: [Case] = [
        Case(text: "The blast killed 30 people, including eight children.", killed: 30),
        Case(text: "Thirty people, including eight children, were killed.", killed: 30),
        Case(text: "Thirteen people, nine of them foreigners, were killed on Wednesday.", killed: 13),
        Case(text: "The attack killed 40 people, most of them women, and wounded 25.", killed: 40, wounded: 25),
        Case(text: "Gunmen killed 19 people. Eleven of the dead were students.", killed: 19),
        Case(text: "Gunmen killed 19 people. Two police officers were among the dead.", killed: 19),
        Case(text: "The bomb killed 12 people, among them three children.", killed: 12),
        Case(text: "A bomb went off in the market.", title: "Eight children among 30 dead in market bombing", killed: 30),
    ]

    static let perpetrators: [Case] = [
        Case(text: "The attack killed 12 people and the bomber.", killed: 12),
        Case(text: "Thirteen people were killed, including the six bombers, and 40 were wounded.", killed: 7, wounded: 40),
        Case(text: "Five people were killed, including two gunmen.", killed: 3),
        Case(text: "The blast killed 13 people, including the bomber.", killed: 12),
        Case(text: "Gunmen killed nine people. Three attackers were also killed.", killed: 9),
        Case(text: "Security forces shot dead all four gunmen after the attack killed 20 people.", killed: 20),
        Case(text: "Five militants and two soldiers were killed in the clash.", killed: 2),
        Case(text: "About a dozen rebels were believed to have been killed.", killed: nil),
    ]

    static let claims: [Case] = [
        Case(text: "The army said 38 soldiers were killed. The group said its fighters killed 85 soldiers.", killed: 38),
        Case(
            text: "Local sources put the death toll at 160, while the government said 132 people were killed.",
            killed: 132),
        Case(text: "The group claimed to have killed 50 soldiers; officials said 12 soldiers died.", killed: 12),
        Case(text: "Residents said 70 people were killed. The interior ministry said 45 people died.", killed: 45),
    ]

    static let sums: [Case] = [
        Case(text: "The attack killed 60 Afghans and 13 U.S. troops.", killed: 73),
        Case(text: "Rockets wounded five contractors and one soldier.", wounded: 6),
        Case(text: "The bombing killed 169 Afghans. Thirteen U.S. service members also died.", killed: 182),
        Case(text: "Officials said 143 Afghans were wounded. The Pentagon said 18 U.S. personnel were injured.", wounded: 161),
        Case(text: "The blast killed 20 people. Three soldiers and three police officers were also killed.", killed: 20),
    ]

    static let vagueAndZero: [Case] = [
        Case(text: "Dozens of people were killed in the attack.", killed: nil),
        Case(text: "Hundreds were wounded.", wounded: nil),
        Case(text: "Several people were killed and many more were injured.", killed: nil, wounded: nil),
        Case(text: "Tens of thousands of people have been killed in the insurgency.", killed: nil),
        Case(text: "No casualties were reported.", killed: 0, wounded: 0),
        Case(text: "No one was hurt in the blast.", killed: 0, wounded: 0),
        Case(text: "Nobody was killed, but three people were injured.", killed: 0, wounded: 3),
        Case(text: "No Chinese citizens were hurt. The blast killed five people and wounded 12.", killed: 5, wounded: 12),
        Case(text: "No group has claimed responsibility.", killed: nil),
    ]

    static let other: [Case] = [
        Case(text: "The health ministry said 85 people had been taken to hospital.", wounded: 85),
        Case(text: "Thirty people were injured and 85 were taken to hospital.", wounded: 30),
        Case(text: "The attack killed 12 people. In 2015, a similar bombing killed 40.", killed: 12),
        Case(
            text: "Three people were injured and no one was killed. In March last year an attack there killed five people.",
            killed: 0, wounded: 3),
        Case(text: "The mayor was attacked at his home.", title: "Mayor Juan Perez shot dead in northern Mexico", killed: 1),
        Case(text: "Over the five years, 1,315 people were killed in the violence.", killed: 1315),
        Case(text: "The convoy of 78 vehicles was carrying about 2,500 members of the force.", killed: nil),
        Case(text: "Between 20 and 30 people were killed.", killed: 20),
        Case(text: "At 5:30 a.m. 12 people were killed.", killed: 12),
    ]

    func check(_ c: Case) {
        let run = FigureRun(title: c.title, c.text)
        #expect(run.killed == c.killed, "killed: \(run.casualties.evidence.map(\.text))")
        #expect(run.wounded == c.wounded, "wounded: \(run.casualties.evidence.map(\.text))")
    }

    @Test(arguments: active) func activeVerbs(_ c: Case) { check(c) }
    @Test(arguments: passive) func passiveAndStative(_ c: Case) { check(c) }
    @Test(arguments: tolls) func tollsAndRevisions(_ c: Case) { check(c) }
    @Test(arguments: subsets) func subsetsAreNotAdded(_ c: Case) { check(c) }
    @Test(arguments: perpetrators) func perpetratorsCountedApart(_ c: Case) { check(c) }
    @Test(arguments: claims) func officialFiguresBeatClaims(_ c: Case) { check(c) }
    @Test(arguments: sums) func partsAreSummed(_ c: Case) { check(c) }
    @Test(arguments: vagueAndZero) func vagueFiguresAreNullAndNoneIsZero(_ c: Case) { check(c) }
    @Test(arguments: other) func otherForms(_ c: Case) { check(c) }

    @Test func boundsAreKept() {
        #expect(FigureRun("The blast killed at least 30 people.").casualties.killed == .init(value: 30, low: 30))
        #expect(FigureRun("More than 100 people were killed.").casualties.killed == .init(value: 100, low: 100))
        #expect(FigureRun("Up to 40 people were killed.").casualties.killed == .init(value: 40, high: 40))
        #expect(FigureRun("As many as 60 people died.").casualties.killed == .init(value: 60, high: 60))
        #expect(FigureRun("Nearly 200 people were wounded.").casualties.wounded == .init(value: 200, high: 200))
        #expect(FigureRun("Almost 80 people were wounded.").casualties.wounded == .init(value: 80, high: 80))
        #expect(FigureRun("About 70 people were killed.").casualties.killed == .init(value: 70))
        #expect(FigureRun("Between 20 and 30 people were killed.").casualties.killed == .init(value: 20, low: 20, high: 30))
        #expect(FigureRun("Gunmen killed 12 people.").casualties.killed == .init(value: 12))
        #expect(
            FigureRun("The attack killed at least 60 Afghans and 13 U.S. troops.").casualties.killed
                == .init(value: 73, low: 73))
    }

    @Test func evidenceAndAnchorsPointAtTheStatement() {
        let run = FigureRun(title: "Bomb kills 12", "A suicide bomber killed 12 people and wounded 40 on Monday.")
        let killed = run.casualties.evidence.first { $0.field == "killed" }
        #expect(killed?.text == "killed 12 people")
        #expect(run.casualties.evidence.first { $0.field == "wounded" }?.text == "wounded 40")
        let full = Array(("Bomb kills 12" + "\n\n" + "A suicide bomber killed 12 people and wounded 40 on Monday.").unicodeScalars)
        if let killed {
            #expect(String(String.UnicodeScalarView(full[killed.start..<killed.end])) == killed.text)
        }
        #expect(run.casualties.anchors.contains { run.document.text($0) == "killed" })
        #expect(FigureRun("Dozens were killed.").casualties.killedVague)
    }
}
