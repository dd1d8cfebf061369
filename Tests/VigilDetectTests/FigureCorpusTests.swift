import Testing

@testable import VigilDetect

/// The figure stages alone on the labelled corpus: killed and wounded on incident articles, roundup figures on
/// roundup articles, and event dates on the incidents whose text states the day.
@Suite struct FigureCorpusTests {
    /// Event dates read by hand from the texts (the corpus labels have none). Articles whose text does not say
    /// when the attack happened (d015, d027) are left out.
    static let eventDates: [String: String] = [
        "d005": "2019-08-17", "d006": "2021-04-03", "d007": "2021-08-26", "d009": "2017-10-14", "d010": "2021-06-04",
        "d014": "2019-02-14", "d016": "2017-10-14", "d017": "2015-04-02", "d018": "2021-01-21", "d019": "2015-04-02",
        "d021": "2019-02-14", "d022": "2019-12-10", "d023": "2017-04-15", "d024": "2021-08-26", "d025": "2019-08-01",
        "d028": "2019-09-14", "d030": "2021-08-26", "d031": "2019-07-27", "d032": "2017-01-01", "d033": "2021-07-14",
        "d036": "2021-06-05", "d037": "2019-04-21", "d038": "2021-01-21", "d040": "2021-04-21", "d041": "2019-09-30",
        "d042": "2019-04-21", "d043": "2019-04-21", "d047": "2017-04-07", "d048": "2019-01-27", "d055": "2019-01-27",
        "d056": "2017-10-14", "d057": "2021-02-15", "d058": "2021-02-26", "d059": "2021-10-15", "d062": "2017-11-24",
        "d064": "2015-12-02", "d066": "2015-09-18", "d068": "2021-04-10", "d070": "2017-05-22", "d072": "2017-04-21",
    ]

    struct Rate: CustomStringConvertible {
        var right = 0
        var total = 0
        var value: Double { total == 0 ? 1 : Double(right) / Double(total) }
        mutating func add(_ ok: Bool) {
            total += 1
            if ok { right += 1 }
        }
        var description: String { "\(right)/\(total)" }
    }

    @Test func figuresOnTheCorpus() throws {
        let articles = try CorpusArticle.load()
        #expect(articles.count == 72)
        var killed = Rate()
        var wounded = Rate()
        var dates = Rate()
        var count = Rate()
        var previous = Rate()
        var periods = Rate()
        var misses: [String] = []
        for article in articles {
            let run = article.run()
            if article.kind == "incident" {
                if let want = article.killed {
                    killed.add(run.killed == want)
                    if run.killed != want { misses.append("\(article.id) killed: want \(want), got \(run.killed.map(String.init) ?? "nil")") }
                }
                if let want = article.wounded {
                    wounded.add(run.wounded == want)
                    if run.wounded != want { misses.append("\(article.id) wounded: want \(want), got \(run.wounded.map(String.init) ?? "nil")") }
                }
                if let want = Self.eventDates[article.id] {
                    dates.add(run.date.date == want)
                    if run.date.date != want {
                        misses.append("\(article.id) date: want \(want), got \(run.date.date ?? "nil") \(run.date.evidence.map(\.text))")
                    }
                }
            }
            if let want = article.roundup {
                let got = run.roundup.roundup
                count.add(got?.count == want.count)
                previous.add(got?.previousCount == want.previousCount)
                let ok = got?.period == want.period && got?.previousPeriod == want.previousPeriod
                periods.add(ok)
                if got?.count != want.count || got?.previousCount != want.previousCount || !ok {
                    misses.append(
                        "\(article.id) roundup: want \(want.count) \(want.period) / \(want.previousCount ?? -1) "
                            + "\(want.previousPeriod ?? "-"), got \(got.map { "\($0.count) \($0.period) / \($0.previousCount ?? -1) \($0.previousPeriod ?? "-")" } ?? "nil")")
                }
            }
        }
        print("figures: killed \(killed), wounded \(wounded), dates \(dates), roundup count \(count), previous \(previous), periods \(periods)")
        for miss in misses { print("  miss: \(miss)") }
        #expect(killed.value >= 0.85, "killed exact \(killed)")
        #expect(wounded.value >= 0.85, "wounded exact \(wounded)")
        #expect(count.value >= 0.85, "roundup count exact \(count)")
        #expect(previous.value >= 0.85, "roundup previous count exact \(previous)")
        #expect(periods.value >= 0.85, "roundup periods exact \(periods)")
        #expect(dates.value >= 0.85, "event dates \(dates)")
    }
}
