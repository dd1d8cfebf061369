/// Everything the alert engine must remember between evaluations, persisted by the caller (as JSON) so that after
/// a restart no alert is lost and none is sent twice.
public struct AlertEngineState: Codable, Sendable, Equatable {
    /// One key's open surge alert and its last evaluation.
    public struct KeyState: Codable, Sendable, Equatable {
        /// The key.
        public var key: AlertKey
        /// The last day the key was evaluated.
        public var lastEvaluatedDay: Int?
        /// The open alert, if any.
        public var episode: Episode?

        enum CodingKeys: String, CodingKey {
            case key
            case lastEvaluatedDay = "last_evaluated_day"
            case episode
        }
    }

    /// An open surge alert.
    public struct Episode: Codable, Sendable, Equatable {
        /// The alert id (fingerprint of type, key and `startDay`).
        public var id: String
        /// Pending or firing.
        public var state: AlertRecord.State
        /// The first day the condition held.
        public var startDay: Int
        /// The last day either test held.
        public var lastHeldDay: Int
        /// Severity last notified (firing only).
        public var notifiedSeverity: AlertRecord.Severity?
        /// Rate ratio last notified; nil when not notified yet or infinite.
        public var notifiedRateRatio: Double?
        /// Detectors last notified, for the resolved record.
        public var notifiedDetector: String?

        enum CodingKeys: String, CodingKey {
            case id, state
            case startDay = "start_day"
            case lastHeldDay = "last_held_day"
            case notifiedSeverity = "notified_severity"
            case notifiedRateRatio = "notified_rate_ratio"
            case notifiedDetector = "notified_detector"
        }
    }

    /// Per-key state by `AlertKey.storageKey`.
    public var keys: [String: KeyState] = [:]
    /// "actor|country" of every actor already announced as new in a country, sorted.
    public var knownActors: [String] = []
    /// Ids of every `reported_trend` alert already emitted, sorted.
    public var reportedTrends: [String] = []

    /// An empty state: nothing evaluated, nothing announced.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case keys
        case knownActors = "known_actors"
        case reportedTrends = "reported_trends"
    }

    /// Inserts `value` into the sorted array `list`; false when it was already there.
    static func insertSorted(_ value: String, into list: inout [String]) -> Bool {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < value { low = mid + 1 } else { high = mid }
        }
        if low < list.count && list[low] == value { return false }
        list.insert(value, at: low)
        return true
    }
}
