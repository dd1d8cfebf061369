/// The tunable settings of surge detection, decoded from the `surge:` section of `vigil.yaml`.
///
/// Every field has the default, so a partial (or empty) section decodes to the defaults with only
/// the named fields changed.
public struct SurgeParameters: Codable, Sendable, Equatable {
    /// Length of the current window tested against the baseline, in days.
    public var windowDays: Int = 56
    /// Length of the baseline window immediately before the current window, in days.
    public var baselineDays: Int = 364
    /// Significance level of the one-sided window rate test.
    public var alpha: Double = 0.001
    /// Rate ratio λ1/λ0 the CUSUM is tuned to detect (2 = a doubling).
    public var cusumRateRatio: Double = 2
    /// Floor on the CUSUM's in-control weekly rate λ0, so rare keys are not alarmed by one incident.
    public var baselineFloorPerWeek: Double = 0.5
    /// In-control average run length between false CUSUM alarms, in weeks (520 = ten years).
    public var inControlRunWeeks: Double = 520
    /// Weeks an alarm is held after the CUSUM crosses its threshold, before the statistic restarts at 0.
    public var alarmHoldWeeks: Int = 1
    /// Guard: the current window must hold at least this many incidents.
    public var minimumIncidents: Int = 5
    /// Guard: the current window must hold at least this many incidents more than expected.
    public var minimumExcess: Double = 3
    /// Weeks of baseline a key needs before it is tested on its own counts; below, it borrows from its parent.
    public var minimumHistoryWeeks: Int = 8
    /// Whether counts are deflated (and the CUSUM threshold raised) for overdispersion of the weekly baseline.
    /// Only the simulator's "textbook" comparison turns this off.
    public var correctsOverdispersion: Bool = true

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case windowDays = "window_days"
        case baselineDays = "baseline_days"
        case alpha
        case cusumRateRatio = "cusum_rate_ratio"
        case baselineFloorPerWeek = "baseline_floor_per_week"
        case inControlRunWeeks = "in_control_run_weeks"
        case alarmHoldWeeks = "alarm_hold_weeks"
        case minimumIncidents = "min_incidents"
        case minimumExcess = "min_excess"
        case minimumHistoryWeeks = "min_history_weeks"
        case correctsOverdispersion = "corrects_overdispersion"
    }

    /// Decodes the given fields over the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func field<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let decoded = try c.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try field(.windowDays, &windowDays)
        try field(.baselineDays, &baselineDays)
        try field(.alpha, &alpha)
        try field(.cusumRateRatio, &cusumRateRatio)
        try field(.baselineFloorPerWeek, &baselineFloorPerWeek)
        try field(.inControlRunWeeks, &inControlRunWeeks)
        try field(.alarmHoldWeeks, &alarmHoldWeeks)
        try field(.minimumIncidents, &minimumIncidents)
        try field(.minimumExcess, &minimumExcess)
        try field(.minimumHistoryWeeks, &minimumHistoryWeeks)
        try field(.correctsOverdispersion, &correctsOverdispersion)
    }

    /// Every problem with these settings, as `key: reason` lines; empty when they are usable.
    public func validate() -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ key: CodingKeys, _ reason: String) {
            if !ok { problems.append("\(key.rawValue): \(reason)") }
        }
        check(windowDays >= 7 && windowDays % 7 == 0, .windowDays, "must be a positive multiple of 7")
        check(baselineDays >= 7 && baselineDays % 7 == 0, .baselineDays, "must be a positive multiple of 7")
        check(alpha > 0 && alpha < 0.5, .alpha, "must be in (0, 0.5)")
        check(cusumRateRatio > 1 && cusumRateRatio <= 20, .cusumRateRatio, "must be in (1, 20]")
        check(baselineFloorPerWeek > 0, .baselineFloorPerWeek, "must be positive")
        check(inControlRunWeeks >= 10 && inControlRunWeeks <= 100_000, .inControlRunWeeks, "must be in [10, 100000]")
        check(alarmHoldWeeks >= 0, .alarmHoldWeeks, "must not be negative")
        check(minimumIncidents >= 0, .minimumIncidents, "must not be negative")
        check(minimumExcess >= 0, .minimumExcess, "must not be negative")
        check(minimumHistoryWeeks >= 2, .minimumHistoryWeeks, "must be at least 2 (a variance needs two weeks)")
        return problems
    }
}
