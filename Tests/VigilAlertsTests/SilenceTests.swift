import Foundation
import Testing

@testable import VigilAlerts

@Suite struct SilenceTests {
    @Test func parsesEntriesAndCollectsEveryProblem() {
        let entries: [[String: String]] = [
            ["actor": "Al-Shabaab", "country": "so", "until": "2024-12-31", "reason": "known campaign"],
            ["country": "AF", "until": "2024-02-30", "reason": "bad date"],
            ["until": "2024-01-01", "reason": "matches everything"],
            ["actor": "X", "until": "2024-01-01", "colour": "red"],
        ]
        let (list, problems) = SilenceList.parse(entries, file: "config/silences.yaml")
        #expect(list.silences.count == 1)
        #expect(list.silences.first?.country == "SO")
        #expect(list.silences.first?.until == DayNumber.day(year: 2024, month: 12, day: 31))
        #expect(
            problems == [
                "config/silences.yaml: silence 2: 'until' must be a date YYYY-MM-DD",
                "config/silences.yaml: silence 3: needs at least one of actor, country, event_type (it would silence "
                    + "everything)",
                "config/silences.yaml: silence 4: unknown field 'colour'",
                "config/silences.yaml: silence 4: 'reason' is required",
            ])
    }

    @Test func codableWithADate() throws {
        let silence = Silence(
            actor: "A", country: "AF", until: DayNumber.day(year: 2025, month: 1, day: 31), reason: "r")
        let data = try JSONEncoder().encode(silence)
        #expect(String(data: data, encoding: .utf8)?.contains("\"2025-01-31\"") == true)
        #expect(try JSONDecoder().decode(Silence.self, from: data) == silence)
    }

    @Test func dayNumbersAndPeriods() {
        #expect(DayNumber.isoDate(0) == "1970-01-01")
        #expect(DayNumber.isoDate(19784) == "2024-03-02")
        #expect(DayNumber.parse(isoDate: "2024-02-29") == 19782)
        #expect(DayNumber.parse(isoDate: "2023-02-29") == nil)
        #expect(DayNumber.isoDate(-1) == "1969-12-31")
        #expect(DayNumber.period("2022-01/2022-04")?.count == 120)
        #expect(DayNumber.period("2016")?.count == 366)
        #expect(DayNumber.period("2024-02")?.count == 29)
        #expect(DayNumber.period("2022-04/2022-01") == nil)
        #expect(DayNumber.period("2022-13") == nil)
    }

    @Test func keysDescribeThemselvesAndHaveParents() {
        let key = AlertKey(actor: "Islamic State Khorasan Province", country: "AF")
        #expect(key.description == "Islamic State Khorasan Province / AF / all types")
        #expect(key.parent == AlertKey(country: "AF"))
        #expect(
            AlertKey(actor: "A", country: "AF", eventType: "bombing").parent
                == AlertKey(country: "AF", eventType: "bombing"))
        #expect(AlertKey(country: "AF", eventType: "bombing").parent == AlertKey(country: "AF"))
        #expect(AlertKey(country: "AF").parent == nil)
        #expect(Fingerprint.id(["a"]) == Fingerprint.id(["a"]) && Fingerprint.id(["a"]).count == 16)
        #expect(Fingerprint.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(Fingerprint.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
