import Foundation

/// A date found in a web page (its metadata, its text or its URL): the instant, and the UTC offset the page wrote
/// it with, so that callers can tell the calendar date the page meant ("2022-05-03T22:46:08-03:00" is May 3 where
/// it was written and May 4 in UTC).
public struct PageDate: Sendable, Equatable {
    /// The instant; a date written without a time is midnight UTC of that date.
    public var date: Date
    /// Seconds east of UTC that the page wrote the time in; nil when it gave no zone (the time was read as UTC).
    public var utcOffset: Int?

    public init(date: Date, utcOffset: Int?) {
        self.date = date
        self.utcOffset = utcOffset
    }

    /// RFC 3339 in the zone the page wrote, e.g. `2022-05-03T22:46:08-03:00`: the same instant as
    /// `FeedDate.rfc3339(date)`, but its first ten characters are the calendar date the page meant. UTC (`Z`) when
    /// the page gave no zone.
    public var rfc3339: String {
        guard let offset = utcOffset, offset != 0 else { return FeedDate.rfc3339(date) }
        let local = FeedDate.rfc3339(date.addingTimeInterval(TimeInterval(offset)))
        let magnitude = abs(offset)
        let zone = (offset < 0 ? "-" : "+") + Self.pad(magnitude / 3600, 2) + ":" + Self.pad(magnitude % 3600 / 60, 2)
        return String(local.dropLast()) + zone
    }

    // MARK: - Machine-readable dates

    /// Dates as pages put them in metadata (`datePublished`, `article:published_time`, `<time datetime>`):
    /// everything `FeedDate` reads, plus ISO dates with unpadded or slash-separated fields ("2022-5-5 22:17:36",
    /// "2021/06/03"), Unix timestamps in seconds or milliseconds, and JavaScript's `Date.toString()` form. Nil when
    /// the string is none of these.
    public static func parse(_ string: String) -> PageDate? {
        let text = string.trimmed
        guard !text.isEmpty, text.utf8.count <= 120 else { return nil }
        if let date = FeedDate.parse(text) { return PageDate(date: date, utcOffset: trailingOffset(text)) }
        let bytes = Array(text.utf8)
        if bytes.allSatisfy(isDigit), let stamp = unixTimestamp(bytes) { return PageDate(date: stamp, utcOffset: 0) }
        if let padded = paddedISO(bytes), let date = FeedDate.parse(padded) {
            return PageDate(date: date, utcOffset: trailingOffset(padded))
        }
        return nil
    }

    /// Seconds since 1970 (9–10 digits) or milliseconds (12–13 digits) for instants between 1995 and 2100.
    private static func unixTimestamp(_ bytes: [UInt8]) -> Date? {
        guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else { return nil }
        let seconds: Int64
        switch bytes.count {
        case 9, 10: seconds = value
        case 12, 13: seconds = value / 1000
        default: return nil
        }
        guard seconds >= 788_918_400, seconds < 4_102_444_800 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// "2022-5-5 22:17:36" or "2021/06/03" rewritten as the ISO form `FeedDate` reads; nil when the string does
    /// not start with a year and a month and day of one or two digits each.
    private static func paddedISO(_ bytes: [UInt8]) -> String? {
        var i = 0
        var fields: [Int] = []
        var separator: UInt8 = 0
        while fields.count < 3 {
            let start = i
            while i < bytes.count, isDigit(bytes[i]), i - start < 4 { i += 1 }
            let length = i - start
            guard fields.isEmpty ? length == 4 : (length == 1 || length == 2) else { return nil }
            fields.append(Int(String(decoding: bytes[start..<i], as: UTF8.self)) ?? 0)
            if fields.count == 3 { break }
            guard i < bytes.count else { return nil }
            let sep = bytes[i]
            guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: "."),
                separator == 0 || separator == sep
            else { return nil }
            separator = sep
            i += 1
        }
        if i < bytes.count, isDigit(bytes[i]) { return nil }
        var rest = String(decoding: bytes[i...], as: UTF8.self)
        // A time needs two-digit hours for the ISO reader.
        if rest.utf8.count >= 5, rest.utf8.first == 0x20 || rest.utf8.first == UInt8(ascii: "T") {
            let time = Array(rest.utf8.dropFirst())
            if time.count >= 4, isDigit(time[0]), time[1] == UInt8(ascii: ":") {
                rest = String(rest.prefix(1)) + "0" + String(decoding: time, as: UTF8.self)
            }
        }
        return pad(fields[0], 4) + "-" + pad(fields[1], 2) + "-" + pad(fields[2], 2) + rest
    }

