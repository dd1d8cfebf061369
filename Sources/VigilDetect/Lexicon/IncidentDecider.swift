import VigilCore

/// Whether an article reports an incident, a roundup, or something else (and which).
public struct IncidentDecision: Sendable {
    public var kind: Detection.Kind = .other
    public var confidence: Double = 0
    /// Token indices of the triggers that describe the incident itself (used to find its place, actor, date),
    /// headline and first paragraph first.
    public var anchors: [Int] = []
    public var evidence: [Detection.Evidence] = []
    /// The triggers that report a current attack (not negated, hypothetical, historical or figurative): what the
    /// event classifier codes.
    public var events = EventMentions()
    /// The score of each kind (`incident` is the attack evidence), for explanations and tests.
    public var scores: [Detection.Kind: Double] = [:]
}

/// Decides the article's kind from triggers, cues, casualty figures, roundup statements and places.
///
/// The scoring, in one paragraph: every trigger ("suicide bomber", "gunmen stormed") that is not figurative
/// (masked by a cue such as "box office" or "heart attack"), negated ("no explosion"), hypothetical ("plot to
/// attack") or historical ("the 2015 attacks", "three years ago") counts its weight times the weight of its
/// position (headline x3, first paragraph x2, second x1.2, later x0.6), x1.5 when its sentence reports victims
/// and x1.2 when it is dated as recent ("on Friday"); supporting cues (claims of responsibility, death tolls)
/// add to it. Each other kind sums its cues the same way. The article is an incident when the attack evidence
/// reaches `incidentThreshold` and outweighs every other kind's score times that kind's `against_incident`
/// factor (political news does not explain an attack away); otherwise it is the kind with the highest score, if
/// that reaches `kindThreshold`, else `other`. Confidence comes from the margin between the two best scores.
enum IncidentDecider {
    /// Attack evidence needed for an incident.
    static let incidentThreshold = 4.0
    /// Trigger evidence alone needed for an incident (support cues cannot make one by themselves).
    static let triggerThreshold = 2.5
    /// Cue evidence needed to name a non-incident kind; below it the kind is `other`.
    static let kindThreshold = 2.0
    /// A roundup statement found by the figures stage counts this much (times its position weight).
    static let roundupFindingWeight = 4.0

    /// What became of one trigger.
    enum TriggerState: Equatable {
        case current, figurative, negated, hypothetical, historical
    }

