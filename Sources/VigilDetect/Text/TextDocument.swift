import Foundation

/// An article made ready for detection: its title and body joined as `title + "\n\n" + body`, split into tokens
/// (words, numbers, punctuation) and sentences, with a case-folded hash per token for lexicon matching. Every
/// detector stage reads this one structure; nothing re-scans the raw text.
public struct TextDocument: Sendable {
    /// One token: a word (letters and digits, with inner hyphens and apostrophes: `al-Shabaab`, `Jama'at`,
    /// `IS-K`), a number (`1,315`, `3.5`), or a single punctuation character.
    public struct Token: Sendable, Equatable {
        public enum Kind: UInt8, Sendable {
            case word, number, punctuation
        }

        /// Byte range in `bytes`.
        public var start: Int32
        public var end: Int32
        public var kind: Kind
        /// First character is an upper-case letter.
        public var capitalized: Bool
        /// Every letter is upper case (and there are at least two letters).
        public var allCaps: Bool
        /// Index of the sentence the token belongs to.
        public var sentence: Int32
        /// FNV-1a hash of the lower-cased token, for lexicon lookups.
        public var folded: UInt64
    }

    /// A sentence: a run of tokens. The title is its own paragraph; paragraphs always end sentences.
    public struct Sentence: Sendable, Equatable {
        public var tokens: Range<Int>
        /// Paragraph index (0 is the title).
        public var paragraph: Int
    }

    public let title: String
    public let body: String
    /// UTF-8 of `title + "\n\n" + body`.
    public let bytes: [UInt8]
    public private(set) var tokens: [Token] = []
    public private(set) var sentences: [Sentence] = []
    /// Byte offset where the body starts (after the title and the blank line).
    public let bodyStart: Int
    /// Articles longer than this are cut. News reports say what happened first, and the cap bounds the time an
    /// article can take: stages that pair mentions inside a sentence grow faster than the text in the worst case
    /// (a text of the same sentence repeated), so they only ever see this much.
    public static let maxBytes = 64 * 1024

    public init(title: String?, body: String) {
        self.title = title ?? ""
        self.body = body
        var bytes = Array(self.title.utf8)
        bytes.append(contentsOf: [0x0A, 0x0A])
        bodyStart = bytes.count
        bytes.append(contentsOf: body.utf8)
        if bytes.count > Self.maxBytes {
            // Cut at a character boundary.
            var cut = Self.maxBytes
            while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.removeSubrange(cut...)
        }
        self.bytes = bytes
        tokenize()
    }

    // MARK: Access

