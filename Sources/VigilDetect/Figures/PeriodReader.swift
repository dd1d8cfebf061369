/// A period as the text states it: absolute, or relative to the period it is compared with.
enum PeriodSpec: Sendable, Equatable {
    /// "in 2021", "the first four months of this year", "between January and September".
    case absolute(MonthRange)
    /// "the same period in 2021", "the same nine months of 2020": the compared period's months in that year.
    case sameMonths(year: Int)
    /// "the same period last year", "a year earlier": the compared period moved by whole years.
    case shifted(years: Int)
    /// "the year before", "the previous year": the whole calendar year before the compared period's.
    case yearBefore

    /// The month range, given the period this one is compared with (needed by the relative forms).
    func resolve(against main: MonthRange?) -> MonthRange? {
        switch self {
        case .absolute(let range): return range
        case .sameMonths(let year): return main?.inYear(year)
        case .shifted(let years): return main?.shifted(years: years)
        case .yearBefore: return main.map { MonthRange.year($0.first / 12 - 1) }
        }
    }
}

/// A period expression and its tokens.
struct PeriodExpression: Sendable {
    var spec: PeriodSpec
    var first: Int
    var last: Int
}

/// Reads period expressions ("in 2016", "so far in 2021", "the first four months of this year", "between January
/// and September", "the three months from June to the end of August", "last year", "the same period in 2021",
/// "the year before", "during the year", "the past 12 months", "since January 2016") as inclusive month ranges,
/// resolved against the publication date.
///
/// A year still under way when the article was published ends at the publication month ("so far in 2021",
/// "this year", and "in 2021" in an article of 2021). A month range without a year is the most recent one that
/// ends by the publication month. "During the year" is the year last named before it.
struct PeriodReader {
    let text: FigureText
    let published: CivilDate

    private static let h = TextDocument.hash
    private static let leading = FoldedSet(
        ["in", "during", "over", "for", "throughout", "across", "within"].map { TextDocument.hash($0) })
    private static let so = h("so")
    private static let far = h("far")
    private static let this = h("this")
    private static let whole = h("whole")
    private static let all = h("all")
    private static let month = h("month")
    private static let months = h("months")
    private static let week = h("week")
    private static let weeks = h("weeks")
    private static let half = h("half")
    private static let quarter = h("quarter")
    private static let second = h("second")
    private static let third = h("third")
    private static let fourth = h("fourth")
    private static let final = h("final")
    private static let past = h("past")
    private static let same = h("same")
    private static let period = h("period")
    private static let time = h("time")
    private static let earlier = h("earlier")
    private static let before = h("before")
    private static let ago = h("ago")
    private static let previous = h("previous")
    private static let preceding = h("preceding")
    private static let prior = h("prior")
    private static let until = h("until")
    private static let through = h("through")
    private static let end = h("end")
    private static let start = h("start")
    private static let beginning = h("beginning")
    private static let middle = h("middle")
    /// "mid-October" as one token: its month.
    private static let midMonths: [UInt64: Int] = Dictionary(
        uniqueKeysWithValues: [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ].enumerated().map { (h("mid-" + $0.element), $0.offset + 1) })

