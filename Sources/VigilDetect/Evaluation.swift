import Foundation
import VigilCore

/// A labelled article (the shared corpus format): what the detector should say.
public struct LabelledArticle: Sendable {
    public var input: DetectorInput
    public var kind: String
    public var isIncident: Bool
    public var eventType: String?
    public var suicide: Bool?
    public var actor: String?
    public var actorClaimed: Bool?
    public var country: String?
    public var place: String?
    public var killed: Int?
    public var wounded: Int?
    public var group: String?
    public var roundup: Detection.Roundup?

    public init(input: DetectorInput, kind: String, isIncident: Bool) {
        self.input = input
        self.kind = kind
        self.isIncident = isIncident
    }
}

/// Scores detections against labels: incident precision/recall, field accuracy on true positives, roundups.
public struct Evaluation: Sendable {
    /// One scored field: how many were right of how many were scored.
    public struct Tally: Sendable, Equatable {
        public var right = 0
        public var total = 0
        public var rate: Double { total == 0 ? .nan : Double(right) / Double(total) }
        mutating func add(_ ok: Bool) {
            total += 1
            if ok { right += 1 }
        }
    }

    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    public var kind = Tally()
    public var eventType = Tally()
    public var actor = Tally()
    public var attribution = Tally()
    public var country = Tally()
    public var place = Tally()
    public var killed = Tally()
    public var wounded = Tally()
    public var suicide = Tally()
    public var roundupFound = Tally()
    public var roundupCount = Tally()
    public var roundupPrevious = Tally()
    public var roundupPeriods = Tally()
    /// Human-readable mismatches, one per wrong field.
    public var mismatches: [String] = []

    public var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
    public var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public init() {}

    /// Adds one article's result.
    public mutating func add(_ label: LabelledArticle, _ detection: Detection) {
        let id = label.input.id ?? "?"
        func miss(_ field: String, _ want: Any?, _ got: Any?) {
            mismatches.append(
                "\(id) \(field): want \(want.map { "\($0)" } ?? "null"), got \(got.map { "\($0)" } ?? "null")")
        }
        kind.add(label.kind == detection.kind.rawValue)
        if label.kind != detection.kind.rawValue { miss("kind", label.kind, detection.kind.rawValue) }
        switch (label.isIncident, detection.isIncident) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
        if label.isIncident, detection.isIncident {
            eventType.add(label.eventType == detection.eventType)
            if label.eventType != detection.eventType { miss("event_type", label.eventType, detection.eventType) }
            actor.add(label.actor == detection.actor)
            if label.actor != detection.actor { miss("actor", label.actor, detection.actor) }
            if let claimed = label.actorClaimed, label.actor != nil {
                let ok = (detection.attribution == .claimed) == claimed
                attribution.add(ok)
                if !ok { miss("actor_claimed", claimed, detection.attribution?.rawValue) }
            }
            country.add(label.country == detection.country)
            if label.country != detection.country { miss("country", label.country, detection.country) }
            if let place = label.place {
                let ok = detection.place.map { $0.lowercased() == place.lowercased() } ?? false
                self.place.add(ok)
                if !ok { miss("place", place, detection.place) }
            }
            if let killed = label.killed {
                self.killed.add(detection.killed?.value == killed)
                if detection.killed?.value != killed { miss("killed", killed, detection.killed?.value) }
            }
            if let wounded = label.wounded {
                self.wounded.add(detection.wounded?.value == wounded)
                if detection.wounded?.value != wounded { miss("wounded", wounded, detection.wounded?.value) }
            }
            if let suicide = label.suicide {
                self.suicide.add(detection.suicide == suicide)
                if detection.suicide != suicide { miss("suicide", suicide, detection.suicide) }
            }
        }
        if let expected = label.roundup {
            let got = detection.roundup
            roundupFound.add(got != nil)
            roundupCount.add(got?.count == expected.count)
            if got?.count != expected.count { miss("roundup.count", expected.count, got?.count) }
            roundupPrevious.add(got?.previousCount == expected.previousCount)
            if got?.previousCount != expected.previousCount {
                miss("roundup.previous_count", expected.previousCount, got?.previousCount)
            }
            let periods = got?.period == expected.period && got?.previousPeriod == expected.previousPeriod
            roundupPeriods.add(periods)
            if !periods {
                miss(
                    "roundup.periods", "\(expected.period) vs \(expected.previousPeriod ?? "-")",
                    got.map { "\($0.period) vs \($0.previousPeriod ?? "-")" })
            }
        }
    }
}
