import Foundation

/// The `surge:` section of `vigil.yaml`: the statistics and lifecycle of surge alerts. The defaults are the
/// issue's, chosen by simulation (see README, "Alerts").
public struct SurgeSettings: Sendable, Equatable, Codable {
    /// Days in the current window and in the baseline before it.
    public var windowDays = 56
    public var baselineDays = 364
    /// Significance level of the window test (one-sided exact test of two Poisson rates).
    public var alpha = 0.001
    /// Rate ratio the weekly CUSUM is tuned to detect, its baseline floor (per week), and its in-control average
    /// run length in weeks between false alarms (the threshold is calibrated from it per key).
    public var cusumRateRatio = 2.0
    public var baselineFloorPerWeek = 0.5
    public var inControlRunWeeks = 520.0
    /// Guards: incidents in the window at least, and at least this many more than expected.
    public var minimumIncidents = 5
    public var minimumExcess = 3.0
    /// Weeks of history before a key is evaluated on its own (before that it borrows from its parent key).
    public var minimumHistoryWeeks = 8
    /// A surge with at least this many incidents in the window fires at once, without a second day's look.
    public var immediateFiringCount = 10
    /// Days with no test holding (and the CUSUM at 0) after which a firing alert resolves.
    public var resolveQuietDays = 14
    /// Rate-ratio growth since the last notification that counts as an escalation (1.5 = up by half).
    public var escalationRatio = 1.5
    /// Also evaluate actor × country × event type keys.
    public var byEventType = false
    /// Test complete weeks (ending on Sunday) at each daily evaluation rather than a window sliding by the day:
    /// the tests' settings were chosen for weekly looks, and daily sliding looks double the false alarms.
    public var completeWeeks = true
    /// YAML list of silences (`actor`, `country`, `event_type`, `until: YYYY-MM-DD`, `reason`); a missing file
    /// means none.
    public var silencesFile: String

    public init(silencesFile: String) {
        self.silencesFile = silencesFile
    }
}
