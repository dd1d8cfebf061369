import Foundation

/// The alert lifecycle over surge verdicts: decides which records to emit as keys are evaluated day after day.
///
/// A pure state machine. The caller evaluates each key daily and on every new incident, sends the records it
/// returns to the sinks, and persists `state` (it is `Codable`) with them; an engine rebuilt from the persisted
/// state continues exactly as the original would have.
///
/// Lifecycle of a surge alert: when a surge verdict fires, the alert is `pending`; it becomes `firing` when the
/// verdict fires again at a later day's evaluation (at once when the window holds `immediateFiringCount` or more
/// incidents). A pending alert whose condition fails is dropped silently. A firing alert is re-notified only on an
/// escalation (severity up, or rate ratio up by `escalationRatio`), and is `resolved`, with a record, once neither
/// test has held for `resolveQuietDays` and the CUSUM is at 0. Records of matching silences carry `silenced_by`.
public struct AlertEngine: Sendable {
    /// The remembered alerts; persist it after every call that returned records.
    public var state: AlertEngineState
    /// The surge evaluator (and its parameters).
    public var evaluator: SurgeEvaluator
    /// The silences in force.
    public var silences: SilenceList
    /// Country names for summaries by code ("AF": "Afghanistan"); codes without a name are shown as codes.
    public var countryNames: [String: String]
    /// Window count at or above which a surge fires without waiting for a second evaluation.
    public var immediateFiringCount = 10
    /// Days without either test holding (and the CUSUM at 0) after which a firing alert resolves.
    public var resolveQuietDays = 14
    /// Factor by which the rate ratio must grow since the last notification to re-notify.
    public var escalationRatio = 1.5
    /// Weeks of counts shown in a record.
    public var weeklyCountsShown = 12
    /// Test complete weeks only (weeks end on Sunday): every daily evaluation of a week sees the same window, so
    /// daily looks do not multiply the chances of a false alarm (the tests' settings were chosen for weekly
    /// looks). False (the default here; the daemon sets `surge.complete_weeks`): slide the window daily.
    public var completeWeeks = false

    /// An engine resuming from `state`.
    public init(
        evaluator: SurgeEvaluator = SurgeEvaluator(), state: AlertEngineState = AlertEngineState(),
        silences: SilenceList = SilenceList(), countryNames: [String: String] = [:]
    ) {
        self.evaluator = evaluator
        self.state = state
        self.silences = silences
        self.countryNames = countryNames
    }

