/// Decides whether one key's incident counts surge on a given day: the window rate test and the weekly CUSUM,
/// behind the guards, with an explanation of every figure.
///
/// Windows, for evaluation day d and the defaults: the current window is days d−55…d (8 whole weeks), the
/// baseline the 364 days before it, both clipped to the key's history. A key is tested on its own baseline once
/// that baseline spans `minimumHistoryWeeks` (8 weeks); before that it borrows its parent's baseline scaled by
/// its share, or is not evaluated. The CUSUM is replayed over the current window's weeks from S = 0 against the
/// baseline rate, so a verdict depends only on the counts and the day: evaluation is stateless and replayable.
public struct SurgeEvaluator: Sendable {
    /// The settings.
    public let parameters: SurgeParameters
    /// Where CUSUM thresholds are calibrated and cached.
    public let calibrator: CUSUMCalibrator

    /// An evaluator with the given settings, sharing the process-wide calibration cache by default.
    public init(parameters: SurgeParameters = SurgeParameters(), calibrator: CUSUMCalibrator = .shared) {
        self.parameters = parameters
        self.calibrator = calibrator
    }

    /// Evaluates a key given as plain daily counts from day `firstDay`.
    public func evaluate(dailyCounts: [Int], firstDay: Int = 0, on day: Int, parent: ParentBaseline? = nil)
        -> SurgeVerdict
    {
        evaluate(DailyCounts(dailyCounts, firstDay: firstDay), on: day, parent: parent)
    }

    /// Evaluates a key on `day`, borrowing from `parent` when the key's own history is too short.
    public func evaluate(_ counts: DailyCounts, on day: Int, parent: ParentBaseline? = nil) -> SurgeVerdict {
        let p = parameters
        let windowStart = max(day - p.windowDays + 1, counts.firstDay)
        let window = windowStart...max(day, windowStart)
        guard day >= counts.firstDay else {
            return .notEvaluated(day: day, window: window, reason: "day \(day) is before the key's history")
        }
        let minimumDays = p.minimumHistoryWeeks * 7
        let baselineEnd = windowStart - 1
        let ownStart = max(baselineEnd - p.baselineDays + 1, counts.firstDay)
        let ownDays = max(0, baselineEnd - ownStart + 1)

        // The baseline: count x0, length t0, weekly counts for the overdispersion, and its source.
        var baselineCount: Double
        var baselineDays: Int
        var baselineWindow: ClosedRange<Int>? = nil
        var overdispersion: Double
        var source = SurgeVerdict.BaselineSource.own
        if ownDays >= minimumDays {
            baselineCount = counts.sum(from: ownStart, through: baselineEnd)
            baselineDays = ownDays
            baselineWindow = ownStart...baselineEnd
            overdispersion = Overdispersion.estimate(
                weeklyCounts: counts.weeklyCounts(endingOn: baselineEnd, weeks: ownDays / 7))
        } else {
            let history = "only \(ownDays) days of baseline history (\(minimumDays) needed)"
            switch parent {
            case .none:
                return .notEvaluated(day: day, window: window, reason: "\(history) and no parent key to borrow from")
            case .series(let parentCounts, let share)?:
                let start = max(baselineEnd - p.baselineDays + 1, parentCounts.firstDay)
                baselineDays = max(0, baselineEnd - start + 1)
                guard baselineDays >= minimumDays else {
                    return .notEvaluated(
                        day: day, window: window, reason: "\(history), and the parent key has too little too")
                }
                baselineCount = share * parentCounts.sum(from: start, through: baselineEnd)
                baselineWindow = start...baselineEnd
                let parentDispersion = Overdispersion.estimate(
                    weeklyCounts: parentCounts.weeklyCounts(endingOn: baselineEnd, weeks: baselineDays / 7))
                overdispersion = Overdispersion.thinned(parentDispersion, share: share)
                source = .parent(share: share)
            case .rate(let perWeek, let share, let parentDispersion)?:
                baselineDays = p.baselineDays
                baselineCount = max(perWeek, 0) * share * Double(baselineDays) / 7
                overdispersion = Overdispersion.thinned(parentDispersion, share: share)
                source = .parent(share: share)
            }
        }
        if !p.correctsOverdispersion { overdispersion = 1 }

        let windowDays = day - windowStart + 1
        let rateTest = RateTest(
            observed: counts.sum(from: windowStart, through: day), windowDays: Double(windowDays),
            baselineCount: baselineCount, baselineDays: Double(baselineDays), overdispersion: overdispersion)

        // CUSUM over the window's whole weeks, against the floored baseline weekly rate.
        let inControlRate = max(baselineCount / Double(baselineDays) * 7, p.baselineFloorPerWeek)
        let threshold = calibrator.threshold(
            inControlRate: inControlRate, overdispersion: overdispersion, rateRatio: p.cusumRateRatio,
            targetRunLength: p.inControlRunWeeks)
        var cusum = PoissonCUSUM(
            inControlRate: inControlRate, rateRatio: p.cusumRateRatio, threshold: threshold,
            holdWeeks: p.alarmHoldWeeks)
        let weekly = counts.weeklyCounts(endingOn: day, weeks: windowDays / 7)
        var lastStep = PoissonCUSUM.Step.quiet
        for count in weekly { lastStep = cusum.update(count: count) }

        var detectors: [SurgeVerdict.Detector] = []
        if rateTest.isSignificant(alpha: p.alpha) { detectors.append(.rateTest) }
        if lastStep != .quiet { detectors.append(.cusum) }
        let guards = SurgeVerdict.Guards(
            enoughIncidents: rateTest.observed >= Double(p.minimumIncidents),
            enoughExcess: rateTest.observed - rateTest.expected >= p.minimumExcess)
        let fires = guards.passed && !detectors.isEmpty

        var verdict = SurgeVerdict(
            day: day, evaluated: true, fires: fires, detectors: detectors, window: window,
            baselineWindow: baselineWindow, baselineSource: source, rateTest: rateTest,
            cusumStatistic: cusum.statistic, cusumThreshold: threshold, cusumInControlRate: inControlRate,
            weeklyCounts: weekly, guards: guards, explanation: "")
        verdict.explanation = explain(verdict, cusumStep: lastStep)
        return verdict
    }

