import VigilCore

/// The casualty figures of an article.
public struct Casualties: Sendable {
    public var killed: Detection.Figure?
    public var wounded: Detection.Figure?
    public var evidence: [Detection.Evidence] = []
    /// Token indices of the casualty statements (they anchor an incident when triggers are weak): the statements
    /// behind the figures first, then the other statements of victims (vague ones included), in document order.
    public var anchors: [Int] = []
    /// Whether the text speaks of dead (or wounded) victims without a count ("dozens were killed").
    public var killedVague = false
    public var woundedVague = false
}

/// Extracts killed and wounded figures.
///
/// Rules, for each of killed and wounded (see `CasualtyReader` for the patterns):
/// 1. Statements about attackers only, subsets ("nine of them", "142 of the dead", "among the dead") and vague
///    figures ("dozens") are left out; attackers listed with victims are taken off ("killing 12 people and the
///    bomber" = 12; "12 people, including the bomber" = 11).
/// 2. Official figures beat perpetrators' claims and unofficial estimates; current figures beat superseded ones
///    ("the previous toll") and figures in sentences about earlier years; for the wounded, explicit figures beat
///    counts of people taken to hospital.
/// 3. Among the rest: the last revision in the body ("the toll rose to 47") wins; else the body figure the
///    headline agrees with; else the first body figure (the lead); a headline figure is used only when the body
///    has none.
/// 4. When the chosen figure counts a named group ("169 Afghans"), figures for other named groups are added
///    ("13 U.S. service members also died" = 182); figures for unnamed groups ("people") are never added, as they
///    usually restate parts of the total.
/// 5. "No casualties", "no one was hurt" give 0 when no positive figure is stated.
/// `low` is set for "at least"/"more than" figures, `high` for "up to"/"nearly" ones.
enum CasualtyExtractor {
    static func extract(_ context: AnalysisContext, numbers: [NumberMention]) -> Casualties {
        let text = FigureText(context, numbers: numbers)
        let statements = CasualtyReader.read(text)
        var result = Casualties()
        var chosenAnchors: [Int] = []
        for role in [CasualtyRole.killed, .wounded] {
            let chosen = choose(statements, role: role)
            guard !chosen.isEmpty else { continue }
            var value = 0
            var low: Int? = 0
            var high: Int? = 0
            var hedged = false
            for s in chosen {
                value += s.value
                let bounds = s.bounds
                hedged = hedged || bounds.hedged
                low = low.flatMap { sum in bounds.low.map { sum + $0 } }
                high = high.flatMap { sum in bounds.high.map { sum + $0 } }
                result.evidence.append(context.evidence(role.field, from: s.first, to: s.last))
                chosenAnchors.append(s.verb)
                for part in s.parts where !part.perpetrator { chosenAnchors.append(part.number) }
            }
            let figure = Detection.Figure(value: value, low: hedged ? low : nil, high: hedged ? high : nil)
            if role == .killed { result.killed = figure } else { result.wounded = figure }
        }
        result.killedVague = statements.contains { $0.role == .killed && $0.vague && !$0.perpetratorsOnly }
        result.woundedVague = statements.contains { $0.role == .wounded && $0.vague && !$0.perpetratorsOnly }
        var anchors = chosenAnchors
        for s in statements where !s.perpetratorsOnly && !anchors.contains(s.verb) { anchors.append(s.verb) }
        result.anchors = anchors
        return result
    }

    /// The statements that make up the figure for `role`: the main one, then any other named groups added to it.
    static func choose(_ statements: [CasualtyStatement], role: CasualtyRole) -> [CasualtyStatement] {
        var pool = statements.filter { $0.role == role && !$0.vague && !$0.perpetratorsOnly }
        let positive = pool.filter { !$0.zero && $0.value > 0 }
        // "No one was killed" beats figures of earlier attacks ("an attack last year in which five people died").
        if !positive.contains(where: { !$0.historical }), let zero = pool.first(where: { $0.zero && !$0.historical }) {
            return [zero]
        }
        if positive.isEmpty { return [] }
        pool = positive
        func prefer(_ keep: (CasualtyStatement) -> Bool) {
            let kept = pool.filter(keep)
            if !kept.isEmpty { pool = kept }
        }
        prefer { !$0.claim && !$0.unofficial }
        prefer { !$0.stale && !$0.historical }
        if role == .wounded { prefer { !$0.hospital } }
        let body = pool.filter { !$0.inTitle }
        guard !body.isEmpty else { return pool.first.map { [$0] } ?? [] }
        let main: CasualtyStatement
        if let revision = body.last(where: \.revision) {
            main = revision
        } else if let headline = pool.first(where: \.inTitle), let agreeing = body.first(where: { $0.value == headline.value }) {
            main = agreeing
        } else {
            main = body[0]
        }
        var chosen = [main]
        if var groups = main.groups {
            for s in body where s.verb != main.verb && !s.revision {
                guard let other = s.groups, !other.contains(where: { groups.contains($0) }) else { continue }
                chosen.append(s)
                groups += other
            }
        }
        return chosen
    }
}
