/// Merges the reports of one attack into one incident, one report at a time, as articles arrive.
///
/// A syndicated copy (SimHash within `NearDuplicate.syndicatedDistance` bits) joins its original's incident.
/// Otherwise a report joins the best incident that is in the same country, about a day within `dayWindow` of one
/// of its reports, and compatible in type family, place, actor and casualties, with some shared lead text or the
/// same place. Only incidents indexed under the report's country and nearby days are compared, so an `add` costs
/// the number of those candidates, not the number of incidents.
public struct IncidentClusterer: Sendable {
    /// The tunable limits of the merge rules.
    public struct Thresholds: Sendable {
        /// Days either side of a report's day in which an incident's report may fall.
        public var dayWindow = 2
        /// Days from an incident in which a follow-up report (mourning, funerals, an inquiry) may still join it,
        /// when it names the same place, the same actor, the same type family and the same toll.
        public var followUpDays = 7
        /// Lead overlap (Jaccard of shingles) that shows one retold story: it overrides a different place name,
        /// type family or accused actor.
        public var highOverlap = 0.3
        /// Lead overlap that links two reports that name no common place.
        public var someOverlap = 0.04
        /// A report published over a day after the incident's best toll may give a smaller one, down to this share
        /// of it, when it names the same place: tolls are revised down (Colombo 2019: 359, then 253, when the
        /// health ministry found bodies counted twice), but a much smaller later figure is another attack.
        public var revisionShare = 0.6

        /// The defaults.
        public init() {}
    }

    /// Every incident, in the order it was created.
    public private(set) var incidents: [Incident] = []
    /// The limits the rules use.
    public let thresholds: Thresholds
    private var incidentOfReport: [String: Int] = [:]
    /// Country → day → incidents with a report about that day.
    private var byCountryDay: [String: [Int: [Int]]] = [:]
    /// SimHash split in four 16-bit bands → fingerprints (two hashes within 3 bits share at least one band).
    private var bands: [[UInt16: [Int]]] = Array(repeating: [:], count: 4)
    private var fingerprints: [(simHash: UInt64, incident: Int)] = []

    /// An empty clusterer.
    public init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// Adds a report: the id of the incident it now belongs to, and whether that incident existed before. A
    /// report id seen before returns its incident again.
    @discardableResult
    public mutating func add(_ report: IncidentReport) -> (incidentID: String, joinedExisting: Bool) {
        if let index = incidentOfReport[report.id] { return (incidents[index].id, true) }
        let target = syndicationTarget(of: report) ?? bestCandidate(for: report)
        let index: Int
        if let target {
            incidents[target].absorb(report)
            index = target
        } else {
            incidents.append(Incident(first: report))
            index = incidents.count - 1
        }
        register(report, in: index)
        return (incidents[index].id, target != nil)
    }

    /// The incident a report was put in.
    public func incident(containing reportID: String) -> Incident? {
        incidentOfReport[reportID].map { incidents[$0] }
    }

    /// The family of an event type: types whose reports may describe one attack (`bombing`, `remote_strike`,
    /// `armed_assault`, `hostage`), or nil for a type that fits any family.
    public static func family(of eventType: String?) -> String? {
        switch eventType {
        case "bombing": "bombing"
        case "remote_strike": "remote_strike"
        case "armed_assault", "assassination", "unarmed_assault", "facility_attack": "armed_assault"
        case "kidnapping", "hijacking": "hostage"
        default: nil
        }
    }

    /// Family pairs that may be one attack when the leads tell the same story (a complex attack reported as a
    /// bombing by one outlet and a gun attack by another; a shelling reported as a blast).
    static let compatibleFamilies: Set<[String]> = [
        ["armed_assault", "bombing"], ["bombing", "remote_strike"], ["armed_assault", "hostage"],
    ]

    // MARK: Matching

    private func syndicationTarget(of report: IncidentReport) -> Int? {
        guard report.shingleCount >= NearDuplicate.minimumShingles else { return nil }
        var best: (distance: Int, incident: Int)?
        for band in 0..<4 {
            for fingerprint in bands[band][Self.band(report.simHash, band)] ?? [] {
                let candidate = fingerprints[fingerprint]
                let distance = NearDuplicate.distance(candidate.simHash, report.simHash)
                if distance <= NearDuplicate.syndicatedDistance, distance < best?.distance ?? .max {
                    best = (distance, candidate.incident)
                }
            }
        }
        return best?.incident
    }