    /// Evaluates `key` on day `today` and returns the records to emit: state transitions and escalations only,
    /// so evaluating the same day again emits nothing new. Days earlier than the key's last evaluation are
    /// ignored. `incidents` are the key's recent incidents; those dated in the current window are cited.
    /// `at` stamps the records (default: the start of `today`, UTC).
    public mutating func evaluate(
        key: AlertKey, counts: DailyCounts, today: Int, parent: ParentBaseline? = nil,
        incidents: [AlertIncident] = [], at: String? = nil
    ) -> [AlertRecord] {
        var keyState = state.keys[key.storageKey] ?? AlertEngineState.KeyState(key: key)
        if let last = keyState.lastEvaluatedDay, today < last { return [] }
        keyState.lastEvaluatedDay = today
        defer { state.keys[key.storageKey] = keyState }

        let verdict = evaluator.evaluate(
            counts, on: completeWeeks ? DayNumber.weekEnd(onOrBefore: today) : today, parent: parent)
        guard verdict.evaluated else { return [] }
        let testHeld = !verdict.detectors.isEmpty
        let context = RecordContext(
            key: key, verdict: verdict, counts: counts, incidents: incidents, at: at ?? DayNumber.isoTimestamp(today))

        guard var episode = keyState.episode else {
            guard verdict.fires else { return [] }
            let immediate = verdict.observed >= Double(immediateFiringCount)
            var episode = AlertEngineState.Episode(
                id: Fingerprint.id(["surge", key.actor, key.country, key.eventType, String(today)]),
                state: immediate ? .firing : .pending, startDay: today, lastHeldDay: today)
            let record = immediate ? notify(&episode, context) : record(for: episode, context, state: .pending)
            keyState.episode = episode
            return [record]
        }

        if testHeld { episode.lastHeldDay = today }
        switch episode.state {
        case .pending:
            guard verdict.fires else {
                keyState.episode = nil
                return []
            }
            guard today > episode.startDay || verdict.observed >= Double(immediateFiringCount) else {
                keyState.episode = episode
                return []
            }
            episode.state = .firing
            let record = notify(&episode, context)
            keyState.episode = episode
            return [record]
        case .firing, .resolved:
            if verdict.fires {
                let severity = severity(of: verdict)
                let ratio = verdict.rateRatio.isFinite ? verdict.rateRatio : nil
                let severityUp = episode.notifiedSeverity.map { severity > $0 } ?? true
                let ratioUp = episode.notifiedRateRatio.map { last in
                    ratio.map { $0 >= last * escalationRatio } ?? false
                }
                guard severityUp || ratioUp == true else {
                    keyState.episode = episode
                    return []
                }
                var record = notify(&episode, context, severity: severity)
                record.escalated = true
                record.summary = "Escalated: " + record.summary
                keyState.episode = episode
                return [record]
            }
            guard today - episode.lastHeldDay >= resolveQuietDays && verdict.cusumStatistic == 0 else {
                keyState.episode = episode
                return []
            }
            keyState.episode = nil
            var resolved = record(for: episode, context, state: .resolved)
            resolved.severity = episode.notifiedSeverity ?? .warning
            resolved.detector = episode.notifiedDetector ?? resolved.detector
            resolved.summary =
                "Resolved: " + resolved.summary + "; no test has held since \(DayNumber.isoDate(episode.lastHeldDay))"
            return [resolved]
        }
    }

    /// The first incident of `actor` in `country`: a `new_actor` record the first time the pair is seen, nil
    /// ever after (the state remembers every pair announced).
    public mutating func newActor(
        actor: String, country: String, incident: AlertIncident, today: Int, at: String? = nil
    ) -> AlertRecord? {
        guard AlertEngineState.insertSorted("\(actor)|\(country)", into: &state.knownActors) else { return nil }
        let key = AlertKey(actor: actor, country: country)
        var details = [incident.date]
        if let place = incident.place, !place.isEmpty { details.append(place) }
        if let killed = incident.killed { details.append("\(killed) killed") }
        return AlertRecord(
            id: Fingerprint.id(["new_actor", actor, country, nil, nil]), at: at ?? DayNumber.isoTimestamp(today),
            state: .firing, type: .newActor, severity: .warning, key: key, window: nil, baseline: nil,
            rateRatio: nil, rateRatioCI: nil, pValue: nil, detector: "new_actor", cusum: nil, guards: nil,
            weeklyCounts: [], incidents: [incident], silencedBy: silences.silence(for: key, on: today)?.reason,
            source: nil, escalated: nil,
            summary: "New actor: first recorded attack by \(actor) in \(countryName(country)) "
                + "(\(details.joined(separator: ", ")))")
    }

    // MARK: - Records

    /// What a surge record is built from.
    struct RecordContext {
        let key: AlertKey
        let verdict: SurgeVerdict
        let counts: DailyCounts
        let incidents: [AlertIncident]
        let at: String
    }

    /// Severity `high` when the window holds at least 10 incidents and the rate ratio's lower 95% bound is above 2.
    func severity(of verdict: SurgeVerdict) -> AlertRecord.Severity {
        guard let test = verdict.rateTest, test.observed >= 10, test.rateRatio > 2 else { return .warning }
        return test.rateRatioInterval().lower > 2 ? .high : .warning
    }

    /// A firing record, remembering what was notified for the escalation rule.
    private func notify(
        _ episode: inout AlertEngineState.Episode, _ context: RecordContext, severity: AlertRecord.Severity? = nil
    ) -> AlertRecord {
        var record = record(for: episode, context, state: .firing)
        record.severity = severity ?? self.severity(of: context.verdict)
        episode.notifiedSeverity = record.severity
        episode.notifiedRateRatio = context.verdict.rateRatio.isFinite ? context.verdict.rateRatio : nil
        episode.notifiedDetector = record.detector
        return record
    }