    /// The zone an ISO or RFC 822 string ends with: `Z`, `GMT`/`UTC`, or `±hh[:mm]`, optionally followed by a
    /// parenthesised comment; nil when it names none.
    static func trailingOffset(_ text: String) -> Int? {
        var bytes = Array(text.utf8)
        if let paren = bytes.firstIndex(of: UInt8(ascii: "(")) { bytes.removeSubrange(paren...) }
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        guard let last = bytes.last else { return nil }
        if last | 0x20 == UInt8(ascii: "z") { return 0 }
        let upper = String(decoding: bytes.suffix(3), as: UTF8.self).uppercased()
        if upper == "GMT" || upper == "UTC" { return 0 }
        // The last sign after the time starts the offset.
        guard let sign = bytes.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }),
            sign > colon
        else { return nil }
        let digits = bytes[(sign + 1)...].filter(isDigit)
        guard bytes[(sign + 1)...].allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ":") }) else { return nil }
        let hours: Int
        let minutes: Int
        switch digits.count {
        case 1, 2:
            hours = Int(String(decoding: digits, as: UTF8.self)) ?? 0
            minutes = 0
        case 4:
            let value = Int(String(decoding: digits, as: UTF8.self)) ?? 0
            hours = value / 100
            minutes = value % 100
        default: return nil
        }
        guard hours <= 18, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return bytes[sign] == UInt8(ascii: "-") ? -seconds : seconds
    }

    // MARK: - Dates written for people

    /// Dates as people write them in a page's text, in many languages: "June 3, 2021", "3. Juni 2021",
    /// "21 de junio de 2018", "3 juin 2021", "03.06.2021", "2021年6月3日", and "03/06/2021" (day first unless
    /// the page's `language` is US English or the numbers only fit month first). The first date found in the
    /// string is returned, at midnight UTC; a time next to it is ignored (pages rarely say its zone).
    public static func parseWritten(_ string: String, language: String? = nil) -> PageDate? {
        let tokens = tokenize(string)
        guard !tokens.isEmpty else { return nil }
        let monthFirst = language.map { $0.lowercased().hasPrefix("en-us") || $0.lowercased() == "en" } ?? false
        for index in tokens.indices {
            if let found = match(tokens, at: index, monthFirst: monthFirst) { return found }
        }
        return nil
    }

    /// A piece of written text.
    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        /// One of `.`, `/`, `-`, `,`, or the CJK year/month/day signs as `y`, `m`, `d`.
        case mark(Character)
    }

    /// Numbers, words (folded) and date punctuation of the first 400 characters.
    private static func tokenize(_ string: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var number = 0
        var digits = 0
        func flush() {
            if digits > 0 { tokens.append(.number(number, digits: digits)) }
            if !word.isEmpty { tokens.append(.word(fold(word))) }
            number = 0
            digits = 0
            word = ""
        }
        for character in string.prefix(400) {
            if let value = character.wholeNumberValue, character.isASCII {
                if !word.isEmpty { flush() }
                guard digits < 8 else { continue }
                number = number * 10 + value
                digits += 1
            } else if character.isLetter, !"年月日년월일".contains(character) {
                if digits > 0 { flush() }
                word.append(character)
            } else {
                flush()
                switch character {
                case ".", "/", "-", ",": tokens.append(.mark(character))
                case "年", "년": tokens.append(.mark("y"))
                case "月", "월": tokens.append(.mark("m"))
                case "日", "일": tokens.append(.mark("d"))
                default: break
                }
            }
        }
        flush()
        return tokens
    }

    /// Lower-case without diacritics, so "März", "marz" and "MÄRZ" meet.
    private static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Words that may stand between a day, a month name and a year ("21 de junio de 2018", "3rd of June").
    private static let fillers: Set<String> = ["de", "del", "of", "the", "st", "nd", "rd", "th", "er", "º"]

    /// A date whose first token is at `start`, in one of the forms `parseWritten` reads.
    private static func match(_ tokens: [Token], at start: Int, monthFirst: Bool) -> PageDate? {
        guard case .number(let first, let firstDigits) = tokens[start] else {
            // Month name, day, year: "June 3, 2021", "Jun. 3rd 2021".
            if case .word(let word) = tokens[start], let month = monthNames[word] {
                var i = start + 1
                skip(tokens, &i)
                guard i < tokens.count, case .number(let day, let dayDigits) = tokens[i], dayDigits <= 2 else {
                    return nil
                }
                i += 1
                skip(tokens, &i)
                guard i < tokens.count, case .number(let year, 4) = tokens[i] else { return nil }
                return make(year: year, month: month, day: day)
            }
            return nil
        }
        // CJK: 2021年6月3日.
        if firstDigits == 4, start + 5 < tokens.count, tokens[start + 1] == .mark("y"),
            case .number(let month, _) = tokens[start + 2], tokens[start + 3] == .mark("m"),
            case .number(let day, _) = tokens[start + 4], tokens[start + 5] == .mark("d")
        {
            return make(year: first, month: month, day: day)
        }
        // Numeric: 2021-06-03, 03.06.2021, 03/06/2021, 03.06.21.
        if start + 4 < tokens.count, case .mark(let sep) = tokens[start + 1], sep != ",",
            case .number(let second, let secondDigits) = tokens[start + 2], secondDigits <= 2,
            tokens[start + 3] == .mark(sep), case .number(let third, let thirdDigits) = tokens[start + 4]
        {
            if firstDigits == 4, thirdDigits <= 2 { return make(year: first, month: second, day: third) }
            guard firstDigits <= 2, thirdDigits == 4 || (thirdDigits == 2 && sep == ".") else { return nil }
            let year = thirdDigits == 4 ? third : 2000 + third
            if first > 12 || sep == "." || (!monthFirst && second <= 12) {
                return make(year: year, month: second, day: first)
            }
            return make(year: year, month: first, day: second)
        }
        // Day, month name, year: "3. Juni 2021", "21 de junio de 2018", "3rd June 2021".
        guard firstDigits <= 2 else { return nil }
        var i = start + 1
        skip(tokens, &i)
        guard i < tokens.count, case .word(let word) = tokens[i], let month = monthNames[word] else { return nil }
        i += 1
        skip(tokens, &i)
        guard i < tokens.count, case .number(let year, 4) = tokens[i] else { return nil }
        return make(year: year, month: month, day: first)
    }

    /// Skips punctuation and filler words between date parts.
    private static func skip(_ tokens: [Token], _ i: inout Int) {
        var skipped = 0
        while i < tokens.count, skipped < 3 {
            switch tokens[i] {
            case .mark("."), .mark(","), .mark("-"): break
            case .word(let word) where fillers.contains(word): break
            default: return
            }
            i += 1
            skipped += 1
        }
    }

    /// Midnight UTC of a date between 1990 and 2100 that exists.
    private static func make(year: Int, month: Int, day: Int) -> PageDate? {
        guard (1990...2100).contains(year), (1...12).contains(month), (1...31).contains(day),
            let date = FeedDate.parse(pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2))
        else { return nil }
        return PageDate(date: date, utcOffset: nil)
    }

    /// Month names and common abbreviations in the languages news pages are most written in, folded.
    private static let monthNames: [String: Int] = {
        let names: [[String]] = [
            // en, de, fr, es, pt, it, nl, sv/da/no, pl, cs, tr, ru (nominative and genitive where they differ).
            [
                "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen",
                "januari", "januar", "styczeń", "stycznia", "leden", "ledna", "ocak", "январь", "января", "янв",
            ],
            [
                "february", "feb", "februar", "février", "févr", "fév", "febrero", "fevereiro", "fev", "febbraio",
                "februari", "luty", "lutego", "únor", "února", "şubat", "февраль", "февраля", "фев",
            ],
            [
                "march", "mar", "märz", "mär", "mars", "marzo", "março", "maart", "mrt", "marts", "marzec", "marca",
                "březen", "března", "mart", "март", "марта",
            ],
            [
                "april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "duben", "dubna",
                "nisan", "апрель", "апреля", "апр",
            ],
            [
                "may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja", "květen", "května", "mayıs", "май",
                "мая",
            ],
            [
                "june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwiec", "czerwca", "červen",
                "června", "haziran", "июнь", "июня",
            ],
            [
                "july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "lipiec", "lipca",
                "červenec", "července", "temmuz", "июль", "июля",
            ],
            [
                "august", "aug", "août", "agosto", "ago", "augustus", "augusti", "sierpień", "sierpnia", "srpen",
                "srpna", "ağustos", "август", "августа", "авг",
            ],
            [
                "september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set", "settembre",
                "wrzesień", "września", "září", "eylül", "сентябрь", "сентября", "сен",
            ],
            [
                "october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott",
                "październik", "października", "říjen", "října", "ekim", "октябрь", "октября", "окт",
            ],
            [
                "november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "listopadu",
                "kasım", "ноябрь", "ноября", "ноя",
            ],
            [
                "december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dezembro", "dicembre",
                "desember", "grudzień", "grudnia", "prosinec", "prosince", "aralık", "декабрь", "декабря", "дек",
            ],
        ]
        var table: [String: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { table[fold(word)] = index + 1 }
        }
        return table
    }()

    // MARK: - Dates in URLs

    /// A date in a URL's path: `/2021/06/03/`, `/2021-06-03-title`, `/20210603/`. Nil when the path has none
    /// (a year and month alone are not a date).
    public static func fromURL(_ url: String) -> PageDate? {
        let bytes = Array(url.utf8)
        // Skip the scheme and host.
        var i = 0
        if let scheme = url.range(of: "://") {
            i = url.utf8.distance(from: url.utf8.startIndex, to: scheme.upperBound)
            while i < bytes.count, bytes[i] != UInt8(ascii: "/") { i += 1 }
        }
        while i + 8 <= bytes.count {
            defer { i += 1 }
            // A year after a path or word boundary.
            guard i == 0 || !isDigit(bytes[i - 1]), (bytes[i] == UInt8(ascii: "1") || bytes[i] == UInt8(ascii: "2"))
            else { continue }
            guard let year = digits(bytes, i, 4), (1990...2100).contains(year) else { continue }
            var j = i + 4
            let sep = bytes[j]
            if sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: "_") {
                j += 1
                guard let month = digits(bytes, j, 2), j + 3 < bytes.count, bytes[j + 2] == sep,
                    let day = digits(bytes, j + 3, 2), j + 5 == bytes.count || !isDigit(bytes[j + 5]),
                    let found = make(year: year, month: month, day: day)
                else { continue }
                return found
            }
            // Compact YYYYMMDD between non-digits.
            guard let month = digits(bytes, j, 2), let day = digits(bytes, j + 2, 2),
                j + 4 == bytes.count || !isDigit(bytes[j + 4]), let found = make(year: year, month: month, day: day)
            else { continue }
            return found
        }
        return nil
    }

    /// The value of exactly `count` digits at `at`.
    private static func digits(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at + count <= bytes.count else { return nil }
        var value = 0
        for k in at..<at + count {
            guard isDigit(bytes[k]) else { return nil }
            value = value * 10 + Int(bytes[k] - 0x30)
        }
        return value
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
