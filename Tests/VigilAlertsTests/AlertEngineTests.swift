import Foundation
import Testing

@testable import VigilAlerts

@Suite struct AlertEngineTests {
    static let key = AlertKey(actor: "Islamic State Khorasan Province", country: "AF")

    /// 364 days with one incident every 56 days (7), then `recent` incidents on days 400, 402, …; `extra` more
    /// incidents on `extraDay`. Long enough to evaluate up to day 799.
    static func counts(recent: Int, extra: Int = 0, extraDay: Int = 421) -> DailyCounts {
        var days = [Int](repeating: 0, count: 800)
        for day in stride(from: 0, to: 364, by: 56) { days[day] = 1 }
        for i in 0..<recent { days[400 + (2 * i) % 19] += 1 }
        days[extraDay] += extra
        return DailyCounts(days)
    }

    static func engine() -> AlertEngine { AlertEngine(countryNames: ["AF": "Afghanistan"]) }

    @Test func pendingThenFiringTheNextDay() {
        var engine = Self.engine()
        let counts = Self.counts(recent: 9)
        #expect(engine.evaluate(key: Self.key, counts: counts, today: 399).isEmpty)
        let first = engine.evaluate(key: Self.key, counts: counts, today: 419)
        #expect(first.map(\.state) == [.pending])
        let second = engine.evaluate(key: Self.key, counts: counts, today: 420)
        #expect(second.map(\.state) == [.firing])
        #expect(second.first?.id == first.first?.id)
        let record = try? #require(second.first)
        #expect(record?.type == .surge && record?.severity == .warning)
        #expect(record?.at == "1971-02-25T00:00:00Z")
        #expect(record?.window?.start == "1971-01-01" && record?.window?.end == "1971-02-25")
        #expect(record?.window?.count == 9)
        #expect(
            record?.summary.hasPrefix(
                "Islamic State Khorasan Province attacks in Afghanistan: 9 in the last 56 days vs ")
                == true, "\(record?.summary ?? "")")
        #expect(record?.weeklyCounts.count == 12)
        #expect(record?.guards?.passed == true && record?.guards?.history == true)
        #expect(record?.id == Fingerprint.id(["surge", Self.key.actor, "AF", nil, "419"]))
    }

    @Test func pendingIsDroppedWhenTheConditionFails() {
        var engine = Self.engine()
        #expect(engine.evaluate(key: Self.key, counts: Self.counts(recent: 9), today: 419).map(\.state) == [.pending])
        #expect(engine.evaluate(key: Self.key, counts: Self.counts(recent: 2), today: 420).isEmpty)
        #expect(engine.state.keys[Self.key.storageKey]?.episode == nil)
    }

    @Test func tenOrMoreFiresAtOnce() {
        var engine = Self.engine()
        let records = engine.evaluate(key: Self.key, counts: Self.counts(recent: 12), today: 419)
        #expect(records.map(\.state) == [.firing])
        #expect(records.first?.window?.count == 12)
    }

    @Test func sameDayTwiceEmitsOnce() {
        var engine = Self.engine()
        let counts = Self.counts(recent: 12)
        #expect(engine.evaluate(key: Self.key, counts: counts, today: 419).count == 1)
        #expect(engine.evaluate(key: Self.key, counts: counts, today: 419).isEmpty)
        #expect(engine.evaluate(key: Self.key, counts: counts, today: 420).isEmpty)
        // An earlier day than the last evaluation is ignored.
        #expect(engine.evaluate(key: Self.key, counts: counts, today: 410).isEmpty)
    }

    @Test func resolvesAfterFourteenQuietDaysWithARecord() {
        var engine = Self.engine()
        let counts = Self.counts(recent: 12)
        var records: [(day: Int, record: AlertRecord)] = []
        for day in 419...799 {
            records += engine.evaluate(key: Self.key, counts: counts, today: day).map { (day, $0) }
        }
        #expect(records.map(\.record.state) == [.firing, .resolved])
        guard records.count == 2 else { return }
        #expect(records[0].record.id == records[1].record.id)
        // The tests stop holding as the surge's incidents leave the window (from day 456); 14 quiet days later the
        // alert resolves, naming the last day a test held.
        #expect(records[1].day > 456 + 14)
        let lastHeld = DayNumber.isoDate(records[1].day - 14)
        #expect(
            records[1].record.summary.hasSuffix("; no test has held since \(lastHeld)"), "\(records[1].record.summary)")
        #expect(records[1].record.summary.hasPrefix("Resolved: "))
        #expect(records[1].record.cusum?.value == 0)
        #expect(engine.state.keys[Self.key.storageKey]?.episode == nil)
    }

    @Test func escalationRenotifiesOnceAndNeverForTheSameLevel() {
        var engine = Self.engine()
        let before = Self.counts(recent: 9)
        let after = Self.counts(recent: 9, extra: 20, extraDay: 421)
        #expect(engine.evaluate(key: Self.key, counts: before, today: 419).map(\.state) == [.pending])
        let firing = engine.evaluate(key: Self.key, counts: before, today: 420)
        #expect(firing.map(\.state) == [.firing])
        let escalated = engine.evaluate(key: Self.key, counts: after, today: 421)
        #expect(escalated.map(\.state) == [.firing])
        #expect(escalated.first?.escalated == true)
        #expect(escalated.first?.severity == .high)
        #expect(escalated.first?.id == firing.first?.id)
        #expect(escalated.first?.summary.hasPrefix("Escalated: ") == true)
        #expect(engine.evaluate(key: Self.key, counts: after, today: 422).isEmpty)
    }

    @Test func restoredStateGivesIdenticalOutput() throws {
        var original = Self.engine()
        let before = Self.counts(recent: 9)
        let after = Self.counts(recent: 9, extra: 20, extraDay: 430)
        _ = original.evaluate(key: Self.key, counts: before, today: 419)
        _ = original.evaluate(key: Self.key, counts: before, today: 420)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let saved = try encoder.encode(original.state)
        var restored = Self.engine()
        restored.state = try JSONDecoder().decode(AlertEngineState.self, from: saved)
        #expect(restored.state == original.state)
        var a: [AlertRecord] = []
        var b: [AlertRecord] = []
        for day in 421...799 {
            a += original.evaluate(key: Self.key, counts: after, today: day)
            b += restored.evaluate(key: Self.key, counts: after, today: day)
        }
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(try encoder.encode(original.state) == encoder.encode(restored.state))
    }

    @Test func recordEncodesSnakeCaseWithStableKeys() throws {
        var engine = Self.engine()
        let incident = AlertIncident(
            id: "inc-1", date: "1971-02-20", place: "Kabul", killed: 3, sources: ["https://example.org/a"])
        let old = AlertIncident(id: "inc-0", date: "1970-03-01")
        let records = engine.evaluate(
            key: Self.key, counts: Self.counts(recent: 12), today: 419, incidents: [incident, old])
        let record = try #require(records.first)
        #expect(record.incidents == [incident])  // only incidents inside the window are cited
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(record)
        let text = try #require(String(data: data, encoding: .utf8))
        for field in [
            "\"rate_ratio\"", "\"rate_ratio_ci\"", "\"p_value\"", "\"weekly_counts\"", "\"event_type\":null",
            "\"min_count\"", "\"min_excess\"", "\"detector\":\"window_test", "\"threshold\"",
        ] {
            #expect(text.contains(field), "\(field) in \(text)")
        }
        #expect(!text.contains("silenced_by"))
        #expect(text.hasPrefix("{\"at\":"))
        #expect(try JSONDecoder().decode(AlertRecord.self, from: data) == record)
        #expect(try encoder.encode(record) == data)
    }

    @Test func newActorOncePerActorAndCountry() {
        var engine = Self.engine()
        let incident = AlertIncident(id: "i1", date: "2024-03-02", place: "Kabul", killed: 5)
        let record = engine.newActor(
            actor: "Islamic State Khorasan Province", country: "AF", incident: incident, today: 19784)
        #expect(record?.type == .newActor && record?.state == .firing)
        #expect(
            record?.summary
                == "New actor: first recorded attack by Islamic State Khorasan Province in Afghanistan "
                + "(2024-03-02, Kabul, 5 killed)")
        #expect(
            engine.newActor(actor: "Islamic State Khorasan Province", country: "AF", incident: incident, today: 19790)
                == nil)
        #expect(
            engine.newActor(actor: "Islamic State Khorasan Province", country: "PK", incident: incident, today: 19790)
                != nil)
        // Remembered across a restart.
        var restored = Self.engine()
        restored.state = engine.state
        #expect(
            restored.newActor(actor: "Islamic State Khorasan Province", country: "AF", incident: incident, today: 19800)
                == nil)
    }

    static func roundup(
        count: Int, period: String, previous: Int, previousPeriod: String, url: String = "https://news.example/a"
    ) -> ReportedTrend {
        ReportedTrend(
            key: AlertKey(actor: "Islamic State Khorasan Province", country: "AF"), count: count, period: period,
            previousCount: previous, previousPeriod: previousPeriod,
            source: AlertRecord.Source(url: url, title: "IS-K attacks triple in Afghanistan", itemID: "item-7"),
            publishedDay: DayNumber.day(year: 2022, month: 5, day: 10))
    }

    @Test func reportedTrendOfTheSeedRoundup() throws {
        var engine = AlertEngine()
        let decision = engine.reportedTrend(
            Self.roundup(count: 119, period: "2022-01/2022-04", previous: 39, previousPeriod: "2021-01/2021-04"))
        let record = try #require(decision.record, "\(decision)")
        #expect(record.type == .reportedTrend && record.state == .firing)
        #expect(record.window?.start == "2022-01-01" && record.window?.end == "2022-04-30")
        #expect(record.baseline?.start == "2021-01-01" && record.baseline?.end == "2021-04-30")
        #expect(abs((record.rateRatio ?? 0) - 119.0 / 39.0) < 1e-9)
        #expect((record.pValue ?? 1) < 1e-10)
        #expect(record.severity == .high)
        #expect(record.source?.itemID == "item-7")
        #expect(record.at == "2022-05-10T00:00:00Z")
        #expect(
            record.summary.hasPrefix(
                "Reported trend: Islamic State Khorasan Province in AF, 119 attacks in 2022-01/2022-04 vs 39 in "
                    + "2021-01/2021-04 (3.1×, p="), "\(record.summary)")
        #expect(record.summary.hasSuffix(", per IS-K attacks triple in Afghanistan"))
        #expect(record.id == Fingerprint.id(["reported_trend", record.key.actor, "AF", nil, "2022-01/2022-04"]))

        // The same roundup from four more outlets: one alert.
        for outlet in 2...5 {
            let again = engine.reportedTrend(
                Self.roundup(
                    count: 119, period: "2022-01/2022-04", previous: 39, previousPeriod: "2021-01/2021-04",
                    url: "https://outlet\(outlet).example/x"))
            #expect(again.record == nil)
            #expect(again.reason == "already alerted as \(record.id)")
        }
    }

    @Test func reportedDeclineGivesNoAlertWithAReason() {
        var engine = AlertEngine()
        let decision = engine.reportedTrend(
            Self.roundup(count: 142, period: "2016", previous: 211, previousPeriod: "2015"))
        #expect(decision.record == nil)
        #expect(decision.reason?.hasPrefix("not a rise: 142 in 2016 vs 211 in 2015 (0.7×") == true, "\(decision)")
        #expect(engine.state.reportedTrends.isEmpty)
        let small = engine.reportedTrend(Self.roundup(count: 6, period: "2016", previous: 4, previousPeriod: "2015"))
        #expect(small.reason?.hasPrefix("rise not significant") == true)
        let unreadable = engine.reportedTrend(
            Self.roundup(count: 60, period: "last year", previous: 4, previousPeriod: "2015"))
        #expect(unreadable.reason?.contains("'last year'") == true)
    }

    @Test func silencedRecordsAreReturnedAndMarked() {
        let silence = Silence(
            actor: "islamic state khorasan province", until: 425, reason: "known offensive, ticket 12")
        var engine = AlertEngine(silences: SilenceList([silence]))
        let records = engine.evaluate(key: Self.key, counts: Self.counts(recent: 12), today: 419)
        #expect(records.count == 1)
        #expect(records.first?.silencedBy == "known offensive, ticket 12")
        // Expired: not marked.
        var later = AlertEngine(silences: SilenceList([silence]))
        let unsilenced = later.evaluate(key: Self.key, counts: Self.counts(recent: 12), today: 426)
        #expect(unsilenced.count == 1 && unsilenced.first?.silencedBy == nil)
        // Another country's key does not match a country matcher.
        let other = SilenceList([Silence(country: "PK", until: 1000, reason: "x")])
        #expect(other.silence(for: Self.key, on: 419) == nil)
        #expect(!Silence(eventType: "bombing", until: 1000, reason: "x").matches(Self.key))
    }
}
