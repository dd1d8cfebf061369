/// A rise claimed by a roundup article ("119 attacks in the first four months, up from 39"), to be tested on its
/// own figures. Its counts never enter Vigil's tallies.
public struct ReportedTrend: Sendable, Equatable {
    /// The key the figures are about.
    public var key: AlertKey
    /// Incidents claimed for `period`.
    public var count: Int
    /// The claimed period: "2022-01/2022-04", "2016", "2022-03".
    public var period: String
    /// Incidents claimed for `previousPeriod`.
    public var previousCount: Int
    /// The period compared against.
    public var previousPeriod: String
    /// The article making the claim.
    public var source: AlertRecord.Source
    /// Day the article was published.
    public var publishedDay: Int

    /// A claim.
    public init(
        key: AlertKey, count: Int, period: String, previousCount: Int, previousPeriod: String,
        source: AlertRecord.Source, publishedDay: Int
    ) {
        self.key = key
        self.count = count
        self.period = period
        self.previousCount = previousCount
        self.previousPeriod = previousPeriod
        self.source = source
        self.publishedDay = publishedDay
    }
}

/// What the engine made of a reported trend.
public enum ReportedTrendDecision: Sendable, Equatable {
    /// A significant rise: the record to emit.
    case alert(AlertRecord)
    /// No alert, and why (a decline, not significant, guarded, unreadable period, already alerted).
    case noAlert(reason: String)

    /// The record, when there is one.
    public var record: AlertRecord? {
        if case .alert(let record) = self { return record }
        return nil
    }

    /// Why there is no record; nil when there is one.
    public var reason: String? {
        if case .noAlert(let reason) = self { return reason }
        return nil
    }
}

extension AlertEngine {
    /// Tests a roundup's claimed figures with the window test (claimed counts over the periods' lengths in days,
    /// no overdispersion: there are no weekly counts to estimate it from) at the surge `alpha`, behind the same
    /// count guards. A significant rise gives a `reported_trend` record whose id is the fingerprint of (type, key,
    /// period), so the same roundup carried by several outlets is one alert: only the first is returned, later
    /// ones get `.noAlert` naming the id.
    public mutating func reportedTrend(_ trend: ReportedTrend, at: String? = nil) -> ReportedTrendDecision {
        let key = trend.key
        guard let current = DayNumber.period(trend.period) else {
            return .noAlert(reason: "period '\(trend.period)' is not YYYY, YYYY-MM or a range of them")
        }
        guard let previous = DayNumber.period(trend.previousPeriod) else {
            return .noAlert(reason: "period '\(trend.previousPeriod)' is not YYYY, YYYY-MM or a range of them")
        }
        let test = RateTest(
            observed: Double(max(trend.count, 0)), windowDays: Double(current.count),
            baselineCount: Double(max(trend.previousCount, 0)), baselineDays: Double(previous.count))
        let claim =
            "\(trend.count) in \(trend.period) vs \(trend.previousCount) in \(trend.previousPeriod) "
            + "(\(ratioText(test.rateRatio)), p=\(Self.pText(test.pValue)))"
        let p = evaluator.parameters
        guard test.rateRatio > 1 else { return .noAlert(reason: "not a rise: \(claim)") }
        guard test.isSignificant(alpha: p.alpha) else {
            return .noAlert(reason: "rise not significant at alpha \(Formatting.decimal(p.alpha, places: 4)): \(claim)")
        }
        let enoughIncidents = test.observed >= Double(p.minimumIncidents)
        let enoughExcess = test.observed - test.expected >= p.minimumExcess
        guard enoughIncidents && enoughExcess else { return .noAlert(reason: "too few incidents: \(claim)") }

        let id = Fingerprint.id(["reported_trend", key.actor, key.country, key.eventType, trend.period])
        guard AlertEngineState.insertSorted(id, into: &state.reportedTrends) else {
            return .noAlert(reason: "already alerted as \(id)")
        }
        let interval = test.rateRatioInterval()
        let severity: AlertRecord.Severity = test.observed >= 10 && interval.lower > 2 ? .high : .warning
        var subject = key.actor ?? "all actors"
        if let country = key.country { subject += " in \(countryName(country))" }
        let noun = key.eventType.map { "\($0.replacingUnderscores) incidents" } ?? "attacks"
        let cited = trend.source.title.isEmpty ? trend.source.url : trend.source.title
        let summary =
            "Reported trend: \(subject), \(trend.count) \(noun) in \(trend.period) vs \(trend.previousCount) in "
            + "\(trend.previousPeriod) (\(ratioText(test.rateRatio)), p=\(Self.pText(test.pValue))), per \(cited)"
        func span(_ days: ClosedRange<Int>, _ count: Double, _ expected: Double) -> AlertRecord.Span {
            AlertRecord.Span(
                start: DayNumber.isoDate(days.lowerBound), end: DayNumber.isoDate(days.upperBound), count: count,
                expected: expected)
        }
        return .alert(
            AlertRecord(
                id: id, at: at ?? DayNumber.isoTimestamp(trend.publishedDay), state: .firing, type: .reportedTrend,
                severity: severity, key: key, window: span(current, test.observed, test.expected),
                baseline: span(previous, test.baselineCount, test.baselineCount),
                rateRatio: test.rateRatio.isFinite ? test.rateRatio : nil,
                rateRatioCI: [interval.lower, interval.upper.isFinite ? interval.upper : nil], pValue: test.pValue,
                detector: "window_test", cusum: nil,
                guards: AlertRecord.Guards(
                    minCount: enoughIncidents, minExcess: enoughExcess, history: false, passed: true),
                weeklyCounts: [], incidents: [],
                silencedBy: silences.silence(for: key, on: trend.publishedDay)?.reason, source: trend.source,
                escalated: nil, summary: summary))
    }
}
