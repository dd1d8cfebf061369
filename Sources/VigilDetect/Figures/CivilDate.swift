import Foundation

/// A calendar day (proleptic Gregorian, UTC), with the arithmetic the date and period rules need.
///
/// Plain integer arithmetic (days since 1970-01-01) instead of `Calendar`: deterministic, allocation-free and fast.
struct CivilDate: Sendable, Equatable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day of an instant.
    init(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        let days = seconds.isFinite ? Int((seconds / 86_400).rounded(.down)) : 0
        self.init(days: max(-1_000_000, min(1_000_000, days)))
    }

    /// The day `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    init(days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (`days_from_civil`).
    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }

    /// The day `count` days later (earlier when negative).
    func adding(days count: Int) -> CivilDate { CivilDate(days: days + count) }

    /// `YYYY-MM-DD`.
    var iso: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Days in a month.
    static func length(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the date exists.
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= length(year: year, month: month)
    }

    /// Easter Sunday of a year (anonymous Gregorian algorithm).
    static func easter(_ year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// An inclusive range of calendar months, written `YYYY-MM/YYYY-MM`.
struct MonthRange: Sendable, Equatable {
    /// Months counted as `year * 12 + (month - 1)`.
    var first: Int
    var last: Int

    init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    init(year: Int, month: Int, toYear: Int, toMonth: Int) {
        first = year * 12 + month - 1
        last = toYear * 12 + toMonth - 1
    }

    /// The whole of one year.
    static func year(_ year: Int) -> MonthRange { MonthRange(year: year, month: 1, toYear: year, toMonth: 12) }

    /// How many months the range covers.
    var length: Int { last - first + 1 }

    /// The range moved by whole years.
    func shifted(years: Int) -> MonthRange { MonthRange(first: first + 12 * years, last: last + 12 * years) }

    /// The same months in another year (the range's first year becomes `year`).
    func inYear(_ year: Int) -> MonthRange { shifted(years: year - first / 12) }

    /// `YYYY-MM/YYYY-MM`.
    var text: String {
        func month(_ index: Int) -> String {
            "\(CivilDate.pad(index / 12, 4))-\(CivilDate.pad(index % 12 + 1, 2))"
        }
        return month(first) + "/" + month(last)
    }
}
