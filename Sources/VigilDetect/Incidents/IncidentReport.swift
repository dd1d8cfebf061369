import Foundation
import VigilCore

/// What one article contributes to an incident: where it came from, what the detector found in it, and the
/// fingerprints that tell a syndicated copy or a retelling of the same story.
public struct IncidentReport: Sendable, Equatable {
    /// The article's (or stored item's) id; adding a report with an id already seen is a no-op.
    public var id: String
    /// Where the article was read, when known.
    public var url: String?
    /// The outlet's host name without `www.`, from `url`.
    public var outlet: String?
    /// Publication time; stands in for a missing event date and orders toll revisions.
    public var published: Date?
    /// Taxonomy event type from the detector.
    public var eventType: String?
    /// Canonical actor name from the detector.
    public var actor: String?
    /// How the article ties the actor to the attack.
    public var attribution: Detection.Attribution?
    /// ISO 3166-1 alpha-2 code.
    public var country: String?
    /// The place the detector named.
    public var place: String?
    /// Current death toll the article gives.
    public var killed: Int?
    /// Wounded count the article gives.
    public var wounded: Int?
    /// `YYYY-MM-DD`.
    public var eventDate: String?
    /// The text each field came from.
    public var evidence: [Detection.Evidence]
    /// SimHash of the body's word 3-shingles.
    public var simHash: UInt64
    /// Number of shingles behind `simHash`: a short text's fingerprint proves little.
    public var shingleCount: Int
    /// Shingles of the lead (the first `NearDuplicate.leadWords` words of the body).
    public var lead: Set<UInt64>

    /// A report with every field given (tests, or a report read back from a store).
    public init(
        id: String, url: String? = nil, published: Date? = nil, eventType: String? = nil, actor: String? = nil,
        attribution: Detection.Attribution? = nil, country: String? = nil, place: String? = nil,
        killed: Int? = nil, wounded: Int? = nil, eventDate: String? = nil, evidence: [Detection.Evidence] = [],
        simHash: UInt64 = 0, shingleCount: Int = 0, lead: Set<UInt64> = []
    ) {
        self.id = id
        self.url = url
        self.outlet = url.flatMap(Self.outlet(of:))
        self.published = published
        self.eventType = eventType
        self.actor = actor
        self.attribution = attribution
        self.country = country
        self.place = place
        self.killed = killed
        self.wounded = wounded
        self.eventDate = eventDate
        self.evidence = evidence
        self.simHash = simHash
        self.shingleCount = shingleCount
        self.lead = lead
    }

    /// The report of an analysed article: the detection's fields and the fingerprints of its text.
    public init(id: String, url: String? = nil, published: Date?, detection: Detection, document: TextDocument) {
        let shingles = NearDuplicate.shingles(document)
        self.init(
            id: id, url: url, published: published, eventType: detection.eventType, actor: detection.actor,
            attribution: detection.attribution, country: detection.country, place: detection.place,
            killed: detection.killed?.value, wounded: detection.wounded?.value, eventDate: detection.eventDate,
            evidence: detection.evidence, simHash: NearDuplicate.simHash(shingles), shingleCount: shingles.count,
            lead: Set(NearDuplicate.shingles(document, limit: NearDuplicate.leadWords)))
    }

    /// The day the report is about, as days since 1970-01-01: the event date, else the publication day.
    public var day: Int? {
        if let eventDate, let day = Self.day(eventDate) { return day }
        return published.map { CivilDate($0).days }
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date, or nil when it is not one.
    static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            CivilDate.isValid(year: year, month: month, day: day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day).days
    }

    static func outlet(of url: String) -> String? {
        guard var host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }
}

/// Reports are stored with their incident so that a restarted daemon rebuilds its recent incidents exactly.
extension IncidentReport: Codable {}