    static func decide(
        _ context: AnalysisContext, events: EventMentions, cues: CueHits, casualties: Casualties,
        roundup: RoundupFinding, places: PlaceMentions
    ) -> IncidentDecision {
        let document = context.document
        var decision = IncidentDecision()

        // Sentences and spans that make attack words figurative.
        var maskedSentences = Set<Int32>()
        var maskedSpans: [ClosedRange<Int>] = []
        for cue in cues.hits {
            switch cue.masks {
            case .sentence: maskedSentences.insert(document.tokens[cue.first].sentence)
            case .span: maskedSpans.append(cue.first...cue.last)
            case .none: break
            }
        }
        var harmSentences = Set(events.harm.map { document.tokens[$0].sentence })
        for anchor in casualties.anchors where anchor < document.tokens.count {
            harmSentences.insert(document.tokens[anchor].sentence)
        }
        let placeSentences = Set(
            places.mentions.compactMap { $0.first < document.tokens.count ? document.tokens[$0.first].sentence : nil })

        // Attack evidence.
        var triggerScore = 0.0
        var current: [(hit: EventHit, score: Double)] = []
        for hit in events.hits {
            let state = state(of: hit, cues: cues, maskedSentences: maskedSentences, maskedSpans: maskedSpans, document)
            guard state == .current else { continue }
            let sentence = document.tokens[hit.first].sentence
            var score = hit.weight * Prominence.weight(document, hit.first)
            if harmSentences.contains(sentence) { score *= 1.5 }
            if cues.marker(.recency, first: hit.first, last: hit.last, in: document) != nil { score *= 1.2 }
            if placeSentences.contains(sentence) { score *= 1.1 }
            triggerScore += score
            current.append((hit, score))
        }
        decision.events = events
        decision.events.hits = current.map(\.hit)

        // Cue evidence per kind.
        var scores: [Detection.Kind: Double] = [:]
        var cueEvidence: [Detection.Kind: [(CueHit, Double)]] = [:]
        for cue in cues.hits {
            let score = cue.weight * Prominence.weight(document, cue.first)
            scores[cue.kind, default: 0] += score
            cueEvidence[cue.kind, default: []].append((cue, score))
        }
        if roundup.roundup != nil {
            let anchor = roundup.anchors.min()
            let weight = anchor.map { Prominence.weight(document, $0) } ?? Prominence.weight(paragraph: 1)
            scores[.roundup, default: 0] += roundupFindingWeight * weight
        }
        let support = scores[.incident] ?? 0
        let attack = triggerScore > 0 ? triggerScore + support : 0
        scores[.incident] = attack
        decision.scores = scores

        let others = scores.filter { $0.key != .incident && $0.key != .other }
        let best = others.max { a, b in a.value < b.value || (a.value == b.value && a.key.rawValue > b.key.rawValue) }
        let against = others.map { $0.value * (cues.againstIncident[$0.key] ?? 1) }.max() ?? 0

        if triggerScore >= triggerThreshold, attack >= incidentThreshold, attack > against {
            decision.kind = .incident
            decision.confidence = confidence(attack, against)
            let ordered = current.sorted { a, b in
                let pa = document.sentence(of: a.hit.first).paragraph
                let pb = document.sentence(of: b.hit.first).paragraph
                if min(pa, 2) != min(pb, 2) { return pa < pb }
                return a.hit.first < b.hit.first
            }
            var anchors: [Int] = []
            for (hit, _) in ordered where !anchors.contains(hit.first) { anchors.append(hit.first) }
            decision.anchors = anchors
            for (hit, _) in current.sorted(by: { $0.score > $1.score }).prefix(3) {
                decision.evidence.append(context.evidence("kind", from: hit.first, to: hit.last))
            }
            for (cue, _) in (cueEvidence[.incident] ?? []).sorted(by: { $0.1 > $1.1 }).prefix(2) {
                decision.evidence.append(context.evidence("kind", from: cue.first, to: cue.last))
            }
        } else if let best, best.value >= kindThreshold {
            decision.kind = best.key
            let runnerUp = max(attack, others.filter { $0.key != best.key }.map(\.value).max() ?? 0)
            decision.confidence = confidence(best.value, runnerUp)
            let evidence = (cueEvidence[best.key] ?? []).sorted { $0.1 > $1.1 }
            for (cue, _) in evidence.prefix(3) {
                decision.evidence.append(context.evidence("kind", from: cue.first, to: cue.last))
            }
            if best.key == .roundup {
                decision.anchors =
                    roundup.anchors.isEmpty
                    ? evidence.map(\.0.first).sorted {
                        min(document.sentence(of: $0).paragraph, 2) < min(document.sentence(of: $1).paragraph, 2)
                    } : roundup.anchors
                decision.evidence += roundup.evidence.filter { $0.field == "kind" }
            }
        } else {
            decision.kind = .other
            // Sure it is not an incident, unsure what else it is.
            let strongest = max(attack, best?.value ?? 0)
            decision.confidence = 0.5 * (1 - min(1, strongest / incidentThreshold)) + 0.25
        }
        return decision
    }

    /// 0.5 for a tie, towards 1 as the winner outweighs the runner-up.
    static func confidence(_ winner: Double, _ runnerUp: Double) -> Double {
        let value = 0.5 + 0.5 * (winner - runnerUp) / (winner + runnerUp + 1)
        return min(0.99, max(0, value))
    }

    /// Whether a trigger reports a current attack, and if not why.
    static func state(
        of hit: EventHit, cues: CueHits, maskedSentences: Set<Int32>, maskedSpans: [ClosedRange<Int>],
        _ document: TextDocument
    ) -> TriggerState {
        if maskedSentences.contains(document.tokens[hit.first].sentence) { return .figurative }
        if maskedSpans.contains(where: { $0.overlaps(hit.first...hit.last) }) { return .figurative }
        if cues.marker(.negation, first: hit.first, last: hit.last, in: document) != nil { return .negated }
        if cues.marker(.hypothetical, first: hit.first, last: hit.last, in: document) != nil { return .hypothetical }
        if cues.marker(.historical, first: hit.first, last: hit.last, in: document) != nil { return .historical }
        return .current
    }
}
