import Foundation

/// Dates as feeds write them: RFC 822/1123 and its common broken variants, RFC 3339 / ISO 8601 / W3C-DTF,
/// and the three HTTP date forms. Pure and allocation-light: a hand-written scanner, no `DateFormatter`.
public enum FeedDate {
    /// The instant a feed's date string names, or nil when the string is not a date this parser can read
    /// without guessing. A date without a zone is taken as UTC; a date without a time as midnight.
    public static func parse(_ string: String) -> Date? {
        var bytes = Array(string.utf8)
        // Trim ASCII whitespace and NBSP-free control characters at both ends.
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        var start = 0
        while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
        guard start < bytes.count else { return nil }
        if start > 0 { bytes.removeFirst(start) }

        let seconds: Int64?
        if bytes.count >= 4, bytes[0..<4].allSatisfy(isDigit) {
            seconds = parseISO(bytes)
        } else {
            seconds = parseRFC822(bytes)
        }
        guard let seconds else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The date as RFC 3339 in UTC with whole seconds, e.g. `2004-01-02T03:04:05Z`.
    public static func rfc3339(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = Int(rest / 3600)
        let minute = Int(rest % 3600 / 60)
        let second = Int(rest % 60)
        return pad(Int(year), 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":"
            + pad(minute, 2) + ":" + pad(second, 2) + "Z"
    }

    // MARK: - ISO 8601 / RFC 3339 / W3C-DTF

    /// `YYYY[-MM[-DD]]` or `YYYYMMDD`, then optionally `T`/space, `hh:mm[:ss[.frac]]` or `hhmmss`, and a zone.
    private static func parseISO(_ b: [UInt8]) -> Int64? {
        var i = 0
        guard let year = number(b, &i, digits: 4) else { return nil }
        var month = 1
        var day = 1
        if i < b.count, b[i] == UInt8(ascii: "-") {
            i += 1
            guard let m = number(b, &i, digits: 2) else { return nil }
            month = m
            if i < b.count, b[i] == UInt8(ascii: "-") {
                i += 1
                guard let d = number(b, &i, digits: 2) else { return nil }
                day = d
            }
        } else if i + 4 <= b.count, b[i..<i + 4].allSatisfy(isDigit) {
            guard let m = number(b, &i, digits: 2), let d = number(b, &i, digits: 2) else { return nil }
            month = m
            day = d
        }
        guard let days = daysFromCivil(year: year, month: month, day: day) else { return nil }
        var seconds = Int64(days) * 86_400
        if i == b.count { return seconds }

        // Time separator: `T`, `t` or one or more spaces.
        if b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") {
            i += 1
        } else if b[i] == 0x20 {
            while i < b.count, b[i] == 0x20 { i += 1 }
        } else {
            return nil
        }
        guard let time = parseTime(b, &i, allowCompact: true) else { return nil }
        seconds += Int64(time)
        while i < b.count, b[i] == 0x20 { i += 1 }
        if i == b.count { return seconds }
        guard let offset = parseZone(b, &i) else { return nil }
        while i < b.count, b[i] == 0x20 { i += 1 }
        // Anything after the zone must be a parenthesised comment, e.g. "(CET)".
        guard i == b.count || b[i] == UInt8(ascii: "(") else { return nil }
        return seconds - Int64(offset)
    }

    // MARK: - RFC 822 / 1123 / 850, asctime and their broken variants

    private enum Token {
        case word(String)
        case number(Int, digits: Int)
        case time(Int)
        case offset(Int)
    }

    private static func parseRFC822(_ b: [UInt8]) -> Int64? {
        var tokens: [Token] = []
        var i = 0
        var sawTime = false
        scan: while i < b.count {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "."):
                i += 1
            case UInt8(ascii: "("):
                break scan
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if sawTime, i + 1 < b.count, isDigit(b[i + 1]) {
                    guard let offset = parseZone(b, &i) else { return nil }
                    tokens.append(.offset(offset))
                } else if c == UInt8(ascii: "-") {
                    i += 1
                } else {
                    return nil
                }
            case _ where isDigit(c):
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                if i < b.count, b[i] == UInt8(ascii: ":") {
                    i = start
                    guard let time = parseTime(b, &i, allowCompact: false) else { return nil }
                    tokens.append(.time(time))
                    sawTime = true
                } else {
                    guard i - start <= 4, let value = Int(decimal: b[start..<i]) else { return nil }
                    tokens.append(.number(value, digits: i - start))
                }
            case _ where isLetter(c):
                let start = i
                while i < b.count, isLetter(b[i]) { i += 1 }
                tokens.append(.word(String(decoding: b[start..<i], as: UTF8.self).lowercased()))
            default:
                break scan
            }
        }

