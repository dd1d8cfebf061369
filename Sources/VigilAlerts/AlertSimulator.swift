/// Measures whole alerting methods on synthetic, perfectly detected incident streams evaluated every day, as the
/// daemon does: Vigil's `AlertEngine` (lifecycle included) and, for comparison, two rules from common alerting
/// tools run on the same streams.
///
/// Streams: weekly counts of mean λ (negative binomial of variance φ·λ, Poisson when φ = 1), each incident on a
/// uniformly drawn day of its week. A method runs on streams drawn from `seed` alone, so every method sees the
/// same streams.
/// - False onsets: stationary streams; Vigil's onsets are alert ids with a firing record; a comparator's onset is
///   a trigger with no trigger in the `episodeGapDays` before it.
/// - Detection: a full quiet history, then the rate multiplied by `riseFactor`; detected when the method fires
///   (Vigil: a firing record of an engine started on the rise day) within `detectionWeeks`.
///
/// Figures (defaults, seed 2024, 30 keys × 10 years = 300 key-years and 400 tripling trials per cell; built with
/// `swiftc -O` over this module, about 3 minutes; `VIGIL_SURGE_BENCH=1 swift test --filter alertBench` runs it):
///
/// | φ | rate/week | Vigil false/key-yr | Vigil det. ≤ 8 wk | Huginn false / det. | ElastAlert false / det. |
/// | --- | --- | --- | --- | --- | --- |
/// | 1.5 | 0.1 | 0.07 | 0.11 | 3.5 / 0.85 | 3.5 / 0.84 |
/// | 1.5 | 0.5 | 0.17 | 0.50 | 9.7 / 1.00 | 9.6 / 1.00 |
/// | 1.5 | 1 | 0.39 | 0.87 | 11.0 / 0.98 | 10.9 / 1.00 |
/// | 1.5 | 2 | 0.40 | 0.99 | 10.7 / 0.97 | 10.0 / 1.00 |
/// | 1.5 | 5 | 0.39 | 1.00 | 8.8 / 0.93 | 9.8 / 1.00 |
/// | 1 | 0.1 | 0.003 | 0.04 | 4.2 / 0.92 | 4.2 / 0.92 |
/// | 1 | 0.5 | 0.03 | 0.64 | 10.2 / 0.99 | 10.4 / 1.00 |
/// | 1 | 1 | 0.15 | 0.94 | 11.1 / 0.99 | 11.2 / 1.00 |
/// | 1 | 2 | 0.21 | 1.00 | 10.2 / 0.96 | 10.1 / 1.00 |
/// | 1 | 5 | 0.20 | 1.00 | 8.1 / 0.94 | 10.0 / 1.00 |
///
/// Evaluated daily (as the daemon does), Vigil's false onsets at φ = 1.5 are about twice `SurgeSimulator`'s
/// weekly-evaluation figures (0.39 vs ~0.19 at ≥ 1/week): the sliding 56-day window and the CUSUM on weeks ending
/// each day give seven looks a week, and the two-day pending rule absorbs only part of it. Detection rises for
/// the same reason (0.87 vs 0.76 at 1/week). The comparators fire on almost any incident after a quiet week, hence
/// their "detection" near 1 and 8–11 false onsets per key-year.
public struct AlertSimulator: Sendable {
    /// An alerting method.
    public enum Method: String, Sendable, CaseIterable {
        /// Vigil's engine: window test and CUSUM behind the guards, pending → firing → resolved.
        case vigil
        /// Huginn's PeakDetectorAgent on daily counts: a day above mean + 3 sd of the previous 14 days, peaks at
        /// least 2 days apart (its defaults).
        case huginn
        /// ElastAlert's spike rule: on a day with an incident, the last 7 days hold at least twice the 7 before
        /// (spike_height 2, timeframe 7 days, no thresholds: its defaults apart from the timeframe).
        case elastAlert = "elastalert"
    }

    /// The figures of one method at one rate.
    public struct Figures: Sendable, Equatable {
        /// The method.
        public var method: Method
        /// In-control weekly rate.
        public var baselinePerWeek: Double
        /// Key-years of daily evaluation of stationary streams.
        public var keyYears: Double = 0
        /// Alert onsets on stationary streams (all false).
        public var falseOnsets = 0
        /// Rise trials run.
        public var riseTrials = 0
        /// Rise trials detected within the horizon.
        public var detected = 0
        /// Sum over detected trials of the days from the rise to the first alert (1 = the rise day).
        public var daysToDetectTotal = 0

        /// False onsets per key-year.
        public var falseOnsetsPerKeyYear: Double { keyYears > 0 ? Double(falseOnsets) / keyYears : 0 }
        /// Share of rises detected within the horizon.
        public var detectionRate: Double { riseTrials > 0 ? Double(detected) / Double(riseTrials) : 0 }
        /// Mean days from the rise to its detection, among detected rises.
        public var meanDaysToDetect: Double { detected > 0 ? Double(daysToDetectTotal) / Double(detected) : 0 }
    }

    /// Surge settings of Vigil's engine.
    public var parameters: SurgeParameters
    /// Overdispersion φ of the weekly counts (1 = Poisson).
    public var overdispersion: Double
    /// Rate multiplier of a rise.
    public var riseFactor: Double
    /// Weeks after a rise within which it must be detected.
    public var detectionWeeks: Int
    /// Days without a trigger that end a comparator's episode (Vigil's resolve period).
    public var episodeGapDays = 14

    /// A simulator of streams of dispersion `overdispersion`.
    public init(
        parameters: SurgeParameters = SurgeParameters(), overdispersion: Double = 1.5, riseFactor: Double = 3,
        detectionWeeks: Int = 8
    ) {
        self.parameters = parameters
        self.overdispersion = overdispersion
        self.riseFactor = riseFactor
        self.detectionWeeks = detectionWeeks
    }

