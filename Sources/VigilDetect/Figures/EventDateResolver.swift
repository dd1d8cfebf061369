import VigilCore

/// The date an incident happened.
public struct EventDate: Sendable {
    /// Where the date came from.
    public enum Basis: String, Sendable {
        /// A date expression in the text ("late on Saturday", "on October 14", "yesterday").
        case text
        /// The text gives no date: the publication day is assumed (wire reports are same-day news).
        case publication
    }

    /// `YYYY-MM-DD`.
    public var date: String?
    public var evidence: [Detection.Evidence] = []
    public var basis: Basis?
}

/// Resolves "on Monday", "late on Friday", "on March 3", "yesterday" against the publication time.
///
/// Expressions read: weekdays ("on Monday", "late on Friday", "overnight on Saturday", "Thursday's attack",
/// "Sunday Mass", "last Friday"), explicit dates ("March 3", "3 March 2021", "October 14, 2017", "March 3rd",
/// "on the 15th"), "yesterday", "today", "this morning", "last night", "overnight", "N days ago", "earlier this
/// week", "last week", "last weekend", Easter Sunday and Christmas Day. A weekday is the most recent such day on
/// or before publication ("last Friday": strictly before); a date without a year is the most recent such date on
/// or before publication. Week-level expressions resolve to the first day of the week (Monday), "last weekend" to
/// its Saturday, and rank below day-level ones. Future references ("next Monday", "will meet on Monday", a
/// yearless date in the coming two months) are ignored.
///
/// Choice: the expression closest to an anchor (same sentence first, then the nearest sentence); dates of saying
/// ("police said on Sunday", "on Friday raised the toll") rank last, since reports follow events. With no anchors,
/// the lead (first body sentence) is the anchor. With no date expression at all, the publication day is used
/// (`basis == .publication`, no evidence): the article is read as same-day news.
enum EventDateResolver {
    static func resolve(_ context: AnalysisContext, anchors: [Int]) -> EventDate {
        guard let published = context.published.map(CivilDate.init) else { return EventDate() }
        let text = FigureText(context, numbers: [])
        let expressions = DateExpressionReader.read(text, published: published)
        var anchors = anchors.filter { $0 >= 0 && $0 < text.count }
        if anchors.isEmpty, let lead = text.tokens.indices.first(where: { !text.document.inTitle($0) }) {
            anchors = [lead]
        }
        var best: (score: Int, expression: DateExpression)?
        for expression in expressions where expression.date <= published {
            var distance = Int.max
            for anchor in anchors {
                let sentenceGap = abs(Int(text.tokens[anchor].sentence) - Int(text.tokens[expression.first].sentence))
                let d =
                    sentenceGap == 0
                    ? min(abs(anchor - expression.first), abs(anchor - expression.last))
                    : 1000 + 100 * sentenceGap
                distance = min(distance, d)
            }
            let score = distance + (expression.reporting ? 2000 : 0) + (expression.weak ? 500 : 0)
            if score < best?.score ?? Int.max { best = (score, expression) }
        }
        guard let chosen = best?.expression else {
            if expressions.isEmpty, text.count > 0 {
                return EventDate(date: published.iso, evidence: [], basis: .publication)
            }
            return EventDate()
        }
        return EventDate(
            date: chosen.date.iso, evidence: [context.evidence("event_date", from: chosen.first, to: chosen.last)],
            basis: .text)
    }
}

/// A date expression resolved to a day.
struct DateExpression: Sendable {
    var date: CivilDate
    var first: Int
    var last: Int
    /// Attached to a verb of saying: when something was said, not when it happened.
    var reporting = false
    /// Less precise ("overnight", "earlier this week").
    var weak = false
}