        var month: Int?
        var numbers: [(value: Int, digits: Int)] = []
        var time: Int?
        var offset: Int?
        var pm: Bool?
        var dateComplete: Bool { month != nil && numbers.count >= 2 }
        tokenLoop: for (index, token) in tokens.enumerated() {
            switch token {
            case .word(let word):
                if let m = monthNumber(word), month == nil {
                    month = m
                } else if weekdays.contains(word), month == nil, numbers.isEmpty {
                    continue
                } else if word == "am" || word == "pm", time != nil {
                    pm = word == "pm"
                } else if time != nil || dateComplete, offset == nil, let zone = zoneOffset(word) {
                    offset = zone
                    // "GMT+2", "UTC-05:00": an offset relative to the named zone.
                    if index + 1 < tokens.count, case .offset(let extra) = tokens[index + 1] {
                        offset = zone + extra
                    }
                } else if dateComplete {
                    break tokenLoop  // trailing garbage after a complete date
                } else {
                    return nil
                }
            case .number(let value, let digits):
                guard numbers.count < 2 else { break tokenLoop }
                numbers.append((value, digits))
            case .time(let seconds):
                guard time == nil else { break tokenLoop }
                time = seconds
            case .offset(let value):
                if offset == nil {
                    offset = value
                } else if index > 0, case .word = tokens[index - 1] {
                    continue  // already applied to the named zone
                } else {
                    break tokenLoop
                }
            }
        }
        guard let month, numbers.count == 2 else { return nil }
        // Day and year: the 4-digit one (or the one after the time, as in asctime) is the year.
        var day = numbers[0]
        var year = numbers[1]
        if day.digits >= 3 && year.digits <= 2 { swap(&day, &year) }
        guard day.digits <= 2 else { return nil }
        var fullYear = year.value
        switch year.digits {
        case 1, 2: fullYear += fullYear < 50 ? 2000 : 1900
        case 3: fullYear += 1900
        default: break
        }
        guard let days = daysFromCivil(year: fullYear, month: month, day: day.value) else { return nil }
        var seconds = Int64(days) * 86_400
        if var time {
            if let pm {
                let hour = time / 3600
                guard hour >= 1, hour <= 12 else { return nil }
                if pm && hour < 12 { time += 12 * 3600 }
                if !pm && hour == 12 { time -= 12 * 3600 }
            }
            seconds += Int64(time)
        }
        return seconds - Int64(offset ?? 0)
    }

    // MARK: - Pieces

    /// `hh:mm[:ss[.frac]]`, or `hhmm[ss]` when compact forms are allowed; returns seconds into the day.
    private static func parseTime(_ b: [UInt8], _ i: inout Int, allowCompact: Bool) -> Int? {
        guard let hour = number(b, &i, digits: 2, allowShort: !allowCompact) else { return nil }
        var minute = 0
        var second = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let m = number(b, &i, digits: 2) else { return nil }
            minute = m
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(b, &i, digits: 2) else { return nil }
                second = s
            }
        } else if allowCompact, let m = number(b, &i, digits: 2) {
            minute = m
            if let s = number(b, &i, digits: 2) { second = s }
        } else {
            return nil
        }
        // Fractional seconds are dropped: Vigil keeps whole seconds.
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            guard i + 1 < b.count, isDigit(b[i + 1]) else { return nil }
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        guard minute < 60, second <= 60 else { return nil }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0) else { return nil }
        return hour * 3600 + minute * 60 + min(second, 59)
    }

    /// `Z`, `±hh[:mm]`, `±hhmm`, `±h`, or a named zone; returns the offset east of UTC in seconds.
    private static func parseZone(_ b: [UInt8], _ i: inout Int) -> Int? {
        guard i < b.count else { return nil }
        let c = b[i]
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            let sign = c == UInt8(ascii: "-") ? -1 : 1
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            let run = i - start
            var hours = 0
            var minutes = 0
            switch run {
            case 1, 2:
                guard let h = Int(decimal: b[start..<i]) else { return nil }
                hours = h
                if i < b.count, b[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let m = number(b, &i, digits: 2) else { return nil }
                    minutes = m
                }
            case 3, 4:
                guard let value = Int(decimal: b[start..<i]) else { return nil }
                hours = value / 100
                minutes = value % 100
            default:
                return nil
            }
            guard hours <= 18, minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
        guard isLetter(c) else { return nil }
        let start = i
        while i < b.count, isLetter(b[i]) { i += 1 }
        let word = String(decoding: b[start..<i], as: UTF8.self).lowercased()
        guard var offset = zoneOffset(word) else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let extra = parseZone(b, &i) else { return nil }
            offset += extra
        }
        return offset
    }

    /// Reads exactly `digits` digits (or 1...digits when `allowShort`).
    private static func number(_ b: [UInt8], _ i: inout Int, digits: Int, allowShort: Bool = false) -> Int? {
        var value = 0
        var count = 0
        while count < digits, i < b.count, isDigit(b[i]) {
            value = value * 10 + Int(b[i] - 0x30)
            i += 1
            count += 1
        }
        guard count == digits || (allowShort && count > 0) else { return nil }
        return value
    }

    private static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "wednes", "thur", "thurs",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    private static func monthNumber(_ word: String) -> Int? {
        switch word {
        case "jan", "january": 1
        case "feb", "february": 2
        case "mar", "march": 3
        case "apr", "april": 4
        case "may": 5
        case "jun", "june": 6
        case "jul", "july": 7
        case "aug", "august": 8
        case "sep", "sept", "september": 9
        case "oct", "october": 10
        case "nov", "november": 11
        case "dec", "december": 12
        default: nil
        }
    }

    /// Named zones seen in feeds. Military letters other than Z are read as UTC, as RFC 2822 §4.3 asks,
    /// because RFC 822 defined their signs backwards and senders disagree on them.
    private static func zoneOffset(_ word: String) -> Int? {
        let hours: Double? =
            switch word {
            case "z", "ut", "utc", "gmt", "wet", "zulu": 0
            case "est": -5
            case "edt": -4
            case "cst": -6
            case "cdt": -5
            case "mst": -7
            case "mdt": -6
            case "pst": -8
            case "pdt": -7
            case "ast": -4
            case "adt": -3
            case "akst": -9
            case "akdt": -8
            case "hst": -10
            case "nst": -3.5
            case "ndt": -2.5
            case "bst", "cet", "met", "west": 1
            case "cest", "mest", "eet": 2
            case "eest", "msk": 3
            case "ist": 5.5
            case "sgt", "hkt", "awst": 8
            case "jst", "kst": 9
            case "acst": 9.5
            case "aest": 10
            case "acdt": 10.5
            case "aedt": 11
            case "nzst": 12
            case "nzdt": 13
            default: nil
            }
        if let hours { return Int(hours * 3600) }
        if word.utf8.count == 1, let letter = word.utf8.first, letter != UInt8(ascii: "j") { return 0 }
        return nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// Days since 1970-01-01 of a proleptic Gregorian date, or nil when the date does not exist.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, (1...9999).contains(year) else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int {
    /// Parses a run of ASCII digits.
    fileprivate init?(decimal bytes: ArraySlice<UInt8>) {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        self = value
    }
}