    private func explain(_ v: SurgeVerdict, cusumStep: PoissonCUSUM.Step) -> String {
        guard let test = v.rateTest else { return v.explanation }
        let p = parameters
        let heading: String
        if v.fires {
            let names = v.detectors.map { $0 == .rateTest ? "window test" : "CUSUM" }
            heading = "Surge (\(names.joined(separator: " and ")))"
        } else if v.detectors.isEmpty {
            heading = "No surge"
        } else {
            var failed: [String] = []
            if !v.guards.enoughIncidents { failed.append("fewer than \(p.minimumIncidents) incidents") }
            if !v.guards.enoughExcess {
                failed.append("fewer than \(Formatting.decimal(p.minimumExcess)) more than expected")
            }
            heading = "No surge (a test held but guarded: \(failed.joined(separator: ", ")))"
        }
        let weeks = v.weeklyCounts.map { Formatting.decimal($0) }.joined(separator: " ")
        let comparison = cusumStep == .quiet ? "<" : "≥"
        let held = cusumStep == .held ? ", alarm held" : ""
        var text =
            "\(heading): \(test.explanation); CUSUM \(Formatting.decimal(v.cusumStatistic, places: 2)) "
            + "\(comparison) h \(Formatting.decimal(v.cusumThreshold, places: 2))\(held) "
            + "on weekly counts [\(weeks)] against \(Formatting.decimal(v.cusumInControlRate, places: 2))/week"
        if case .parent(let share) = v.baselineSource {
            text += "; baseline borrowed from the parent key at a share of \(Formatting.decimal(share, places: 2))"
        }
        return text + "."
    }
}
