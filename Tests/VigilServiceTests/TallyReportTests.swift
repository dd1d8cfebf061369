import Testing
import VigilCore
import VigilService

@Suite struct TallyReportTests {
    @Test func rowsAreGroupedPerKeyIntoBucketsEndingToday() {
        let rows = [
            TallyRow(actor: "Taliban", country: "AF", eventType: nil, day: 100, count: 2),
            TallyRow(actor: "Taliban", country: "AF", eventType: nil, day: 93, count: 1),
            TallyRow(actor: "al-Shabaab", country: "SO", eventType: nil, day: 99, count: 1),
            TallyRow(actor: "old", country: "XX", eventType: nil, day: 50, count: 9),  // before the period
        ]
        let daily = TallyReport(
            rows: rows, dimensions: [.actor, .country], fromDay: 87, throughDay: 100, weekly: false)
        #expect(daily.lines.map(\.actor) == ["Taliban", "al-Shabaab"])
        #expect(daily.lines[0].total == 3)
        #expect(daily.lines[0].buckets.count == 14)
        #expect(daily.lines[0].buckets.last == 2)
        #expect(daily.lines[0].buckets[93 - 87] == 1)

        let weekly = TallyReport(
            rows: rows, dimensions: [.actor, .country], fromDay: 87, throughDay: 100, weekly: true)
        // Weeks 94-100 and 87-93.
        #expect(weekly.lines[0].buckets == [1, 2])
        #expect(weekly.lines[1].buckets == [0, 1])
        let json = weekly.json()[0].serialized()
        #expect(
            json.contains("\"weeks\":[{\"start\":\"1970-03-29\",\"count\":1},{\"start\":\"1970-04-05\",\"count\":2}]"))
        #expect(json.hasPrefix("{\"actor\":\"Taliban\",\"country\":\"AF\",\"total\":3"))
    }

    @Test func tableAndSparkline() {
        #expect(TallyReport.sparkline([0, 1, 2, 4, 8]) == " ▁▂▄█")
        #expect(TallyReport.sparkline([0, 0]) == "  ")
        let report = TallyReport(
            rows: [TallyRow(actor: nil, country: "IQ", eventType: "bombing", day: 10, count: 1)],
            dimensions: [.country, .eventType], fromDay: 1, throughDay: 10, weekly: false)
        #expect(report.table(sparklines: false) == [["COUNTRY", "TYPE", "INCIDENTS"], ["IQ", "bombing", "1"]])
        #expect(report.table(sparklines: true)[0].last == "LAST 12 DAYS")
    }
}
