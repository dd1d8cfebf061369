import VigilCore

extension Gazetteer {
    /// Compiles `gazetteer.tsv`: one entry per line, six tab-separated columns (kind, country, admin1, population,
    /// flags, names). Every bad line is reported as `file:line: message` and skipped.
    static func compile(tsv: String, file: String, problems: inout [ConfigProblem]) -> Gazetteer {
        var gazetteer = Gazetteer(source: Array(tsv.utf8))
        var builder = TableBuilder()
        gazetteer.parse(file: file, problems: &problems, into: &builder)
        gazetteer.buildTable(builder)
        return gazetteer
    }

    /// Name keys and their postings, collected while parsing.
    struct TableBuilder {
        var keys: [UInt64] = []
        var postings: [Posting] = []
        var maxTokens = 0
    }

    private mutating func parse(file: String, problems: inout [ConfigProblem], into builder: inout TableBuilder) {
        let bytes = source
        let n = bytes.count
        var admin1Keys: [ArraySlice<UInt8>: Int32] = [:]
        var lineNumber = 0
        var lineStart = 0
        entries.reserveCapacity(n / 32)
        builder.keys.reserveCapacity(n / 20)
        builder.postings.reserveCapacity(n / 20)

        func problem(_ message: String) {
            problems.append(ConfigProblem(SourceLocation(file: file, line: lineNumber), message))
        }

        while lineStart < n {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            if end == lineStart || bytes[lineStart] == UInt8(ascii: "#") { continue }

            // Split into six fields.
            var fields: [Range<Int>] = []
            fields.reserveCapacity(6)
            var fieldStart = lineStart
            for i in lineStart..<end where bytes[i] == 0x09 {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            fields.append(fieldStart..<end)
            guard fields.count == 6 else {
                problem("expected 6 tab-separated columns, found \(fields.count)")
                continue
            }
            guard fields[0].count == 1, let kind = Self.kind(bytes[fields[0].lowerBound]) else {
                problem("unknown kind '\(string(fields[0].lowerBound, fields[0].count))' (want C, N, X, A, D or P)")
                continue
            }
            var country: UInt16 = 0
            if kind != .notPlace {
                guard let packed = Self.pack(bytes[fields[1]]) else {
                    problem("bad country code '\(string(fields[1].lowerBound, fields[1].count))'")
                    continue
                }
                country = packed
            }
            var population: Int64 = 0
            for i in fields[3] {
                let digit = bytes[i] &- 0x30
                guard digit < 10, population < Int64(Int32.max) else {
                    problem("bad population '\(string(fields[3].lowerBound, fields[3].count))'")
                    population = -1
                    break
                }
                population = population * 10 + Int64(digit)
            }
            if population < 0 { continue }
            let index = Int32(entries.count)
            var admin1: Int32 = -1
            let admin1Field = bytes[fields[2]]
            if kind == .admin1 {
                admin1 = index
                if !admin1Field.isEmpty {
                    if admin1Keys[admin1Field] != nil { problem("duplicate first-level division key") }
                    admin1Keys[admin1Field] = index
                }
            } else if !admin1Field.isEmpty {
                guard let found = admin1Keys[admin1Field] else {
                    problem("unknown first-level division '\(string(fields[2].lowerBound, fields[2].count))'")
                    continue
                }
                admin1 = found
            }
            let isCapital = bytes[fields[4]].contains(UInt8(ascii: "c"))

            // Names.
            let firstPosting = builder.postings.count
            var displayStart = -1
            var displayLength = 0
            var nameStart = fields[5].lowerBound
            let namesEnd = fields[5].upperBound
            var ok = true
            while nameStart <= namesEnd {
                var nameEnd = nameStart
                while nameEnd < namesEnd, bytes[nameEnd] != UInt8(ascii: "|") { nameEnd += 1 }
                defer { nameStart = nameEnd + 1 }
                var flags: UInt8 = displayStart < 0 ? Posting.primary : 0
                var start = nameStart
                markers: while start < nameEnd {
                    switch bytes[start] {
                    case UInt8(ascii: "~"): flags |= Posting.common
                    case UInt8(ascii: "^"): flags |= Posting.needsDivisionWord
                    case UInt8(ascii: "="): flags |= Posting.exact
                    default: break markers
                    }
                    start += 1
                }
                guard start < nameEnd else {
                    problem("empty name")
                    ok = false
                    break
                }
                guard let (key, tokens) = Self.nameKey(bytes, start..<nameEnd) else {
                    problem("name '\(string(start, nameEnd - start))' is not plain ASCII")
                    ok = false
                    break
                }
                if displayStart < 0 {
                    displayStart = start
                    displayLength = nameEnd - start
                }
                builder.maxTokens = max(builder.maxTokens, tokens)
                builder.keys.append(key)
                builder.postings.append(
                    Posting(entry: index, flags: flags, nameStart: Int32(start), nameLength: Int32(nameEnd - start)))
            }
            guard ok, displayStart >= 0 else {
                builder.keys.removeSubrange(firstPosting...)
                builder.postings.removeSubrange(firstPosting...)
                if ok { problem("no names") }
                continue
            }
            entries.append(
                Entry(
                    kind: kind, country: country, admin1: admin1, population: Int32(population), isCapital: isCapital,
                    nameStart: Int32(displayStart), nameLength: Int32(displayLength)))
            if kind == .country { countryEntries[country] = index }
            if kind == .place, isCapital { capitals[country] = index }
        }
    }

    private static func kind(_ byte: UInt8) -> Kind? {
        switch byte {
        case UInt8(ascii: "C"): .country
        case UInt8(ascii: "N"): .demonym
        case UInt8(ascii: "X"): .notPlace
        case UInt8(ascii: "A"): .admin1
        case UInt8(ascii: "D"): .admin2
        case UInt8(ascii: "P"): .place
        default: nil
        }
    }

    /// Fills the open-addressing table: count postings per key, then place them by key.
    private mutating func buildTable(_ builder: TableBuilder) {
        maxTokens = builder.maxTokens
        let count = builder.keys.count
        guard count > 0 else { return }
        var capacity = 16
        while capacity < count + count / 2 { capacity <<= 1 }
        slotMask = capacity - 1
        slotKeys = [UInt64](repeating: 0, count: capacity)
        slotCount = [Int32](repeating: 0, count: capacity)
        slotStart = [Int32](repeating: 0, count: capacity)
        var slotOf = [Int32](repeating: 0, count: count)
        for (i, key) in builder.keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key) & slotMask
            while slotKeys[slot] != 0, slotKeys[slot] != key { slot = (slot + 1) & slotMask }
            slotKeys[slot] = key
            slotCount[slot] += 1
            slotOf[i] = Int32(slot)
        }
        var running: Int32 = 0
        for slot in 0..<capacity {
            slotStart[slot] = running
            running += slotCount[slot]
        }
        var cursor = slotStart
        postings = [Posting](
            repeating: Posting(entry: 0, flags: 0, nameStart: 0, nameLength: 0), count: count)
        for i in 0..<count {
            let slot = Int(slotOf[i])
            postings[Int(cursor[slot])] = builder.postings[i]
            cursor[slot] += 1
        }
    }

    /// The key of a gazetteer name (ASCII), tokenised as `TextDocument` tokenises text, and its token count; nil
    /// when the name holds non-ASCII bytes.
    static func nameKey(_ bytes: [UInt8], _ range: Range<Int>) -> (key: UInt64, tokens: Int)? {
        var key = keySeed
        var tokens = 0
        var i = range.lowerBound
        let end = range.upperBound
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < end {
            let b = bytes[i]
            if b >= 0x80 { return nil }
            if isLetter(b) || isDigit(b) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                var allDigits = true
                var sawLetter = false
                while i < end {
                    let c = bytes[i]
                    if c >= 0x80 { return nil }
                    if isLetter(c) {
                        hash = (hash ^ UInt64(c | 0x20)) &* 0x100_0000_01b3
                        sawLetter = true
                        allDigits = false
                        i += 1
                    } else if isDigit(c) {
                        hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3
                        i += 1
                    } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "'") {
                        guard i + 1 < end, isLetter(bytes[i + 1]) || isDigit(bytes[i + 1]) else { break }
                        if c == UInt8(ascii: "'"), bytes[i + 1] | 0x20 == UInt8(ascii: "s"),
                            i + 2 >= end || !isLetter(bytes[i + 2])
                        {
                            break
                        }
                        if c == UInt8(ascii: "-"), allDigits, !sawLetter, isDigit(bytes[i + 1]) { break }
                        hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3
                        allDigits = false
                        i += 1
                    } else if c == UInt8(ascii: ",") || c == UInt8(ascii: "."), allDigits, !sawLetter, i + 1 < end,
                        isDigit(bytes[i + 1])
                    {
                        hash = (hash ^ UInt64(c)) &* 0x100_0000_01b3
                        i += 1
                    } else {
                        break
                    }
                }
                key = extend(key, hash)
                tokens += 1
            } else if b == 0x20 || b == 0x09 {
                i += 1
            } else {
                let hash = (0xcbf2_9ce4_8422_2325 ^ UInt64(b)) &* 0x100_0000_01b3
                key = extend(key, hash)
                tokens += 1
                i += 1
            }
        }
        return tokens > 0 ? (key, tokens) : nil
    }
}
