import Foundation
import VigilCore

/// One attack as reported by one or more articles: every source, and the best figures and facts across them.
public struct Incident: Sendable, Equatable {
    /// Where one report of the incident appeared.
    public struct Source: Sendable, Equatable {
        /// The report's id.
        public var id: String
        /// The article's address, when known.
        public var url: String?
        /// The outlet's host name.
        public var outlet: String?
        /// When the outlet published it.
        public var published: Date?
    }

    /// `inc-` and a hash of the first report's id: the same input always gives the same ids.
    public let id: String
    /// The reports in the order they joined.
    public private(set) var reports: [IncidentReport] = []
    /// ISO 3166-1 alpha-2 code (nil when the first report had none: such an incident only gathers copies).
    public let country: String?
    /// The first place named by a report.
    public private(set) var place: String?
    /// Every place named by a report, folded to lower case.
    public private(set) var places: Set<String> = []
    /// The first event type reported, and its family (`IncidentClusterer.family(of:)`).
    public private(set) var eventType: String?
    /// The family of `eventType`.
    public private(set) var family: String?
    /// The actor: a claim of responsibility beats an accusation, which beats a mere mention.
    public private(set) var actor: String?
    /// How the actor is tied to the attack.
    public private(set) var attribution: Detection.Attribution?
    /// Highest and lowest death tolls reported (tolls are revised upward, so the highest is the current one).
    public private(set) var killed: Int?
    public private(set) var killedLow: Int?
    /// Highest wounded count reported.
    public private(set) var wounded: Int?
    /// Publication time of the report that gave `killed`.
    public private(set) var killedPublished: Date?
    /// Earliest and latest day the reports are about (days since 1970-01-01).
    public private(set) var firstDay: Int?
    /// Latest day a report is about.
    public private(set) var lastDay: Int?
    /// Evidence from every report, without repeats.
    public private(set) var evidence: [Detection.Evidence] = []

    /// A new incident made of its first report.
    public init(first report: IncidentReport) {
        // Mixed: FNV alone leaves ids of similar report ids ("a", "b") a digit apart.
        id = "inc-" + String(NearDuplicate.mix(TextDocument.hash(report.id)), radix: 16).prefix(12)
        country = report.country
        absorb(report)
    }

    /// Where each report appeared.
    public var sources: [Source] {
        reports.map { Source(id: $0.id, url: $0.url, outlet: $0.outlet, published: $0.published) }
    }

    /// `YYYY-MM-DD` of the first and last day the reports are about.
    public var eventDates: (first: String, last: String)? {
        guard let firstDay, let lastDay else { return nil }
        return (CivilDate(days: firstDay).iso, CivilDate(days: lastDay).iso)
    }

    /// Adds a report and updates the figures and facts.
    mutating func absorb(_ report: IncidentReport) {
        reports.append(report)
        if let named = report.place {
            if place == nil { place = named }
            places.insert(named.lowercased())
        }
        if eventType == nil, let type = report.eventType {
            eventType = type
            family = IncidentClusterer.family(of: type)
        }
        if let name = report.actor, Self.rank(report.attribution) > Self.rank(attribution) || actor == nil {
            actor = name
            attribution = report.attribution ?? .unknown
        }
        if let toll = report.killed {
            if toll > killed ?? -1 || (toll == killed && killedPublished == nil) {
                killed = toll
                killedPublished = report.published
            }
            killedLow = min(killedLow ?? toll, toll)
        }
        if let count = report.wounded { wounded = max(wounded ?? count, count) }
        if let day = report.day {
            firstDay = min(firstDay ?? day, day)
            lastDay = max(lastDay ?? day, day)
        }
        for item in report.evidence where !evidence.contains(where: { $0.field == item.field && $0.text == item.text })
        {
            evidence.append(item)
        }
    }

    static func rank(_ attribution: Detection.Attribution?) -> Int {
        switch attribution {
        case .claimed: 3
        case .suspected: 2
        case .unknown: 1
        case nil: 0
        }
    }
}
