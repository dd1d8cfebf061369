import Foundation

/// The sustained-rise test: a one-sided Poisson CUSUM on weekly counts,
/// S_t = max(0, S_{t−1} + x_t·ln(λ1/λ0) − (λ1 − λ0)), alarming when S_t ≥ h.
///
/// An alarm is held for `holdWeeks` further weeks (the statistic frozen), then the statistic restarts at 0,
/// so a sustained rise re-alarms about every few weeks rather than once and never again.
public struct PoissonCUSUM: Sendable, Equatable {
    /// What one weekly update concluded.
    public enum Step: Sendable, Equatable {
        /// Below the threshold.
        case quiet
        /// The statistic reached the threshold this week.
        case alarm
        /// An earlier alarm is being held this week.
        case held
    }

    /// In-control weekly rate λ0.
    public let inControlRate: Double
    /// Out-of-control weekly rate λ1 the test is tuned to detect.
    public let outOfControlRate: Double
    /// Alarm threshold h, in the same log-likelihood units as the statistic.
    public let threshold: Double
    /// Weeks an alarm is held before the statistic restarts.
    public let holdWeeks: Int
    /// Current value of the statistic S_t.
    public private(set) var statistic: Double = 0
    private var holdRemaining = 0
    private var resetPending = false

    /// A CUSUM at S = 0 for rate λ0 = `inControlRate` > 0 against λ1 = `rateRatio`·λ0.
    public init(inControlRate: Double, rateRatio: Double = 2, threshold: Double, holdWeeks: Int = 1) {
        precondition(inControlRate > 0 && rateRatio > 1 && threshold > 0, "CUSUM parameters out of range")
        self.inControlRate = inControlRate
        self.outOfControlRate = inControlRate * rateRatio
        self.threshold = threshold
        self.holdWeeks = max(holdWeeks, 0)
    }

    /// The log-likelihood-ratio increment of a week with `count` incidents.
    public func increment(count: Double) -> Double {
        count * log(outOfControlRate / inControlRate) - (outOfControlRate - inControlRate)
    }

    /// Feeds one week's count.
    public mutating func update(count: Double) -> Step {
        if holdRemaining > 0 {
            holdRemaining -= 1
            if holdRemaining == 0 { resetPending = true }
            return .held
        }
        if resetPending {
            statistic = 0
            resetPending = false
        }
        statistic = max(0, statistic + increment(count: count))
        guard statistic >= threshold else { return .quiet }
        if holdWeeks > 0 { holdRemaining = holdWeeks } else { resetPending = true }
        return .alarm
    }
}