    /// The period expression starting at token `index`, if any.
    func parse(at index: Int) -> PeriodExpression? {
        guard index >= 0, index < text.count, text.tokens[index].kind != .punctuation else { return nil }
        var k = index
        var hadPreposition = false
        if Self.leading.contains(text.tokens[k].folded) {
            hadPreposition = true
            k += 1
        }
        // "the whole of", "all of"
        if text.isWord(k, Word.the), text.isWord(k + 1, Self.whole), text.isWord(k + 2, Word.of) { k += 3 }
        if text.isWord(k, Self.all), text.isWord(k + 1, Word.of) { k += 2 }
        guard k < text.count, text.sameSentence(k, index) else { return nil }
        let py = published.year
        let pm = published.month
        func yearToDate(_ year: Int) -> MonthRange {
            year == py
                ? MonthRange(year: year, month: 1, toYear: year, toMonth: pm) : MonthRange.year(year)
        }
        func result(_ spec: PeriodSpec, _ last: Int) -> PeriodExpression {
            PeriodExpression(spec: spec, first: index, last: last)
        }
        let folded = text.tokens[k].folded

        // "so far this year", "so far in 2021"
        if folded == Self.so, text.isWord(k + 1, Self.far) {
            if text.isWord(k + 2, Self.this), text.isWord(k + 3, Word.year) {
                return result(.absolute(yearToDate(py)), k + 3)
            }
            if text.isWord(k + 2, Word.in), let year = DateExpressionReader.yearNumber(text, k + 3) {
                return result(.absolute(yearToDate(year)), k + 3)
            }
            return result(.absolute(yearToDate(py)), k + 1)
        }
        if folded == Self.this, text.isWord(k + 1, Word.year) { return result(.absolute(yearToDate(py)), k + 1) }
        if folded == Self.this, text.isWord(k + 1, Self.month) {
            return result(.absolute(MonthRange(year: py, month: pm, toYear: py, toMonth: pm)), k + 1)
        }
        if folded == Word.last, text.isWord(k + 1, Word.year) { return result(.absolute(.year(py - 1)), k + 1) }
        if folded == Word.last, text.isWord(k + 1, Self.month) {
            let m = py * 12 + pm - 2
            return result(.absolute(MonthRange(first: m, last: m)), k + 1)
        }
        // "a year earlier", "a year before", "a year ago"
        if folded == Word.a, text.isWord(k + 1, Word.year),
            text.isWord(k + 2, Self.earlier) || text.isWord(k + 2, Self.before) || text.isWord(k + 2, Self.ago)
        {
            return result(.shifted(years: -1), k + 2)
        }
        if folded == Word.the {
            // "the year before", "the previous year"
            if text.isWord(k + 1, Word.year), text.isWord(k + 2, Self.before) || text.isWord(k + 2, Self.earlier) {
                return result(.yearBefore, k + 2)
            }
            if text.isWord(k + 1, Self.previous) || text.isWord(k + 1, Self.preceding)
                || text.isWord(k + 1, Self.prior),
                text.isWord(k + 2, Word.year)
            {
                return result(.yearBefore, k + 2)
            }
            // "during the year": the year last named
            if text.isWord(k + 1, Word.year), hadPreposition {
                return result(.absolute(yearToDate(contextYear(before: index) ?? py)), k + 1)
            }
            if let same = sameSpan(k) { return PeriodExpression(spec: same.0, first: index, last: same.1) }
            if let part = partOfYear(k, yearToDate: yearToDate) {
                return PeriodExpression(spec: .absolute(part.0), first: index, last: part.1)
            }
            if let recent = pastSpan(k) {
                return PeriodExpression(spec: .absolute(recent.0), first: index, last: recent.1)
            }
            // "the three months from June to the end of August"
            if let count = text.mention(startingAt: k + 1), text.isWord(count.last + 1, Self.months),
                let range = monthRange(count.last + 2)
            {
                return PeriodExpression(spec: .absolute(range.0), first: index, last: range.1)
            }
        }
        if let range = monthRange(k) { return PeriodExpression(spec: .absolute(range.0), first: index, last: range.1) }
        // "from 2014 to 2018", "between 2014 and 2018"
        if folded == Word.from || folded == Word.between, let year = DateExpressionReader.yearNumber(text, k + 1),
            text.isWord(k + 2, Word.to) || text.isWord(k + 2, Word.and) || text.isMark(k + 2, Mark.hyphen),
            let to = DateExpressionReader.yearNumber(text, k + 3), to >= year
        {
            return result(.absolute(MonthRange(year: year, month: 1, toYear: to, toMonth: 12)), k + 3)
        }
        // "since 2016", "since January 2016", "since the start of the year"
        if folded == Word.since {
            if let year = DateExpressionReader.yearNumber(text, k + 1) {
                return result(.absolute(MonthRange(year: year, month: 1, toYear: py, toMonth: pm)), k + 1)
            }
            if let m = DateExpressionReader.monthWord(text, k + 1) {
                var year = m <= pm ? py : py - 1
                var last = k + 1
                if let y = DateExpressionReader.yearNumber(text, k + 2) {
                    year = y
                    last = k + 2
                }
                return result(.absolute(MonthRange(year: year, month: m, toYear: py, toMonth: pm)), last)
            }
            if text.isWord(k + 1, Word.the), text.isWord(k + 2, Self.start) || text.isWord(k + 2, Self.beginning),
                text.isWord(k + 3, Word.of), text.isWord(k + 4, Word.the), text.isWord(k + 5, Word.year)
            {
                return result(.absolute(yearToDate(py)), k + 5)
            }
            // "since mid-October", "since the middle (start, end) of October [2023]"
            var monthAt: Int?
            var month: Int?
            if k + 1 < text.tokens.count, let m = Self.midMonths[text.tokens[k + 1].folded] {
                (monthAt, month) = (k + 1, m)
            } else if text.isWord(k + 1, Word.the),
                [Self.start, Self.beginning, Self.middle, Self.end].contains(where: { text.isWord(k + 2, $0) }),
                text.isWord(k + 3, Word.of), let m = DateExpressionReader.monthWord(text, k + 4)
            {
                (monthAt, month) = (k + 4, m)
            }
            if let monthAt, let month {
                var year = month <= pm ? py : py - 1
                var last = monthAt
                if let y = DateExpressionReader.yearNumber(text, monthAt + 1) {
                    year = y
                    last = monthAt + 1
                }
                return result(.absolute(MonthRange(year: year, month: month, toYear: py, toMonth: pm)), last)
            }
            return nil
        }
        // "in 2016", "in 2014-2018", "in August 2021", "in August"
        if let year = DateExpressionReader.yearNumber(text, k), hadPreposition {
            if text.isMark(k + 1, Mark.hyphen) || text.isWord(k + 1, Word.to) || text.isWord(k + 1, Word.and),
                let to = DateExpressionReader.yearNumber(text, k + 2), to >= year
            {
                return result(.absolute(MonthRange(year: year, month: 1, toYear: to, toMonth: 12)), k + 2)
            }
            return result(.absolute(yearToDate(year)), k)
        }
        if let m = DateExpressionReader.monthWord(text, k), DateExpressionReader.dayNumber(text, k + 1) == nil {
            if let year = DateExpressionReader.yearNumber(text, k + 1) {
                return result(.absolute(MonthRange(year: year, month: m, toYear: year, toMonth: m)), k + 1)
            }
            guard hadPreposition else { return nil }
            let year = m <= pm ? py : py - 1
            return result(.absolute(MonthRange(year: year, month: m, toYear: year, toMonth: m)), k)
        }
        return nil
    }