    private func record(
        for episode: AlertEngineState.Episode, _ context: RecordContext, state: AlertRecord.State
    ) -> AlertRecord {
        let v = context.verdict
        let windowDays = v.window.count
        let baselineRange =
            v.baselineWindow ?? (v.window.lowerBound - evaluator.parameters.baselineDays)...(v.window.lowerBound - 1)
        let ownBaseline = context.counts.sum(from: baselineRange.lowerBound, through: baselineRange.upperBound)
        let interval = v.rateTest?.rateRatioInterval()
        var detectors = v.detectors.map { $0 == .rateTest ? "window_test" : "cusum" }.joined(separator: "+")
        if detectors.isEmpty { detectors = episode.notifiedDetector ?? "none" }
        let incidents = context.incidents.filter { incident in
            guard let day = DayNumber.parse(isoDate: incident.date) else { return true }
            return v.window.contains(day)
        }
        let ownHistory: Bool
        if case .own = v.baselineSource { ownHistory = true } else { ownHistory = false }
        let summary =
            "\(subject(context.key)): \(Formatting.decimal(v.observed)) in the last \(windowDays) days vs "
            + "\(Formatting.decimal(v.expected)) expected (\(ratioText(v.rateRatio)), p=\(Self.pText(v.pValue)))"
        return AlertRecord(
            id: episode.id, at: context.at, state: state, type: .surge, severity: .warning, key: context.key,
            window: AlertRecord.Span(
                start: DayNumber.isoDate(v.window.lowerBound), end: DayNumber.isoDate(v.window.upperBound),
                count: v.observed, expected: v.expected),
            baseline: AlertRecord.Span(
                start: DayNumber.isoDate(baselineRange.lowerBound), end: DayNumber.isoDate(baselineRange.upperBound),
                count: ownBaseline, expected: v.rateTest?.baselineCount ?? 0),
            rateRatio: v.rateRatio.isFinite ? v.rateRatio : nil,
            rateRatioCI: interval.map { [finite($0.lower), finite($0.upper)] }, pValue: v.pValue,
            detector: detectors, cusum: AlertRecord.CUSUMState(value: v.cusumStatistic, threshold: v.cusumThreshold),
            guards: AlertRecord.Guards(
                minCount: v.guards.enoughIncidents, minExcess: v.guards.enoughExcess, history: ownHistory,
                passed: v.guards.passed),
            weeklyCounts: context.counts.weeklyCounts(endingOn: v.day, weeks: weeklyCountsShown),
            incidents: incidents, silencedBy: silences.silence(for: context.key, on: v.day)?.reason, source: nil,
            escalated: nil, summary: summary)
    }

    /// "Islamic State Khorasan Province attacks in Afghanistan", "Attacks (bombing) in Iraq", "Al-Shabaab attacks".
    func subject(_ key: AlertKey) -> String {
        var noun = key.actor.map { "\($0) attacks" } ?? "Attacks"
        if let type = key.eventType { noun += " (\(type.replacingUnderscores))" }
        if let country = key.country { noun += " in \(countryName(country))" }
        return noun
    }

    func countryName(_ code: String) -> String { countryNames[code] ?? code }

    /// "3.4×", or "new" for an empty baseline.
    func ratioText(_ ratio: Double) -> String { ratio.isFinite ? "\(Formatting.decimal(ratio))×" : "new" }

    /// p as read in a summary: plain decimals down to 0.0001 ("0.0001", "0.023"), then "3e-7".
    static func pText(_ p: Double) -> String {
        guard p >= 0.0001 else { return Formatting.pValue(p) }
        return Formatting.decimal(p, places: max(2, Int((-log10(p)).rounded(.up)) + 1))
    }

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
}

extension String {
    /// "armed_assault" → "armed assault".
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
