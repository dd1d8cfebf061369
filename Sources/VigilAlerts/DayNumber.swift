/// Calendar arithmetic on plain day numbers (days since 1970-01-01, UTC), so alert records can carry ISO dates
/// without Foundation's `Date` or a time zone.
public enum DayNumber {
    /// The proleptic Gregorian date of `day` as (year, month 1–12, day 1–31).
    public static func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day number of a proleptic Gregorian date; `month` and `day` are not range-checked.
    public static func day(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days in `month` of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        let nextStart = month == 12 ? day(year: year + 1, month: 1, day: 1) : day(year: year, month: month + 1, day: 1)
        return nextStart - day(year: year, month: month, day: 1)
    }

    /// "YYYY-MM-DD".
    /// The last Sunday on or before `day` (day 0, 1970-01-01, was a Thursday).
    public static func weekEnd(onOrBefore day: Int) -> Int {
        day - (((day - 3) % 7) + 7) % 7
    }

    public static func isoDate(_ day: Int) -> String {
        let (y, m, d) = civil(day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// "YYYY-MM-DDT00:00:00Z": the start of `day` in UTC, as ISO 8601.
    public static func isoTimestamp(_ day: Int) -> String { isoDate(day) + "T00:00:00Z" }

    /// The day of an ISO date "YYYY-MM-DD" (anything after the tenth character, such as a time, is ignored);
    /// nil when it is not a valid date.
    public static func parse(isoDate text: String) -> Int? {
        let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        guard text.count >= 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            d >= 1, d <= daysInMonth(year: y, month: m)
        else { return nil }
        return day(year: y, month: m, day: d)
    }

    /// The days covered by a reported period: "2016", "2022-01", "2022-03-14", or a range of two of them joined
    /// by "/" ("2022-01/2022-04" is 1 January through 30 April 2022); nil when unreadable or reversed.
    public static func period(_ text: String) -> ClosedRange<Int>? {
        let ends = text.split(separator: "/", omittingEmptySubsequences: false)
        guard ends.count == 1 || ends.count == 2,
            let first = span(String(ends[0]).trimmingSpaces),
            let last = span(String(ends[ends.count - 1]).trimmingSpaces),
            first.lowerBound <= last.upperBound
        else { return nil }
        return first.lowerBound...last.upperBound
    }

    /// The days of one period endpoint: a year, a month or a day.
    private static func span(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            parts[0].count == 4, let year = Int(parts[0])
        else { return nil }
        switch parts.count {
        case 1:
            return day(year: year, month: 1, day: 1)...day(year: year, month: 12, day: 31)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            let start = day(year: year, month: month, day: 1)
            return start...(start + daysInMonth(year: year, month: month) - 1)
        case 3:
            guard let single = parse(isoDate: text), text.count == 10 else { return nil }
            return single...single
        default:
            return nil
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