    /// The token's text as written.
    public func text(_ index: Int) -> String {
        let token = tokens[index]
        return String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// The text from the start of token `from` to the end of token `to` (inclusive), as written.
    public func text(from: Int, to: Int) -> String {
        guard from <= to, from >= 0, to < tokens.count else { return "" }
        return String(decoding: bytes[Int(tokens[from].start)..<Int(tokens[to].end)], as: UTF8.self)
    }

    /// The lower-cased text of a token.
    public func lowercased(_ index: Int) -> String { text(index).lowercased() }

    /// Whether token `index` is the word `word` (lower-case ASCII expected), ignoring case.
    @inline(__always) public func isWord(_ index: Int, _ hash: UInt64) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].folded == hash
    }

    /// The sentence of a token.
    public func sentence(of index: Int) -> Sentence { sentences[Int(tokens[index].sentence)] }

    /// Whether a token is in the title.
    public func inTitle(_ index: Int) -> Bool { Int(tokens[index].start) < bodyStart }

    /// Evidence for the tokens `from...to`: their text and Unicode-scalar offsets in `title + "\n\n" + body`.
    public func evidence(_ field: String, from: Int, to: Int) -> (text: String, start: Int, end: Int) {
        let startByte = Int(tokens[from].start)
        let endByte = Int(tokens[to].end)
        let start = scalarCount(bytes[0..<startByte])
        let text = String(decoding: bytes[startByte..<endByte], as: UTF8.self)
        return (text, start, start + text.unicodeScalars.count)
    }

    private func scalarCount(_ slice: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in slice where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    // MARK: Hashing

    /// The hash `Token.folded` holds for a word: FNV-1a over the lower-cased UTF-8, with typographic apostrophes
    /// and dashes folded to ASCII.
    public static func hash(_ word: String) -> UInt64 {
        let folded = Array(word.lowercased().utf8)
        return hashFolded(folded[...])
    }

    static func hashFolded(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = bytes.startIndex
        while i < bytes.endIndex {
            var byte = bytes[i]
            // ’ (E2 80 99) and ‘ (E2 80 98) → ', ‐ ‑ – (E2 80 90/91/93) → -
            if byte == 0xE2, i + 2 < bytes.endIndex, bytes[i + 1] == 0x80 {
                switch bytes[i + 2] {
                case 0x98, 0x99: byte = UInt8(ascii: "'")
                case 0x90, 0x91, 0x93: byte = UInt8(ascii: "-")
                default: break
                }
                if byte != 0xE2 { i += 2 }
            }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            i += 1
        }
        return hash
    }

    // MARK: Tokenising

    private enum CharClass { case letter, digit, space, newline, other }

    @inline(__always) private static func classify(_ byte: UInt8) -> CharClass {
        switch byte {
        case 0x61...0x7A, 0x41...0x5A: return .letter
        case 0x30...0x39: return .digit
        case 0x0A: return .newline
        case 0x20, 0x09, 0x0D, 0x0C, 0x0B: return .space
        case 0x80...0xFF: return .letter  // non-ASCII: treated as letters (scripts other than Latin, accents)
        default: return .other
        }
    }

    /// Non-ASCII characters that are punctuation or spaces, not letters: no-break space, dashes, quotes,
    /// ellipsis, CJK and Arabic punctuation.
    private static func nonLetterScalar(_ bytes: [UInt8], _ i: Int) -> (
        length: Int, isSpace: Bool, isApostrophe: Bool, isDash: Bool
    )? {
        let b0 = bytes[i]
        if b0 == 0xC2, i + 1 < bytes.count {
            let b1 = bytes[i + 1]
            if b1 == 0xA0 { return (2, true, false, false) }  // NBSP
            if b1 == 0xAB || b1 == 0xBB || b1 == 0xB7 { return (2, false, false, false) }  // « » ·
        }
        if b0 == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
            let b2 = bytes[i + 2]
            switch b2 {
            case 0x98, 0x99: return (3, false, true, false)  // ‘ ’
            case 0x90, 0x91: return (3, false, false, true)  // ‐ ‑ (hyphens)
            case 0x92...0x97, 0x9C...0x9F, 0xA2, 0xA6, 0xB2, 0xB3, 0xB9, 0xBA: return (3, false, false, false)
            case 0x80...0x8A, 0xAF: return (3, true, false, false)  // spaces
            default: break
            }
        }
        if b0 == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] <= 0x91 {
            return (3, bytes[i + 2] == 0x80, false, false)  // CJK punctuation, ideographic space
        }
        if b0 == 0xD8, i + 1 < bytes.count, bytes[i + 1] == 0x8C { return (2, false, false, false) }  // ،
        if b0 == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC { return (3, false, false, false) }  // fullwidth
        return nil
    }

    private mutating func tokenize() {
        let bytes = self.bytes
        let n = bytes.count
        tokens.reserveCapacity(n / 5)
        var i = 0
        var sentence = 0
        var paragraph = 0
        var sentenceStart = 0
        var newlines = 0

        func endSentence(
            _ tokens: [Token], _ sentences: inout [Sentence], _ start: inout Int, _ sentence: inout Int,
            paragraph: Int
        ) {
            guard tokens.count > start else { return }
            sentences.append(Sentence(tokens: start..<tokens.count, paragraph: paragraph))
            start = tokens.count
            sentence += 1
        }

        while i < n {
            let byte = bytes[i]
            var cls = Self.classify(byte)
            var special: (length: Int, isSpace: Bool, isApostrophe: Bool, isDash: Bool)?
            if byte >= 0x80 {
                special = Self.nonLetterScalar(bytes, i)
                if let special { cls = special.isSpace ? .space : .other }
            }
            switch cls {
            case .newline:
                newlines += 1
                if newlines >= 2 {
                    endSentence(tokens, &sentences, &sentenceStart, &sentence, paragraph: paragraph)
                    if tokens.count > 0, newlines == 2 { paragraph += 1 }
                }
                i += 1
                continue
            case .space:
                i += special?.length ?? 1
                continue
            case .letter, .digit:
                newlines = 0
                let start = i
                var sawLetter = false
                var allDigits = true
                var upperCount = 0
                var letterCount = 0
                var folded: [UInt8] = []
                folded.reserveCapacity(16)
                var nonASCII = false
                while i < n {
                    let b = bytes[i]
                    let c = Self.classify(b)
                    if c == .letter {
                        if b >= 0x80 {
                            if let s = Self.nonLetterScalar(bytes, i) {
                                // An apostrophe or hyphen between letters stays inside the word ("Jama’at").
                                if (s.isApostrophe || s.isDash), i + s.length < n,
                                    Self.classify(bytes[i + s.length]) == .letter
                                        || Self.classify(bytes[i + s.length]) == .digit,
                                    !(s.isApostrophe && Self.possessiveS(bytes, i + s.length))
                                {
                                    folded.append(s.isApostrophe ? UInt8(ascii: "'") : UInt8(ascii: "-"))
                                    i += s.length
                                    continue
                                }
                                break
                            }
                            nonASCII = true
                            folded.append(b)
                            if b & 0xC0 != 0x80 { letterCount += 1 }
                            sawLetter = true
                            allDigits = false
                            i += 1
                            continue
                        }
                        sawLetter = true
                        allDigits = false
                        letterCount += 1
                        if b <= 0x5A {
                            upperCount += 1
                            folded.append(b | 0x20)
                        } else {
                            folded.append(b)
                        }
                        i += 1
                    } else if c == .digit {
                        folded.append(b)
                        i += 1
                    } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "'") {
                        // Inner hyphen or apostrophe: part of the word when a letter or digit follows, except a
                        // possessive 's.
                        guard i + 1 < n else { break }
                        let next = Self.classify(bytes[i + 1])
                        guard next == .letter || next == .digit else { break }
                        if bytes[i + 1] >= 0x80, Self.nonLetterScalar(bytes, i + 1) != nil { break }
                        if b == UInt8(ascii: "'"), Self.possessiveS(bytes, i + 1) { break }
                        if b == UInt8(ascii: "-"), allDigits, !sawLetter, next == .digit { break }  // "2014-2018"
                        folded.append(b)
                        allDigits = false
                        i += 1
                    } else if (b == UInt8(ascii: ",") || b == UInt8(ascii: ".")), allDigits, !sawLetter,
                        i + 1 < n, Self.classify(bytes[i + 1]) == .digit
                    {
                        // 1,315 and 3.5 are one number.
                        folded.append(b)
                        i += 1
                    } else {
                        break
                    }
                }
                if nonASCII {
                    folded = Array(String(decoding: folded, as: UTF8.self).lowercased().utf8)
                }
                let isNumber = allDigits && !sawLetter
                let capitalized = !isNumber && bytes[start] >= 0x41 && bytes[start] <= 0x5A
                tokens.append(
                    Token(
                        start: Int32(start), end: Int32(i), kind: isNumber ? .number : .word,
                        capitalized: capitalized || (nonASCII && Self.startsUpper(bytes, start)),
                        allCaps: letterCount >= 2 && upperCount == letterCount, sentence: Int32(sentence),
                        folded: Self.hashFolded(folded[...])))
            case .other:
                newlines = 0
                let length = special?.length ?? 1
                var folded = Array(bytes[i..<min(n, i + length)])
                if let special, special.isApostrophe { folded = [UInt8(ascii: "'")] }
                if let special, special.isDash { folded = [UInt8(ascii: "-")] }
                tokens.append(
                    Token(
                        start: Int32(i), end: Int32(min(n, i + length)), kind: .punctuation, capitalized: false,
                        allCaps: false, sentence: Int32(sentence), folded: Self.hashFolded(folded[...])))
                i += length
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                    || (special != nil && bytes[i - length] == 0xE3)
                {
                    if isSentenceEnd(at: tokens.count - 1) {
                        endSentence(tokens, &sentences, &sentenceStart, &sentence, paragraph: paragraph)
                    }
                }
            }
        }
        endSentence(tokens, &sentences, &sentenceStart, &sentence, paragraph: paragraph)
        // Sentence indices were assigned while tokenising; recompute them from the ranges to be exact.
        for (index, s) in sentences.enumerated() {
            for t in s.tokens { tokens[t].sentence = Int32(index) }
        }
    }

    @inline(__always) private static func possessiveS(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "s") else { return false }
        return i + 1 >= bytes.count || classify(bytes[i + 1]) != .letter
    }

    private static func startsUpper(_ bytes: [UInt8], _ start: Int) -> Bool {
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let first = String(decoding: bytes[start..<end], as: UTF8.self)
        return first != first.lowercased()
    }

    /// Abbreviations after which a period does not end a sentence.
    private static let abbreviations = FoldedSet(
        [
            "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "cpl", "pvt", "adm", "gov", "sen",
            "rep", "st", "jr", "sr", "prof", "rev", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
            "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est",
            "a.m", "p.m", "u.s", "u.n", "u.k", "e.g", "i.e",
        ].map { TextDocument.hash($0) })

    /// Whether the period/!/? just appended ends a sentence: not after an abbreviation or a single initial, and
    /// followed by white space then a capital, a digit or a quote (or the end).
    private func isSentenceEnd(at index: Int) -> Bool {
        let mark = tokens[index]
        if bytes[Int(mark.start)] == UInt8(ascii: "."), index > 0 {
            let previous = tokens[index - 1]
            if previous.end == mark.start, previous.kind == .word {
                if Self.abbreviations.contains(previous.folded) { return false }
                if previous.end - previous.start == 1, previous.capitalized { return false }  // "George W. Bush"
                // U.S. / U.N.: a chain of single letters and periods.
                if index >= 2, tokens[index - 2].kind == .punctuation, bytes[Int(tokens[index - 2].start)] == 0x2E,
                    previous.end - previous.start == 1
                {
                    return false
                }
            }
        }
        var j = Int(mark.end)
        var sawSpace = false
        while j < bytes.count,
            bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x09 || bytes[j] == 0x22
                || bytes[j] == 0x27 || bytes[j] == 0x29
        {
            if bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x09 { sawSpace = true }
            j += 1
        }
        if j >= bytes.count { return true }
        guard sawSpace else { return bytes[Int(mark.start)] != UInt8(ascii: ".") }
        let next = bytes[j]
        return (next >= 0x41 && next <= 0x5A) || (next >= 0x30 && next <= 0x39) || next >= 0x80
            || next == 0xE2
    }
}
