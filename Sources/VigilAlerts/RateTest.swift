/// The window test: a one-sided exact conditional test that a key's rate in the current window exceeds its
/// baseline rate (H0: rate ratio ≤ 1).
///
/// Given n = x1 + x0 incidents in total, under H0 the current window's share x1 is Binomial(n, p0) with
/// p0 = t1 / (t1 + t0), and the p-value is P(X ≥ x1). Counts are first divided by the overdispersion φ of the
/// weekly baseline counts (when φ > 1), which makes them non-integer; the binomial tail is then the regularised
/// incomplete beta I_p0(x1/φ, x0/φ + 1), its exact continuous extension.
public struct RateTest: Sendable, Equatable {
    /// Incidents in the current window (x1), before deflation.
    public let observed: Double
    /// Length of the current window (t1), in days.
    public let windowDays: Double
    /// Incidents in the baseline window (x0), before deflation; non-integer when borrowed from a parent key.
    public let baselineCount: Double
    /// Length of the baseline window (t0), in days.
    public let baselineDays: Double
    /// Overdispersion φ the counts were divided by (1 = Poisson).
    public let overdispersion: Double
    /// Incidents expected in the current window at the baseline rate: x0 · t1 / t0.
    public let expected: Double
    /// Ratio of the current rate to the baseline rate; infinite when the baseline is empty and x1 > 0.
    public let rateRatio: Double
    /// One-sided p-value P(X ≥ x1) under H0.
    public let pValue: Double

    /// Runs the test; `overdispersion` below 1 is treated as 1.
    public init(
        observed: Double, windowDays: Double, baselineCount: Double, baselineDays: Double,
        overdispersion: Double = 1
    ) {
        precondition(windowDays > 0 && baselineDays > 0, "windows must have positive length")
        self.observed = max(observed, 0)
        self.windowDays = windowDays
        self.baselineCount = max(baselineCount, 0)
        self.baselineDays = baselineDays
        self.overdispersion = max(overdispersion, 1)
        self.expected = self.baselineCount * windowDays / baselineDays
        if self.baselineCount > 0 {
            rateRatio = (self.observed / windowDays) / (self.baselineCount / baselineDays)
        } else {
            rateRatio = self.observed > 0 ? .infinity : 1
        }
        pValue = Self.pValue(
            current: self.observed / self.overdispersion, baseline: self.baselineCount / self.overdispersion,
            currentShare: windowDays / (windowDays + baselineDays))
    }

    /// P(X ≥ current) for X ~ Binomial(current + baseline, currentShare), extended to non-integer counts.
    public static func pValue(current: Double, baseline: Double, currentShare p0: Double) -> Double {
        guard current > 0 else { return 1 }
        return SpecialFunctions.regularizedIncompleteBeta(x: p0, a: current, b: baseline + 1)
    }

    /// Whether the rise is significant at level `alpha`.
    public func isSignificant(alpha: Double) -> Bool { pValue <= alpha }

    /// Exact (Clopper–Pearson, conditional) two-sided interval for the rate ratio on the deflated counts.
    ///
    /// The upper end is infinite when the baseline is empty. Computed on demand: it costs two root searches.
    public func rateRatioInterval(confidence: Double = 0.95) -> (lower: Double, upper: Double) {
        let tail = (1 - confidence) / 2
        let x1 = observed / overdispersion
        let x0 = baselineCount / overdispersion
        let scale = baselineDays / windowDays
        func ratio(_ p: Double) -> Double { p >= 1 ? .infinity : p / (1 - p) * scale }
        // I_p(a, b) increases with p: bisect for the p where it reaches `target`.
        func solve(a: Double, b: Double, target: Double) -> Double {
            var low = 0.0
            var high = 1.0
            for _ in 0..<80 {
                let mid = (low + high) / 2
                if SpecialFunctions.regularizedIncompleteBeta(x: mid, a: a, b: b) < target {
                    low = mid
                } else {
                    high = mid
                }
            }
            return (low + high) / 2
        }
        let lower = x1 > 0 ? ratio(solve(a: x1, b: x0 + 1, target: tail)) : 0
        let upper = x0 > 0 ? ratio(solve(a: x1 + 1, b: x0, target: 1 - tail)) : .infinity
        return (lower, upper)
    }

    /// One clause an analyst can check by hand: "14 incidents in 56 days vs 3.1 expected from 20 in the 364
    /// days before (rate ×4.5, p=2e-6, overdispersion 1.3)".
    public var explanation: String {
        let ratioText = rateRatio.isFinite ? "×\(Formatting.decimal(rateRatio))" : "new (empty baseline)"
        var details = ["rate \(ratioText)", "p=\(Formatting.pValue(pValue))"]
        if overdispersion > 1 { details.append("overdispersion \(Formatting.decimal(overdispersion))") }
        return "\(Formatting.decimal(observed)) incidents in the last \(Formatting.decimal(windowDays)) days vs "
            + "\(Formatting.decimal(expected)) expected from \(Formatting.decimal(baselineCount)) in the "
            + "\(Formatting.decimal(baselineDays)) days before (\(details.joined(separator: ", ")))"
    }
}
