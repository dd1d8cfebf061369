import Foundation
import Testing
import VigilCore

@testable import VigilDetect

/// Roundups (counts of attacks over a period) on articles written for these tests, published 2023-06-15.
@Suite struct RoundupTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var title: String
        var body: String
        var count: Int
        var period: String
        var previousCount: Int?
        var previousPeriod: String?
        var testDescription: String { title }
    }

    static let cases: [Case] = [
        Case(
            title: "IS-K attacks surge in Afghanistan",
            body: """
                IS-K has carried out at least 119 strikes in Afghanistan in the first four months of this year, up \
                from 39 in the same period in 2022, a monitoring group said.
                """,
            count: 119, period: "2023-01/2023-04", previousCount: 39, previousPeriod: "2022-01/2022-04"),
        Case(
            title: "Militant violence rises in Pakistan's north-west",
            body: """
                Militants staged 212 attacks in Khyber Pakhtunkhwa in the first half of the year, compared with 140 \
                in the first half of last year, according to a report by an Islamabad think tank.
                """,
            count: 212, period: "2023-01/2023-06", previousCount: 140, previousPeriod: "2022-01/2022-06"),
        Case(
            title: "Al-Shabaab attacks fall in Somalia, report says",
            body: """
                Al-Shabaab carried out 85 attacks in Somalia between January and March, down from 120 in the last \
                three months of 2022, the report said, crediting a government offensive.
                """,
            count: 85, period: "2023-01/2023-03", previousCount: 120, previousPeriod: "2022-10/2022-12"),
        Case(
            title: "JNIM attacks in Burkina Faso hit record",
            body: """
                Jama'at Nusrat al-Islam wal-Muslimin was responsible for 310 attacks in Burkina Faso last year, \
                against 208 in 2021, according to the conflict monitor's annual review.
                """,
            count: 310, period: "2022-01/2022-12", previousCount: 208, previousPeriod: "2021-01/2021-12"),
        Case(
            title: "Boko Haram attacks so far this year",
            body: """
                Boko Haram has launched 47 attacks in north-east Nigeria so far this year, the army said on Tuesday, \
                without giving a comparison.
                """,
            count: 47, period: "2023-01/2023-06"),
        Case(
            title: "Houthi attacks on shipping continue",
            body: "Houthi rebels have launched 45 attacks on merchant shipping since mid-October, the navy said.",
            count: 45, period: "2022-10/2023-06"),
        Case(
            title: "Attacks in the Sahel since January",
            body: """
                Militants have carried out 64 drone and gun attacks in the region since the middle of January, a \
                monitoring group said.
                """,
            count: 64, period: "2023-01/2023-06"),
    ]

    @Test(arguments: cases) func countsAndPeriods(_ c: Case) throws {
        let detection = DetectorFixture.analyze(c.title, c.body)
        #expect(detection.kind == .roundup)
        #expect(!detection.isIncident)
        let roundup = try #require(detection.roundup)
        #expect(roundup.count == c.count)
        #expect(roundup.period == c.period)
        #expect(roundup.previousCount == c.previousCount)
        #expect(roundup.previousPeriod == c.previousPeriod)
    }

    @Test func seedExampleNamesTheGroupAndCountry() throws {
        let detection = DetectorFixture.analyze(Self.cases[0].title, Self.cases[0].body)
        #expect(detection.actor == "Islamic State Khorasan Province")
        #expect(detection.country == "AF")
        #expect(detection.roundup?.actor == "Islamic State Khorasan Province")
    }

    @Test func singleAttackWithAYearlyTallyInBackgroundIsAnIncident() {
        let detection = DetectorFixture.analyze(
            "Bomb kills 9 at bus station in Quetta",
            """
            QUETTA, Pakistan — A bomb hidden in a motorcycle exploded at a bus station in Quetta on Wednesday, \
            killing nine people and wounding 22, police said.

            The province has seen more than 100 attacks this year, according to officials.
            """)
        #expect(detection.kind == .incident)
        #expect(detection.killed?.value == 9)
    }
}
