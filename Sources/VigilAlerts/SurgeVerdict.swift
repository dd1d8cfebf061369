/// The outcome of evaluating one key on one day: whether a surge fires, by which test, and every figure behind it.
public struct SurgeVerdict: Sendable, Equatable {
    /// A test that can raise a surge.
    public enum Detector: String, Sendable, Codable, Equatable {
        /// The exact conditional rate test of the current window against the baseline.
        case rateTest = "rate_test"
        /// The weekly Poisson CUSUM.
        case cusum
    }

    /// Where the baseline came from.
    public enum BaselineSource: Sendable, Equatable {
        /// The key's own history.
        case own
        /// Borrowed from the parent key, scaled by the key's share.
        case parent(share: Double)
    }

    /// The guards that must all pass for a test result to fire.
    public struct Guards: Sendable, Equatable {
        /// At least `minimumIncidents` in the current window.
        public var enoughIncidents: Bool
        /// At least `minimumExcess` more incidents than expected in the current window.
        public var enoughExcess: Bool
        /// Both guards passed.
        public var passed: Bool { enoughIncidents && enoughExcess }
    }

    /// The evaluation day.
    public let day: Int
    /// False when the key had neither enough history nor a parent to borrow from; nothing else is meaningful then.
    public let evaluated: Bool
    /// Whether a surge fires: a test held and every guard passed.
    public let fires: Bool
    /// The tests that held, whether or not the guards passed.
    public let detectors: [Detector]
    /// Days of the current window.
    public let window: ClosedRange<Int>
    /// Days of the baseline window; nil when the baseline is a parent's rate.
    public let baselineWindow: ClosedRange<Int>?
    /// Where the baseline came from.
    public let baselineSource: BaselineSource
    /// The window test, with observed and expected counts, rate ratio and p-value.
    public let rateTest: RateTest?
    /// CUSUM statistic after the last week of the window.
    public let cusumStatistic: Double
    /// The key's calibrated CUSUM threshold h.
    public let cusumThreshold: Double
    /// The CUSUM's in-control weekly rate λ0 (baseline weekly mean, floored).
    public let cusumInControlRate: Double
    /// Weekly counts of the current window, oldest first, as fed to the CUSUM.
    public let weeklyCounts: [Double]
    /// The guards.
    public let guards: Guards
    /// One paragraph an analyst can check by hand.
    public internal(set) var explanation: String

    /// Incidents in the current window.
    public var observed: Double { rateTest?.observed ?? 0 }
    /// Incidents expected in the current window at the baseline rate.
    public var expected: Double { rateTest?.expected ?? 0 }
    /// Current rate over baseline rate.
    public var rateRatio: Double { rateTest?.rateRatio ?? 1 }
    /// One-sided p-value of the window test.
    public var pValue: Double { rateTest?.pValue ?? 1 }
    /// Overdispersion the window test deflated counts by and the CUSUM was calibrated for.
    public var overdispersion: Double { rateTest?.overdispersion ?? 1 }

    /// A verdict for a key that cannot be evaluated yet.
    static func notEvaluated(day: Int, window: ClosedRange<Int>, reason: String) -> SurgeVerdict {
        SurgeVerdict(
            day: day, evaluated: false, fires: false, detectors: [], window: window, baselineWindow: nil,
            baselineSource: .own, rateTest: nil, cusumStatistic: 0, cusumThreshold: 0, cusumInControlRate: 0,
            weeklyCounts: [], guards: Guards(enoughIncidents: false, enoughExcess: false),
            explanation: "Not evaluated: \(reason).")
    }
}
