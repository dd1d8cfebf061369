/// One alert as every sink receives it: a self-contained JSON object (snake_case keys) an analyst can check.
///
/// Non-finite figures (the rate ratio of an empty baseline, the upper end of its interval) are `null` in JSON.
public struct AlertRecord: Codable, Sendable, Equatable {
    /// Where an alert is in its lifecycle.
    public enum State: String, Codable, Sendable, Equatable {
        /// The condition held once; it fires if it still holds at the next daily evaluation.
        case pending
        /// The alert is active (also used for one-off alerts: `new_actor`, `reported_trend`).
        case firing
        /// Neither test has held for the resolve period and the CUSUM is back at 0.
        case resolved
    }

    /// What raised the alert.
    public enum Kind: String, Codable, Sendable, Equatable {
        /// A rise in Vigil's own tallies.
        case surge
        /// The first incident of an actor in a country.
        case newActor = "new_actor"
        /// A rise claimed by a roundup article, tested on its figures.
        case reportedTrend = "reported_trend"
    }

    /// How strongly the evidence supports a real rise.
    public enum Severity: String, Codable, Sendable, Equatable, Comparable {
        /// A significant rise.
        case warning
        /// At least 10 incidents and a rate ratio whose lower 95% bound exceeds 2.
        case high

        /// Warning below high.
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .high }
    }

    /// A span of days with its incident count and the count expected there.
    public struct Span: Codable, Sendable, Equatable {
        /// First day, "YYYY-MM-DD".
        public var start: String
        /// Last day, "YYYY-MM-DD".
        public var end: String
        /// Incidents counted.
        public var count: Double
        /// For the current window: incidents expected at the baseline rate. For the baseline: the count the test
        /// used (equal to `count` for a key's own history; the parent's share when borrowed).
        public var expected: Double
    }

    /// The CUSUM's state at the evaluation.
    public struct CUSUMState: Codable, Sendable, Equatable {
        /// The statistic S.
        public var value: Double
        /// The key's threshold h.
        public var threshold: Double
    }

    /// Which guards passed.
    public struct Guards: Codable, Sendable, Equatable {
        /// At least the minimum number of incidents in the window.
        public var minCount: Bool
        /// At least the minimum excess over the expected count.
        public var minExcess: Bool
        /// The key had enough history of its own (false: the baseline was borrowed from its parent).
        public var history: Bool
        /// The count guards both passed.
        public var passed: Bool

        enum CodingKeys: String, CodingKey {
            case minCount = "min_count"
            case minExcess = "min_excess"
            case history, passed
        }
    }

    /// The article a `reported_trend` alert cites.
    public struct Source: Codable, Sendable, Equatable {
        /// The article's URL.
        public var url: String
        /// The article's title.
        public var title: String
        /// The feed item's id in Vigil's store, when known.
        public var itemID: String?

        /// A source.
        public init(url: String, title: String, itemID: String? = nil) {
            self.url = url
            self.title = title
            self.itemID = itemID
        }

        enum CodingKeys: String, CodingKey {
            case url, title
            case itemID = "item_id"
        }
    }

    /// Fingerprint of (type, key, episode start): the same for every record of one alert.
    public var id: String
    /// When the record was made, ISO 8601 UTC.
    public var at: String
    /// Lifecycle state.
    public var state: State
    /// Alert type.
    public var type: Kind
    /// Severity.
    public var severity: Severity
    /// The key alerted on.
    public var key: AlertKey
    /// The current window (or the reported period).
    public var window: Span?
    /// The baseline (or the reported previous period).
    public var baseline: Span?
    /// Current rate over baseline rate; nil when infinite (empty baseline).
    public var rateRatio: Double?
    /// 95% interval of the rate ratio, [lower, upper]; an infinite end is nil.
    public var rateRatioCI: [Double?]?
    /// One-sided p-value of the window test.
    public var pValue: Double?
    /// What raised it: "window_test", "cusum", "window_test+cusum", or "new_actor".
    public var detector: String
    /// CUSUM state, for surges.
    public var cusum: CUSUMState?
    /// Guards, for surges and reported trends.
    public var guards: Guards?
    /// Weekly counts of the last 12 weeks, oldest first (surges only).
    public var weeklyCounts: [Double]
    /// The contributing incidents.
    public var incidents: [AlertIncident]
    /// The reason of the silence that matched, when one did: the record is logged but not sent.
    public var silencedBy: String?
    /// The cited article (reported trends).
    public var source: Source?
    /// True on a re-notification for an escalation (severity up, or rate ratio up by half).
    public var escalated: Bool?
    /// One sentence a person can read.
    public var summary: String

    enum CodingKeys: String, CodingKey {
        case id, at, state, type, severity, key, window, baseline
        case rateRatio = "rate_ratio"
        case rateRatioCI = "rate_ratio_ci"
        case pValue = "p_value"
        case detector, cusum, guards
        case weeklyCounts = "weekly_counts"
        case incidents
        case silencedBy = "silenced_by"
        case source, escalated, summary
    }
}

/// An incident as cited in an alert.
public struct AlertIncident: Codable, Sendable, Equatable {
    /// Incident id in Vigil's store.
    public var id: String
    /// Event date, "YYYY-MM-DD".
    public var date: String
    /// Where it happened, as readable text.
    public var place: String?
    /// Best estimate of people killed, when reported.
    public var killed: Int?
    /// URLs of every report of it.
    public var sources: [String]

    /// An incident.
    public init(id: String, date: String, place: String? = nil, killed: Int? = nil, sources: [String] = []) {
        self.id = id
        self.date = date
        self.place = place
        self.killed = killed
        self.sources = sources
    }
}
