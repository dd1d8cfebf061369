import VigilCore

/// A count of attacks over a period, if the article states one.
public struct RoundupFinding: Sendable {
    /// Whether attacks became more or less frequent, judged on monthly rates (periods may differ in length).
    public enum Trend: String, Sendable {
        case rising, falling, steady
    }

    /// Actor and country are filled in later by the actor and place stages.
    public var roundup: Detection.Roundup?
    /// Token indices of the statement (count, attack noun, period, earlier count) and of the headline's attack
    /// noun: the actor and place stages look around them.
    public var anchors: [Int] = []
    public var evidence: [Detection.Evidence] = []
    /// Attacks per month in the period, and in the earlier period.
    public var monthlyRate: Double?
    public var previousMonthlyRate: Double?
    /// Rising when the monthly rate is more than 10% above the earlier one, falling when more than 10% below.
    public var trend: Trend?
}

/// Finds statements like "carried out 119 attacks in the first four months of this year, up from 39".
///
/// A count is a number followed closely by an attack noun ("142 failed, foiled or completed terrorist attacks",
/// "702 Houthi attacks"), or an attack noun that "rose/soared to N"; rates ("78 a month", "an average of 27") are
/// not counts. Its period is the first period expression after it in its clause, else the last one before it in
/// the sentence (see `PeriodReader`). The earlier count follows a comparison cue in the same sentence ("up from",
/// "down from", "compared with", "against", "versus"), with its own period, relative forms resolved against the
/// main one ("the same period in 2021", "the year before"); failing that, it is a count in the next two
/// sentences whose period ends before the main one starts ("From January to May … it recorded 115 attacks").
/// The main statement is the first body count with a period and a comparison, else the first with a period;
/// the headline is read only when the body has none.
enum RoundupExtractor {
    static func extract(_ context: AnalysisContext, numbers: [NumberMention]) -> RoundupFinding {
        guard let published = context.published.map(CivilDate.init) else { return RoundupFinding() }
        let text = FigureText(context, numbers: numbers)
        let reader = PeriodReader(text: text, published: published)
        let counts = findCounts(text)
        guard !counts.isEmpty else { return RoundupFinding() }

        // Every count with a period; relative periods ("the same nine months of 2020") wait for a main one.
        var candidates: [(count: Count, period: PeriodExpression)] = []
        for count in counts where !count.rate {
            if let period = period(of: count, text: text, reader: reader) { candidates.append((count, period)) }
        }
        var statements: [Statement] = []
        for candidate in candidates {
            guard case .absolute(let range) = candidate.period.spec else { continue }
            var statement = Statement(count: candidate.count, period: candidate.period, range: range)
            if let comparison = comparison(after: statement, text: text, reader: reader) {
                statement.previous = comparison.count
                statement.previousPeriod = comparison.period
                statement.previousRange = comparison.period?.spec.resolve(against: range)
            } else {
                // An earlier count in the next sentences: "From January to May … it recorded 115 attacks".
                let sentence = Int(text.tokens[candidate.count.number.first].sentence)
                let inTitle = text.document.inTitle(candidate.count.number.first)
                for other in candidates {
                    let s = Int(text.tokens[other.count.number.first].sentence)
                    guard s > sentence, s <= sentence + 2, text.document.inTitle(other.count.number.first) == inTitle,
                        let otherRange = other.period.spec.resolve(against: range), otherRange.last < range.first
                    else { continue }
                    statement.previous = other.count
                    statement.previousPeriod = other.period
                    statement.previousRange = otherRange
                    break
                }
            }
            statements.append(statement)
        }
        let body = statements.filter { !text.document.inTitle($0.count.number.first) }
        let pool = body.isEmpty ? statements : body
        guard let main = pool.first(where: { $0.previous != nil }) ?? pool.first else { return RoundupFinding() }

        var finding = RoundupFinding()
        var roundup = Detection.Roundup(count: main.count.number.value, period: main.range.text)
        finding.evidence.append(
            context.evidence(
                "roundup.count", from: main.count.number.first, to: main.count.noun ?? main.count.number.last))
        finding.evidence.append(context.evidence("roundup.period", from: main.period.first, to: main.period.last))
        finding.anchors = [main.count.number.first]
        if let noun = main.count.noun { finding.anchors.append(noun) }
        finding.anchors.append(main.period.first)
        let months = Double(main.range.length)
        finding.monthlyRate = Double(main.count.number.value) / months
        if let previous = main.previous {
            roundup.previousCount = previous.number.value
            finding.evidence.append(
                context.evidence(
                    "roundup.previous_count", from: previous.number.first, to: previous.noun ?? previous.number.last))
            finding.anchors.append(previous.number.first)
            if let period = main.previousPeriod, let range = main.previousRange {
                roundup.previousPeriod = range.text
                finding.evidence.append(
                    context.evidence("roundup.previous_period", from: period.first, to: period.last))
                let rate = Double(previous.number.value) / Double(range.length)
                finding.previousMonthlyRate = rate
                if let current = finding.monthlyRate {
                    finding.trend = current > rate * 1.1 ? .rising : current < rate * 0.9 ? .falling : .steady
                }
            }
        }
        // The headline usually names who and where.
        if let titleNoun = text.tokens.indices.first(where: {
            text.document.inTitle($0) && text.has($0, [.attackNoun])
        }) {
            finding.anchors.append(titleNoun)
        }
        finding.roundup = roundup
        return finding
    }

