/// Measures surge detection on synthetic, perfectly detected incident streams: weekly negative-binomial counts
/// (variance φ× the mean), evaluated at the end of every week exactly as the daemon's evaluator would be.
///
/// - False onsets: in-control streams at a constant rate; an onset is a firing evaluation outside an episode, and
///   an episode ends after two quiet weekly evaluations (14 days) with the CUSUM back at 0 (the resolve rule).
/// - Detection: in-control for a full baseline, then the rate multiplies by `riseFactor`; detected when an
///   evaluation at the end of any of the next `detectionWeeks` weeks fires.
///
/// Figures with the defaults (φ = 1.5; per rate 400 keys × 10 years = 4,002 key-years and 2,000 rise trials;
/// seeds 2024 / 7; release build, about 90 s per seed; `VIGIL_SURGE_BENCH=1 swift test -c release --filter
/// calibrationBench` runs seed 2024, much slower in a debug build):
///
/// | rate/week | false onsets per key-year | tripling detected within 8 weeks | mean weeks to detect |
/// |-----------|---------------------------|----------------------------------|----------------------|
/// | 0.5       | 0.104 / 0.089             | 0.398 / 0.416                    | 5.4                  |
/// | 1         | 0.189 / 0.178             | 0.759 / 0.769                    | 4.6                  |
/// | 2         | 0.203 / 0.199             | 0.968 / 0.962                    | 3.6                  |
/// | 5         | 0.197 / 0.187             | 1.000 / 1.000                    | 2.0                  |
///
/// The textbook settings (28 days vs 182, alpha 0.005, no overdispersion correction) on the same streams give
/// 0.32–0.35, 0.42–0.44, 0.53–0.55 and 0.68–0.69 false onsets per key-year at 0.5, 1, 2 and 5 per week (detection
/// 0.56–0.57, 0.83–0.85, 0.98, 1.0). So the defaults reproduce the 0.13–0.19 false onsets and ~0.75
/// detection at 1/week, but at 0.5/week a tripling is caught within 8 weeks only 40% of the time (the CUSUM needs
/// about 10 weeks at λ0 = 0.5, φ = 1.5), short of the 0.75 target for rates ≥ 0.5.
public struct SurgeSimulator: Sendable {
    /// The figures of one simulated baseline rate.
    public struct Figures: Sendable, Equatable {
        /// In-control weekly rate of the streams.
        public var baselinePerWeek: Double
        /// Key-years of in-control evaluation.
        public var keyYears: Double = 0
        /// Alert onsets on in-control streams (all false).
        public var falseOnsets = 0
        /// Rise trials run.
        public var riseTrials = 0
        /// Rise trials detected within the detection horizon.
        public var detected = 0
        /// Sum over detected trials of the weeks from the rise to the first firing (1 = the first week).
        public var weeksToDetectTotal = 0

        /// False onsets per key-year.
        public var falseOnsetsPerKeyYear: Double { keyYears > 0 ? Double(falseOnsets) / keyYears : 0 }
        /// Share of rises detected within the horizon.
        public var detectionRate: Double { riseTrials > 0 ? Double(detected) / Double(riseTrials) : 0 }
        /// Mean weeks from the rise to its detection, among detected rises.
        public var meanWeeksToDetect: Double { detected > 0 ? Double(weeksToDetectTotal) / Double(detected) : 0 }
    }

    /// The evaluator under test.
    public let evaluator: SurgeEvaluator
    /// Overdispersion of the synthetic weekly counts.
    public let overdispersion: Double
    /// Rate multiplier of a rise.
    public let riseFactor: Double
    /// Weeks after a rise within which it must be detected.
    public let detectionWeeks: Int

    /// A simulator of `evaluator` on streams of dispersion `overdispersion`.
    public init(
        evaluator: SurgeEvaluator = SurgeEvaluator(), overdispersion: Double = 1.5, riseFactor: Double = 3,
        detectionWeeks: Int = 8
    ) {
        self.evaluator = evaluator
        self.overdispersion = overdispersion
        self.riseFactor = riseFactor
        self.detectionWeeks = detectionWeeks
    }

    private static let weeksPerYear = 365.25 / 7

    /// Weeks before the first evaluation with a full baseline.
    private var warmupWeeks: Int {
        (evaluator.parameters.baselineDays + evaluator.parameters.windowDays) / 7
    }

    /// Runs `keys` in-control streams of `years` each and `riseTrials` rises at `baselinePerWeek`.
    public func run(baselinePerWeek: Double, keys: Int, years: Double, riseTrials: Int, seed: UInt64) -> Figures {
        var generator = SplitMix64(seed: seed)
        var figures = Figures(baselinePerWeek: baselinePerWeek)
        let quiet = CountDistribution(mean: baselinePerWeek, overdispersion: overdispersion)
        let risen = CountDistribution(mean: baselinePerWeek * riseFactor, overdispersion: overdispersion)
        let evaluatedWeeks = Int((years * Self.weeksPerYear).rounded())

        for _ in 0..<keys {
            let weeks = (0..<(warmupWeeks + evaluatedWeeks)).map { _ in quiet.sample(using: &generator) }
            let counts = Self.dailyCounts(weeks)
            var inEpisode = false
            var quietWeeks = 0
            for week in warmupWeeks..<weeks.count {
                let verdict = evaluator.evaluate(counts, on: week * 7 + 6)
                if verdict.fires {
                    if !inEpisode { figures.falseOnsets += 1 }
                    inEpisode = true
                    quietWeeks = 0
                } else if inEpisode {
                    quietWeeks += 1
                    if quietWeeks >= 2 && verdict.cusumStatistic == 0 { inEpisode = false }
                }
            }
            figures.keyYears += Double(evaluatedWeeks) / Self.weeksPerYear
        }

        for _ in 0..<riseTrials {
            var weeks = (0..<warmupWeeks).map { _ in quiet.sample(using: &generator) }
            weeks += (0..<detectionWeeks).map { _ in risen.sample(using: &generator) }
            let counts = Self.dailyCounts(weeks)
            figures.riseTrials += 1
            for offset in 0..<detectionWeeks where evaluator.evaluate(counts, on: (warmupWeeks + offset) * 7 + 6).fires
            {
                figures.detected += 1
                figures.weeksToDetectTotal += offset + 1
                break
            }
        }
        return figures
    }

    /// Daily counts with each week's incidents on its first day (weekly evaluation cannot tell the difference).
    static func dailyCounts(_ weeks: [Int]) -> DailyCounts {
        var days = [Int](repeating: 0, count: weeks.count * 7)
        for (week, count) in weeks.enumerated() { days[week * 7] = count }
        return DailyCounts(days)
    }
}