    /// Whether Vigil's engine tests complete weeks only, as the daemon does by default (`AlertEngine.completeWeeks`).
    public var completeWeeks = true

    private static let daysPerYear = 365.25

    /// Days of history before the first evaluation of a stationary stream, and before a rise.
    private var warmupDays: Int { parameters.baselineDays + parameters.windowDays }

    /// Runs `method` on `keys` stationary streams of `years` each and `riseTrials` rises at `baselinePerWeek`.
    public func run(
        _ method: Method, baselinePerWeek: Double, keys: Int, years: Double, riseTrials: Int, seed: UInt64
    ) -> Figures {
        var generator = SplitMix64(seed: seed)
        var figures = Figures(method: method, baselinePerWeek: baselinePerWeek)
        let quiet = CountDistribution(mean: baselinePerWeek, overdispersion: overdispersion)
        let risen = CountDistribution(mean: baselinePerWeek * riseFactor, overdispersion: overdispersion)
        let evaluatedWeeks = Int((years * Self.daysPerYear / 7).rounded())
        let warmupWeeks = warmupDays / 7
        let evaluator = SurgeEvaluator(parameters: parameters)

        for _ in 0..<keys {
            let days = Self.days(weeks: warmupWeeks + evaluatedWeeks, quiet, then: 0, risen, using: &generator)
            let firstDay = warmupWeeks * 7
            figures.falseOnsets += onsets(method, days, from: firstDay, evaluator: evaluator)
            figures.keyYears += Double(days.count - firstDay) / Self.daysPerYear
        }
        for _ in 0..<riseTrials {
            let days = Self.days(weeks: warmupWeeks, quiet, then: detectionWeeks, risen, using: &generator)
            figures.riseTrials += 1
            if let delay = detectionDelay(method, days, riseDay: warmupWeeks * 7, evaluator: evaluator) {
                figures.detected += 1
                figures.daysToDetectTotal += delay
            }
        }
        return figures
    }

    /// Daily counts of `quietWeeks` weeks drawn from `quiet` then `risenWeeks` from `risen`.
    static func days<G: RandomNumberGenerator>(
        weeks quietWeeks: Int, _ quiet: CountDistribution, then risenWeeks: Int, _ risen: CountDistribution,
        using generator: inout G
    ) -> [Int] {
        var days = [Int](repeating: 0, count: (quietWeeks + risenWeeks) * 7)
        for week in 0..<(quietWeeks + risenWeeks) {
            let count = (week < quietWeeks ? quiet : risen).sample(using: &generator)
            for _ in 0..<count { days[week * 7 + Int.random(in: 0..<7, using: &generator)] += 1 }
        }
        return days
    }

    /// Alert onsets of `method` evaluated daily from `firstDay` to the end of `days`.
    func onsets(_ method: Method, _ days: [Int], from firstDay: Int, evaluator: SurgeEvaluator) -> Int {
        switch method {
        case .vigil:
            var engine = AlertEngine(evaluator: evaluator)
            engine.completeWeeks = completeWeeks
            let counts = DailyCounts(days)
            let key = AlertKey(country: "ZZ")
            var onsets = 0
            for day in firstDay..<days.count {
                // Each alert id gets one firing record at its onset; later ones are escalations of the same id.
                onsets +=
                    engine.evaluate(key: key, counts: counts, today: day).filter {
                        $0.state == .firing && $0.escalated == nil
                    }.count
            }
            return onsets
        case .huginn, .elastAlert:
            var onsets = 0
            var lastTrigger: Int? = nil
            var lastPeak: Int? = nil
            for day in firstDay..<days.count where triggers(method, days, on: day, lastPeak: &lastPeak) {
                if lastTrigger.map({ day - $0 > episodeGapDays }) ?? true { onsets += 1 }
                lastTrigger = day
            }
            return onsets
        }
    }

    /// Days from `riseDay` to the first alert (1 = the rise day), nil when none within the horizon.
    func detectionDelay(_ method: Method, _ days: [Int], riseDay: Int, evaluator: SurgeEvaluator) -> Int? {
        var engine = AlertEngine(evaluator: evaluator)
        engine.completeWeeks = completeWeeks
        let counts = DailyCounts(days)
        var lastPeak: Int? = nil
        for day in riseDay..<min(days.count, riseDay + detectionWeeks * 7) {
            let fired: Bool
            switch method {
            case .vigil:
                fired = engine.evaluate(key: AlertKey(country: "ZZ"), counts: counts, today: day).contains {
                    $0.state == .firing
                }
            case .huginn, .elastAlert:
                fired = triggers(method, days, on: day, lastPeak: &lastPeak)
            }
            if fired { return day - riseDay + 1 }
        }
        return nil
    }

    /// Whether a comparator rule triggers on `day`. Both are event-driven, so only days with an incident count.
    func triggers(_ method: Method, _ days: [Int], on day: Int, lastPeak: inout Int?) -> Bool {
        guard days[day] > 0 else { return false }
        switch method {
        case .huginn:
            if let last = lastPeak, day - last < 2 { return false }
            let previous = days[max(0, day - 14)..<day].map(Double.init)
            guard previous.count >= 4 else { return false }
            let mean = previous.reduce(0, +) / Double(previous.count)
            let variance = previous.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(previous.count)
            guard Double(days[day]) > mean + 3 * variance.squareRoot() else { return false }
            lastPeak = day
            return true
        case .elastAlert:
            guard day >= 13 else { return false }
            let current = days[(day - 6)...day].reduce(0, +)
            let reference = days[(day - 13)...(day - 7)].reduce(0, +)
            return current >= 2 * reference
        case .vigil:
            return false
        }
    }
}