/// Finds date expressions in one pass over the tokens.
enum DateExpressionReader {
    private static let yesterday = TextDocument.hash("yesterday")
    private static let today = TextDocument.hash("today")
    private static let tonight = TextDocument.hash("tonight")
    private static let this = TextDocument.hash("this")
    private static let morning = TextDocument.hash("morning")
    private static let afternoon = TextDocument.hash("afternoon")
    private static let evening = TextDocument.hash("evening")
    private static let night = TextDocument.hash("night")
    private static let overnight = TextDocument.hash("overnight")
    private static let week = TextDocument.hash("week")
    private static let weekend = TextDocument.hash("weekend")
    private static let next = TextDocument.hash("next")
    private static let coming = TextDocument.hash("coming")
    private static let ago = TextDocument.hash("ago")
    private static let days = TextDocument.hash("days")
    private static let day = TextDocument.hash("day")
    private static let easter = TextDocument.hash("easter")
    private static let christmas = TextDocument.hash("christmas")
    private static let eve = TextDocument.hash("eve")
    private static let late = TextDocument.hash("late")
    private static let early = TextDocument.hash("early")
    private static let until = TextDocument.hash("until")
    private static let till = TextDocument.hash("till")
    private static let by = TextDocument.hash("by")
    private static let s = TextDocument.hash("s")
    private static let futureCues = FoldedSet(
        ["will", "would", "next", "due", "plans", "planned", "scheduled", "expected", "shall", "until", "deadline"].map {
            TextDocument.hash($0)
        })
    private static let weekdayTail = FoldedSet(
        ["morning", "afternoon", "evening", "night"].map { TextDocument.hash($0) })