    /// Every period expression in a token range, left to right, not overlapping.
    func periods(in range: Range<Int>) -> [PeriodExpression] {
        var found: [PeriodExpression] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let expression = parse(at: i), expression.last < range.upperBound {
                found.append(expression)
                i = expression.last + 1
            } else {
                i += 1
            }
        }
        return found
    }

    // MARK: Forms

    /// "the same period in 2021", "the same nine months of 2020", "the same period last year", "the same period a
    /// year earlier", "the same period".
    private func sameSpan(_ k: Int) -> (PeriodSpec, Int)? {
        guard text.isWord(k + 1, Self.same) else { return nil }
        var j = k + 2
        if let count = text.mention(startingAt: j) { j = count.last + 1 }
        guard
            text.isWord(j, Self.period) || text.isWord(j, Self.months) || text.isWord(j, Self.time)
                || text.isWord(j, Self.month) || text.isWord(j, Self.weeks)
        else { return nil }
        if text.isWord(j + 1, Word.in) || text.isWord(j + 1, Word.of) {
            if let year = DateExpressionReader.yearNumber(text, j + 2) { return (.sameMonths(year: year), j + 2) }
            if text.isWord(j + 2, Word.last), text.isWord(j + 3, Word.year) { return (.shifted(years: -1), j + 3) }
            if text.isWord(j + 2, Word.the), text.isWord(j + 3, Self.previous) || text.isWord(j + 3, Self.preceding),
                text.isWord(j + 4, Word.year)
            {
                return (.shifted(years: -1), j + 4)
            }
        }
        if text.isWord(j + 1, Word.last), text.isWord(j + 2, Word.year) { return (.shifted(years: -1), j + 2) }
        if text.isWord(j + 1, Word.a), text.isWord(j + 2, Word.year),
            text.isWord(j + 3, Self.earlier) || text.isWord(j + 3, Self.before) || text.isWord(j + 3, Self.ago)
        {
            return (.shifted(years: -1), j + 3)
        }
        return (.shifted(years: -1), j)
    }

    /// "the first four months of this year", "the first half of 2021", "the third quarter", "the last six months of
    /// 2020", "the first nine months".
    private func partOfYear(_ k: Int, yearToDate: (Int) -> MonthRange) -> (MonthRange, Int)? {
        let position = k + 1
        guard position < text.count else { return nil }
        let which = text.tokens[position].folded
        let fromStart = which == Word.first
        let fromEnd = which == Word.last || which == Self.final
        let ordinal: Int? =
            which == Word.first
            ? 1 : which == Self.second ? 2 : which == Self.third ? 3 : which == Self.fourth ? 4 : nil
        var months: (Int, Int)?
        var j = position + 1
        if let count = text.mention(startingAt: j), count.isCount, !count.vague, count.value >= 1, count.value <= 12,
            text.isWord(count.last + 1, Self.months), fromStart || fromEnd
        {
            months = fromStart ? (1, count.value) : (13 - count.value, 12)
            j = count.last + 1
        } else if text.isWord(j, Self.half), let ordinal = fromEnd ? 2 : ordinal, ordinal <= 2 {
            months = ordinal == 1 ? (1, 6) : (7, 12)
        } else if text.isWord(j, Self.quarter), let ordinal = fromEnd ? 4 : ordinal {
            months = (3 * ordinal - 2, 3 * ordinal)
        } else if text.isWord(j, Self.month) && fromStart {
            months = (1, 1)
        }
        guard let (from, to) = months else { return nil }
        var year = published.year
        var last = j
        if text.isWord(j + 1, Word.of) || text.isWord(j + 1, Word.in) {
            if let y = DateExpressionReader.yearNumber(text, j + 2) {
                year = y
                last = j + 2
            } else if text.isWord(j + 2, Self.this), text.isWord(j + 3, Word.year) {
                last = j + 3
            } else if text.isWord(j + 2, Word.last), text.isWord(j + 3, Word.year) {
                year = published.year - 1
                last = j + 3
            } else if text.isWord(j + 2, Word.the), text.isWord(j + 3, Word.year) {
                year = contextYear(before: k) ?? published.year
                last = j + 3
            }
        }
        return (MonthRange(year: year, month: from, toYear: year, toMonth: to), last)
    }

    /// "the past 12 months", "the last two years", "the past year": up to the publication month.
    private func pastSpan(_ k: Int) -> (MonthRange, Int)? {
        guard text.isWord(k + 1, Self.past) || text.isWord(k + 1, Word.last) else { return nil }
        let end = published.year * 12 + published.month - 1
        if text.isWord(k + 2, Word.year) { return (MonthRange(first: end - 11, last: end), k + 2) }
        guard let count = text.mention(startingAt: k + 2), count.isCount, !count.vague, count.value >= 1,
            count.value <= 240
        else { return nil }
        if text.isWord(count.last + 1, Self.months) {
            return (MonthRange(first: end - count.value + 1, last: end), count.last + 1)
        }
        if text.isWord(count.last + 1, Word.years) {
            return (MonthRange(first: end - 12 * count.value + 1, last: end), count.last + 1)
        }
        return nil
    }

    /// "between January and September", "from June to the end of August", "from January 2020 to March 2021",
    /// "January to May".
    private func monthRange(_ k: Int) -> (MonthRange, Int)? {
        var j = k
        let opener = text.isWord(j, Word.between) || text.isWord(j, Word.from)
        if opener { j += 1 }
        if text.isWord(j, Word.the), text.isWord(j + 1, Self.start) || text.isWord(j + 1, Self.beginning),
            text.isWord(j + 2, Word.of)
        {
            j += 3
        }
        guard let m1 = DateExpressionReader.monthWord(text, j) else { return nil }
        var y1: Int?
        j += 1
        if let y = DateExpressionReader.yearNumber(text, j) {
            y1 = y
            j += 1
        }
        guard
            text.isWord(j, Word.to) || text.isWord(j, Word.and) || text.isWord(j, Self.until)
                || text.isWord(j, Self.through) || text.isMark(j, Mark.hyphen)
        else { return nil }
        if !opener, !(text.isWord(j, Word.to) || text.isMark(j, Mark.hyphen)) { return nil }
        j += 1
        // "to the end of August"
        if text.isWord(j, Word.the), text.isWord(j + 1, Self.end), text.isWord(j + 2, Word.of) { j += 3 }
        guard let m2 = DateExpressionReader.monthWord(text, j) else { return nil }
        var last = j
        var y2: Int?
        if let y = DateExpressionReader.yearNumber(text, j + 1) {
            y2 = y
            last = j + 1
        }
        let endYear =
            y2 ?? y1.map { m2 >= m1 ? $0 : $0 + 1 } ?? (m2 <= published.month ? published.year : published.year - 1)
        let startYear = y1 ?? (m1 <= m2 ? endYear : endYear - 1)
        let range = MonthRange(year: startYear, month: m1, toYear: endYear, toMonth: m2)
        guard range.length >= 1 else { return nil }
        return (range, last)
    }

    /// The year last named before token `index` ("in 2021" … "during the year").
    private func contextYear(before index: Int) -> Int? {
        var k = min(index, text.count) - 1
        while k >= 0 {
            if let year = DateExpressionReader.yearNumber(text, k), year <= published.year { return year }
            k -= 1
        }
        return nil
    }
}