    // MARK: Counts

    /// A number of attacks.
    struct Count {
        var number: NumberMention
        /// The attack noun, when it follows the number.
        var noun: Int?
        /// "78 a month", "an average of 27": a rate, not a count.
        var rate = false
        /// Where its clause starts looking for a period.
        var after: Int
    }

    private struct Statement {
        var count: Count
        var period: PeriodExpression
        var range: MonthRange
        var previous: Count?
        var previousPeriod: PeriodExpression?
        var previousRange: MonthRange?
    }

    private static let movement = FoldedSet(
        [
            "rose", "risen", "soared", "jumped", "climbed", "increased", "reached", "fell", "dropped", "declined",
            "grew", "surged", "hit", "totalled", "totaled", "numbered", "doubled", "tripled", "decreased",
        ].map { TextDocument.hash($0) })
    private static let rateUnits = FoldedSet(
        ["month", "year", "day", "week", "months"].map { TextDocument.hash($0) })
    private static let rateWords = FoldedSet(
        ["a", "per", "each", "every", "an"].map { TextDocument.hash($0) })
    private static let average = TextDocument.hash("average")
    private static let averaged = TextDocument.hash("averaged")

    /// Every count of attacks in document order.
    static func findCounts(_ text: FigureText) -> [Count] {
        var counts: [Count] = []
        for mention in text.mentions where mention.isCount && !mention.vague && mention.value >= 2 {
            guard let noun = attackNoun(after: mention, text) else { continue }
            var count = Count(number: mention, noun: noun, after: noun + 1)
            count.rate = isRate(after: noun, text) || isAverage(before: mention.first, text)
            counts.append(count)
        }
        // "attacks … have soared to 334", "the number of attacks rose to 50"
        for index in text.tokens.indices where text.has(index, [.attackNoun]) {
            var j = index + 1
            var moved = false
            let range = text.sentence(of: index)
            while j < min(range.upperBound, index + 10) {
                if Self.movement.contains(text.tokens[j].folded) { moved = true }
                if text.has(j, [.clauseBreak]) { break }
                if moved, text.isWord(j, Word.to), let mention = text.mention(startingAt: j + 1), mention.isCount,
                    !mention.vague, !counts.contains(where: { $0.number.first == mention.first })
                {
                    var count = Count(number: mention, noun: nil, after: mention.last + 1)
                    count.rate = isRate(after: mention.last, text)
                    counts.append(count)
                    break
                }
                j += 1
            }
        }
        return counts.sorted { $0.number.first < $1.number.first }
    }