    private func bestCandidate(for report: IncidentReport) -> Int? {
        guard let country = report.country, let day = report.day, let days = byCountryDay[country] else { return nil }
        var seen = Set<Int>()
        var best: (score: Double, incident: Int)?
        let reach = max(thresholds.dayWindow, thresholds.followUpDays)
        for offset in -reach...reach {
            for index in days[day + offset] ?? [] where seen.insert(index).inserted {
                // Beyond the window only follow-ups (either way round: reports do not arrive in date order).
                if abs(offset) > thresholds.dayWindow, !isFollowUp(report, of: incidents[index]) { continue }
                guard let score = score(report, incidents[index], day: day) else { continue }
                if score > best?.score ?? -.infinity { best = (score, index) }
            }
        }
        return best?.incident
    }

    /// Whether a report days after an incident names its place, its actor and its type family.
    func isFollowUp(_ report: IncidentReport, of incident: Incident) -> Bool {
        guard let place = report.place?.lowercased(), incident.places.contains(place),
            let actor = report.actor, actor == incident.actor,
            let family = Self.family(of: report.eventType), family == incident.family
        else { return false }
        // Another attack by the same group in the same city days later is common (Kabul, Mogadishu): a
        // follow-up repeats the incident's toll.
        guard let toll = report.killed, toll > 0, toll == incident.killed else { return false }
        return true
    }

    /// How well a report fits an incident, or nil when a rule keeps them apart.
    func score(_ report: IncidentReport, _ incident: Incident, day: Int) -> Double? {
        let overlap = incident.reports.map { NearDuplicate.overlap($0.lead, report.lead) }.max() ?? 0
        let retold = overlap >= thresholds.highOverlap
        if let family = Self.family(of: report.eventType), let other = incident.family, family != other {
            guard retold, Self.compatibleFamilies.contains([family, other].sorted()) else { return nil }
        }
        let place = report.place?.lowercased()
        let samePlace = place.map(incident.places.contains) ?? false
        if place != nil, !incident.places.isEmpty, !samePlace, !retold { return nil }
        if let actor = report.actor, let other = incident.actor, actor != other, !retold {
            // A claim of responsibility may replace an accusation; two claims or two accusations disagree.
            guard (report.attribution == .claimed) != (incident.attribution == .claimed) else { return nil }
        }
        if let toll = report.killed, let best = incident.killed, toll < best {
            // Earlier or same-day reports carry older tolls; a later, smaller one must be a revision.
            var older = true
            if let published = report.published, let bestPublished = incident.killedPublished {
                older = published < bestPublished.addingTimeInterval(86_400)
            }
            let revised = samePlace && Double(toll) >= thresholds.revisionShare * Double(best)
            guard older || revised else { return nil }
        }
        guard samePlace || overlap >= thresholds.someOverlap else { return nil }
        let nearest = [incident.firstDay, incident.lastDay].compactMap { $0 }.map { abs($0 - day) }.min() ?? 0
        let sameActor = report.actor != nil && report.actor == incident.actor
        return overlap + (samePlace ? 1 : 0) + (sameActor ? 0.5 : 0) - 0.1 * Double(nearest)
    }

    // MARK: Index

    private mutating func register(_ report: IncidentReport, in index: Int) {
        incidentOfReport[report.id] = index
        if let country = incidents[index].country, let day = report.day {
            var days = byCountryDay[country] ?? [:]
            if !(days[day]?.contains(index) ?? false) { days[day, default: []].append(index) }
            byCountryDay[country] = days
        }
        if report.shingleCount >= NearDuplicate.minimumShingles {
            fingerprints.append((report.simHash, index))
            for band in 0..<4 {
                bands[band][Self.band(report.simHash, band), default: []].append(fingerprints.count - 1)
            }
        }
    }

    private static func band(_ hash: UInt64, _ band: Int) -> UInt16 { UInt16(truncatingIfNeeded: hash >> (16 * band)) }
}