    static func read(_ text: FigureText, published: CivilDate) -> [DateExpression] {
        var found: [DateExpression] = []
        let tokens = text.tokens
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let token = tokens[i]
            if token.kind == .number {
                // "3 March 2021"
                if let month = monthWord(text, i + 1), let day = dayNumber(text, i) {
                    var last = i + 1
                    var year: Int?
                    if let y = yearNumber(text, i + 2) {
                        year = y
                        last = i + 2
                    }
                    if let date = resolve(month: month, day: day, year: year, published: published) {
                        found.append(make(text, date, first: i, last: last))
                    }
                    i = last
                }
                continue
            }
            guard token.kind == .word else { continue }
            let folded = token.folded
            if let word = text.word(i) {
                if word.flags.contains(.weekday) {
                    if let expression = weekday(text, i, Int(word.value), published: published) {
                        found.append(expression)
                    }
                    continue
                }
                if word.flags.contains(.month), let month = monthWord(text, i) {
                    // "March 3", "March 3, 2021", "March 3rd"
                    if let day = dayNumber(text, i + 1) {
                        var last = i + 1
                        var year: Int?
                        if let y = yearNumber(text, i + 2) {
                            year = y
                            last = i + 2
                        } else if text.isMark(i + 2, Mark.comma), let y = yearNumber(text, i + 3) {
                            year = y
                            last = i + 3
                        }
                        if let date = resolve(month: month, day: day, year: year, published: published),
                            year != nil || !isComingSoon(date, published)
                        {
                            found.append(make(text, date, first: i, last: last))
                        }
                        i = last
                    }
                    continue
                }
            }
            switch folded {
            case yesterday:
                found.append(make(text, published.adding(days: -1), first: i, last: i))
            case today, tonight:
                found.append(make(text, published, first: i, last: i))
            case this:
                if text.isWord(i + 1, morning) || text.isWord(i + 1, afternoon) || text.isWord(i + 1, evening) {
                    found.append(make(text, published, first: i, last: i + 1))
                } else if text.isWord(i + 1, week), !text.isWord(i - 1, Word.last) {
                    var e = make(text, monday(of: published), first: i, last: i + 1)
                    e.weak = true
                    found.append(e)
                }
            case Word.last:
                if text.isWord(i + 1, night) {
                    found.append(make(text, published.adding(days: -1), first: i, last: i + 1))
                } else if text.isWord(i + 1, week) {
                    var e = make(text, monday(of: published).adding(days: -7), first: i, last: i + 1)
                    e.weak = true
                    found.append(e)
                } else if text.isWord(i + 1, weekend) {
                    var back = (published.weekday - 6 + 7) % 7
                    if back == 0 { back = 7 }
                    if published.weekday == 0 { back += 7 }
                    var e = make(text, published.adding(days: -back), first: i, last: i + 1)
                    e.weak = true
                    found.append(e)
                }
            case overnight:
                // "overnight on Saturday" is read at the weekday.
                if !(text.isWord(i + 1, Word.on) && text.has(i + 2, [.weekday])) {
                    var e = make(text, published.adding(days: -1), first: i, last: i)
                    e.weak = true
                    found.append(e)
                }
            case ago:
                if text.isWord(i - 1, days) || text.isWord(i - 1, day),
                    let mention = NumberReader.read(text.document, at: i - 2), mention.isCount
                {
                    found.append(make(text, published.adding(days: -mention.value), first: mention.first, last: i))
                }
            case easter:
                let last = text.has(i + 1, [.weekday]) ? i + 1 : i
                var date = CivilDate.easter(published.year)
                if date > published { date = CivilDate.easter(published.year - 1) }
                found.append(make(text, date, first: i, last: last))
                i = last
            case christmas:
                let isEve = text.isWord(i + 1, eve)
                guard text.isWord(i + 1, day) || isEve else { break }
                if let date = resolve(month: 12, day: isEve ? 24 : 25, year: nil, published: published) {
                    found.append(make(text, date, first: i, last: i + 1))
                }
            default:
                // "on the 15th"
                if text.isWord(i - 1, Word.the), text.isWord(i - 2, Word.on), let day = ordinalDay(text, i) {
                    var date = CivilDate(year: published.year, month: published.month, day: day)
                    if day > published.day || !CivilDate.isValid(year: date.year, month: date.month, day: day) {
                        let previous = published.month == 1 ? (published.year - 1, 12) : (published.year, published.month - 1)
                        date = CivilDate(year: previous.0, month: previous.1, day: day)
                    }
                    if CivilDate.isValid(year: date.year, month: date.month, day: day) {
                        found.append(make(text, date, first: i - 2, last: i))
                    }
                }
            }
        }
        return found.filter { !isFuture(text, $0.first) }
    }

    private static func weekday(_ text: FigureText, _ i: Int, _ day: Int, published: CivilDate) -> DateExpression? {
        if text.isWord(i - 1, next) || text.isWord(i - 1, coming) { return nil }
        if text.isWord(i - 1, Word.since) || text.isWord(i - 1, until) || text.isWord(i - 1, till) { return nil }
        if text.isWord(i - 1, Word.by) { return nil }
        var back = (published.weekday - day + 7) % 7
        var first = i
        if text.isWord(i - 1, Word.last) {
            if back == 0 { back = 7 }
            first = i - 1
        } else if text.isWord(i - 1, easter) {
            var date = CivilDate.easter(published.year)
            if date > published { date = CivilDate.easter(published.year - 1) }
            return make(text, date, first: i - 1, last: i)
        } else if text.isWord(i - 1, Word.on) {
            first = i - 1
            if text.isWord(i - 2, late) || text.isWord(i - 2, early) || text.isWord(i - 2, overnight) { first = i - 2 }
        }
        var last = i
        if text.isMark(i + 1, Mark.apostrophe), text.isWord(i + 2, s) {
            last = i + 2
        } else if i + 1 < text.count, weekdayTail.contains(text.tokens[i + 1].folded) {
            last = i + 1
        }
        return make(text, published.adding(days: -back), first: first, last: last)
    }

    private static func make(_ text: FigureText, _ date: CivilDate, first: Int, last: Int) -> DateExpression {
        var expression = DateExpression(date: date, first: first, last: last)
        expression.reporting = isReporting(text, first: first, last: last)
        return expression
    }

    /// "said on Sunday", "told reporters on Friday", "on Friday raised", "on Thursday claimed", and the date of a
    /// count ("the toll rose to 290 on Monday"). A possessive ("claimed Thursday's attack") names the event.
    private static func isReporting(_ text: FigureText, first: Int, last: Int) -> Bool {
        if text.isWord(last, s), text.isMark(last - 1, Mark.apostrophe) { return false }
        var k = first - 1
        var sawNumber = false
        while k >= max(0, first - 3), text.sameSentence(k, first), text.tokens[k].kind != .punctuation {
            if text.tokens[k].kind == .number { sawNumber = true }
            if text.has(k, [.reporting]) || (sawNumber && text.has(k, [.revision])) { return true }
            k -= 1
        }
        if text.sameSentence(last + 1, last), text.has(last + 1, [.reporting]) { return true }
        return false
    }

    private static func isFuture(_ text: FigureText, _ first: Int) -> Bool {
        var k = first - 1
        while k >= max(0, first - 4), text.sameSentence(k, first) {
            if futureCues.contains(text.tokens[k].folded) { return true }
            k -= 1
        }
        return false
    }

    /// A yearless date within two months after publication reads as a future date ("the August 31 deadline").
    private static func isComingSoon(_ date: CivilDate, _ published: CivilDate) -> Bool {
        let next = CivilDate(year: published.year, month: date.month, day: date.day)
        return next > published && next.days - published.days <= 62
    }

    private static func monday(of date: CivilDate) -> CivilDate {
        date.adding(days: -((date.weekday + 6) % 7))
    }

    /// The most recent such day on or before publication when no year is given.
    static func resolve(month: Int, day: Int, year: Int?, published: CivilDate) -> CivilDate? {
        if let year {
            return CivilDate.isValid(year: year, month: month, day: day)
                ? CivilDate(year: year, month: month, day: day) : nil
        }
        var candidate = CivilDate(year: published.year, month: month, day: day)
        if candidate > published { candidate.year -= 1 }
        return CivilDate.isValid(year: candidate.year, month: month, day: day) ? candidate : nil
    }

    /// A capitalised month name ("May" only where it reads as a month).
    static func monthWord(_ text: FigureText, _ index: Int) -> Int? {
        guard let word = text.word(index), word.flags.contains(.month), text.tokens[index].capitalized else {
            return nil
        }
        if text.tokens[index].folded == TextDocument.hash("may") {
            let before = index > 0 ? text.tokens[index - 1].folded : 0
            let ok =
                text.tokens.indices.contains(index + 1) && text.tokens[index + 1].kind == .number
                || [Word.in, Word.of, Word.from, Word.to, Word.since, Word.between, Word.and, late, early, until]
                    .contains(before)
                || (index > 0 && text.tokens[index - 1].kind == .number)
            if !ok { return nil }
        }
        return Int(word.value)
    }

    /// A day of the month written in digits ("3", "3rd", "14th").
    static func dayNumber(_ text: FigureText, _ index: Int) -> Int? {
        guard index >= 0, index < text.count else { return nil }
        let token = text.tokens[index]
        if token.kind == .number {
            guard token.end - token.start <= 2, let value = digitsValue(text, index), value >= 1, value <= 31 else {
                return nil
            }
            // "3 March" vs "in 2021, 3 March…": a following ":" is a clock time.
            if text.isMark(index + 1, Mark.colon) { return nil }
            return value
        }
        return ordinalDay(text, index)
    }

    /// "15th", "3rd", "1st", "22nd".
    static func ordinalDay(_ text: FigureText, _ index: Int) -> Int? {
        guard index >= 0, index < text.count, text.tokens[index].kind == .word else { return nil }
        let token = text.tokens[index]
        let bytes = text.document.bytes[Int(token.start)..<Int(token.end)]
        guard bytes.count >= 3, bytes.count <= 4 else { return nil }
        var value = 0
        var digits = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits >= 1, digits <= 2, bytes.count - digits == 2, value >= 1, value <= 31 else { return nil }
        let suffix = Array(bytes.suffix(2)).map { $0 | 0x20 }
        let ok = [[0x73, 0x74], [0x6E, 0x64], [0x72, 0x64], [0x74, 0x68]].contains(suffix)  // st nd rd th
        return ok ? value : nil
    }

    /// A four-digit year.
    static func yearNumber(_ text: FigureText, _ index: Int) -> Int? {
        guard index >= 0, index < text.count, text.tokens[index].kind == .number,
            text.tokens[index].end - text.tokens[index].start == 4, let value = digitsValue(text, index),
            value >= 1900, value <= 2099
        else { return nil }
        return value
    }

    /// The value of a plain digit token.
    static func digitsValue(_ text: FigureText, _ index: Int) -> Int? {
        let token = text.tokens[index]
        var value = 0
        for byte in text.document.bytes[Int(token.start)..<Int(token.end)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < 100_000_000 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