    /// The attack noun a few words after a number ("614 terrorist incidents", "142 failed, foiled or completed
    /// terrorist attacks").
    private static func attackNoun(after mention: NumberMention, _ text: FigureText) -> Int? {
        var j = mention.last + 1
        let limit = min(text.count, mention.last + 9)
        while j < limit, text.sameSentence(j, mention.last) {
            let token = text.tokens[j]
            if token.kind == .number { return nil }
            if let word = text.word(j) {
                if word.flags.contains(.attackNoun) { return j }
                if word.has([.auxiliary, .clauseBreak]) { return nil }
                // "30 soldiers and police in attacks": people counted, not attacks.
                if word.has([.victim, .killActive, .killStative, .woundActive, .woundStative]) {
                    return nil
                }
                // "or"/"and" inside the noun phrase: "failed, foiled or completed attacks", "drone and missile attacks".
                if word.flags.contains(.phraseBreak), token.folded != Word.or, token.folded != Word.and { return nil }
            }
            if token.kind == .punctuation, !text.isMark(j, Mark.comma) { return nil }
            j += 1
        }
        return nil
    }

    private static func isRate(after index: Int, _ text: FigureText) -> Bool {
        let j = index + 1
        guard j + 1 < text.count else { return false }
        return Self.rateWords.contains(text.tokens[j].folded) && Self.rateUnits.contains(text.tokens[j + 1].folded)
    }

    private static func isAverage(before index: Int, _ text: FigureText) -> Bool {
        for k in max(0, index - 4)..<index where text.sameSentence(k, index) {
            let folded = text.tokens[k].folded
            if folded == average || folded == averaged { return true }
        }
        return false
    }

    // MARK: Periods and comparisons

    private static let cues: [[UInt64]] = [
        ["up", "from"], ["down", "from"], ["compared", "with"], ["compared", "to"], ["against"], ["versus"], ["vs"],
        ["as", "against"], ["in", "comparison", "with"], ["from"],
    ].map { $0.map { TextDocument.hash($0) } }

    /// The comparison cue starting at `index`: its last token.
    private static func cue(at index: Int, _ text: FigureText) -> Int? {
        for words in cues {
            var match = true
            for (offset, hash) in words.enumerated() where !text.isWord(index + offset, hash) {
                match = false
                break
            }
            if match {
                // Bare "from" compares only after a verb of change: "rose from 39".
                if words.count == 1, words[0] == Word.from,
                    !(index > 0 && Self.movement.contains(text.tokens[index - 1].folded))
                {
                    continue
                }
                return index + words.count - 1
            }
        }
        return nil
    }

    private static func period(of count: Count, text: FigureText, reader: PeriodReader) -> PeriodExpression? {
        let range = text.sentence(of: count.number.first)
        var end = min(range.upperBound, count.after + 22)
        for j in count.after..<end where cue(at: j, text) != nil || text.isMark(j, Mark.semicolon) {
            end = j
            break
        }
        if let found = reader.periods(in: count.after..<end).first { return found }
        return reader.periods(in: range.lowerBound..<count.number.first).last
    }

    private static func comparison(
        after statement: Statement, text: FigureText, reader: PeriodReader
    ) -> (count: Count, period: PeriodExpression?)? {
        let range = text.sentence(of: statement.count.number.first)
        var j = max(statement.count.after, statement.period.last + 1)
        if statement.period.first > statement.count.number.first { j = statement.count.after }
        while j < range.upperBound {
            if let cueEnd = cue(at: j, text) {
                var k = cueEnd + 1
                // "up from about 39"
                while k < range.upperBound, k <= cueEnd + 3, text.mention(startingAt: k) == nil { k += 1 }
                guard let mention = text.mention(startingAt: k), mention.isCount, !mention.vague else {
                    j = cueEnd + 1
                    continue
                }
                let noun = attackNoun(after: mention, text)
                var count = Count(number: mention, noun: noun, after: (noun ?? mention.last) + 1)
                count.rate = isRate(after: noun ?? mention.last, text)
                if count.rate {
                    j = count.after
                    continue
                }
                let end = min(range.upperBound, count.after + 10)
                var periodEnd = end
                for p in count.after..<end where cue(at: p, text) != nil {
                    periodEnd = p
                    break
                }
                let period = reader.periods(in: count.after..<periodEnd).first
                return (count, period)
            }
            j += 1
        }
        return nil
    }
}
