/// A number written in the text: digits ("1,315"), words ("twelve", "a dozen"), vague amounts ("dozens").
public struct NumberMention: Sendable, Equatable {
    /// First and last token of the number ("one hundred and twelve" spans four tokens).
    public var first: Int
    public var last: Int
    /// The value; for a decimal, the whole part (or the exact product: "1.5 million" is 1,500,000).
    public var value: Int
    /// "dozens", "hundreds": an order of magnitude, not a count.
    public var vague: Bool
    /// Written with a decimal point and not made whole by a multiplier ("3.5").
    public var decimal = false
    /// A percentage ("56%", "56 percent", "56 per cent").
    public var percent = false
    /// An amount of money ("$215,000").
    public var money = false
    /// Four digits that read as a year (1900–2099, no separator, no multiplier).
    public var year = false
    /// Spelled out in words ("twelve", "a dozen").
    public var spelled = false

    /// Whether the number can count people or events: not a year, percentage, amount of money or decimal.
    public var isCount: Bool { !decimal && !percent && !money && !year }
}

/// Reads numbers in a document, in one pass over its tokens.
///
/// Digits with thousands separators and decimals, number words up to the billions ("twenty-five",
/// "one hundred and twelve", "a dozen", "a hundred", "1.5 million"), and vague amounts ("dozens", "scores of",
/// "hundreds of thousands"). Ordinals ("first", "22nd") and clock times ("5:30", "1 a.m.") are not numbers.
/// "a"/"an" before a casualty noun is read by the casualty stage, not here.
enum NumberReader {
    /// Every number in document order; mentions never overlap.
    static func read(_ context: AnalysisContext) -> [NumberMention] {
        read(context.document)
    }

    /// Every number in `document`, in order.
    static func read(_ document: TextDocument) -> [NumberMention] {
        let tokens = document.tokens
        var mentions: [NumberMention] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .number {
                if let mention = digits(document, at: i) {
                    mentions.append(mention)
                    i = mention.last + 1
                } else {
                    i += 1
                }
                continue
            }
            // "no one", "every one", "any one": not a count.
            if token.kind == .word, !(token.folded == Word.one && i > 0 && noOneWords.contains(tokens[i - 1].folded)),
                let mention = words(document, at: i)
            {
                mentions.append(mention)
                i = mention.last + 1
                continue
            }
            i += 1
        }
        return mentions
    }

    /// The number that starts at token `index`, if one does.
    static func read(_ document: TextDocument, at index: Int) -> NumberMention? {
        guard index >= 0, index < document.tokens.count else { return nil }
        switch document.tokens[index].kind {
        case .number: return digits(document, at: index)
        case .word: return words(document, at: index)
        case .punctuation: return nil
        }
    }

    private static let noOneWords = FoldedSet(["no", "every", "any", "each", "this", "that"].map { TextDocument.hash($0) })

    // MARK: Digits

    private static func digits(_ document: TextDocument, at i: Int) -> NumberMention? {
        let tokens = document.tokens
        let token = tokens[i]
        if isClockTime(document, at: i) { return nil }
        var whole = 0
        var fraction = 0.0
        var scale = 0.1
        var inFraction = false
        var sawSeparator = false
        var digitCount = 0
        for byte in document.bytes[Int(token.start)..<Int(token.end)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if inFraction {
                    fraction += Double(digit) * scale
                    scale /= 10
                } else {
                    digitCount += 1
                    // Longer digit runs are serial numbers or junk, not counts.
                    if digitCount > 15 { return nil }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: ","): sawSeparator = true
            case UInt8(ascii: "."): inFraction = true
            default: return nil
            }
        }
        var mention = NumberMention(first: i, last: i, value: whole, vague: false)
        mention.decimal = inFraction
        // "20 million", "1.5 million".
        if let next = FigureLexicon.word(document, i + 1), next.flags.contains(.multiplier),
            tokens[i + 1].sentence == token.sentence, whole < 1_000_000
        {
            let product = (Double(whole) + fraction) * pow10(Int(next.value))
            mention.value = Int(product.rounded())
            mention.last = i + 1
            mention.decimal = product.rounded() != product
        } else {
            mention.year =
                !inFraction && !sawSeparator && digitCount == 4 && whole >= 1900 && whole <= 2099
        }
        let after = mention.last + 1
        if after < tokens.count {
            let folded = tokens[after].folded
            if folded == Mark.percent || folded == Word.percent
                || (folded == Word.per && document.isWord(after + 1, Word.cent))
            {
                mention.percent = true
            }
        }
        if i > 0 {
            let before = tokens[i - 1].folded
            if before == Mark.dollar || before == Mark.pound || before == Mark.euro { mention.money = true }
        }
        return mention
    }

    /// "5:30", "10:30 p.m.", "1 a.m.", "9pm".
    private static func isClockTime(_ document: TextDocument, at i: Int) -> Bool {
        let tokens = document.tokens
        if i + 2 < tokens.count, tokens[i + 1].folded == Mark.colon, tokens[i + 2].kind == .number,
            tokens[i + 1].start == tokens[i].end
        {
            return true
        }
        if i >= 2, tokens[i - 1].folded == Mark.colon, tokens[i - 2].kind == .number,
            tokens[i - 1].start == tokens[i - 2].end
        {
            return true
        }
        if i + 3 < tokens.count, document.isWord(i + 1, Word.a) || document.isWord(i + 1, Word.p),
            tokens[i + 2].folded == Mark.period, document.isWord(i + 3, Word.m)
        {
            return true
        }
        return document.isWord(i + 1, Word.am) || document.isWord(i + 1, Word.pm)
    }

    private static func pow10(_ power: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, power) { result *= 10 }
        return result
    }

    // MARK: Words

    private enum Last { case none, unit, tens, hundred, big }

    private static func words(_ document: TextDocument, at i: Int) -> NumberMention? {
        let tokens = document.tokens
        let sentence = tokens[i].sentence
        let folded = tokens[i].folded
        var start = FigureLexicon.word(document, i)
        var j = i
        var total = 0
        var current = 0
        var last: Last = .none
        var lastIndex = -1

        // "a hundred", "an estimated"… only "a"/"an"/"half a" before a multiplier or "dozen" make a number.
        if folded == Word.a || folded == Word.an || folded == Word.half {
            var k = i + 1
            var half = false
            if folded == Word.half {
                guard document.isWord(k, Word.a) else { return nil }
                half = true
                k += 1
            }
            guard let next = FigureLexicon.word(document, k), tokens[k].sentence == sentence,
                next.has([.multiplier, .dozen])
            else { return nil }
            if next.flags.contains(.dozen) {
                var mention = NumberMention(first: i, last: k, value: half ? 6 : 12, vague: false)
                mention.spelled = true
                return mention
            }
            guard !half else { return nil }
            current = 1
            last = .unit
            j = k
            start = next
        }
        // "several hundred", "a few thousand", "many thousands": vague.
        if folded == Word.several || folded == Word.many || folded == Word.numerous {
            guard let next = FigureLexicon.word(document, i + 1), tokens[i + 1].sentence == sentence,
                next.has([.multiplier, .dozen, .vagueAmount]), !next.flags.contains(.vagueAmount) || folded != Word.many
            else { return nil }
            let value = next.flags.contains(.dozen) ? 36 : 3 * Int(pow10(Int(next.value)))
            var mention = NumberMention(first: i, last: i + 1, value: value, vague: true)
            mention.spelled = true
            return mention
        }
        guard let first = start, first.has([.numberWord, .multiplier, .dozen, .vagueAmount]) else { return nil }
        if first.flags.contains(.vagueAmount) {
            // "scores", "tens", "millions" only count things in "… of": "scores of people".
            let needsOf = folded == Word.scores || folded == TextDocument.hash("tens")
                || folded == TextDocument.hash("millions")
            var mention = NumberMention(first: i, last: i, value: Int(first.value), vague: true)
            mention.spelled = true
            // "hundreds of thousands", "tens of thousands".
            if document.isWord(i + 1, Word.of), let big = FigureLexicon.word(document, i + 2),
                big.flags.contains(.vagueAmount), tokens[i + 2].sentence == sentence
            {
                mention.last = i + 2
                mention.value = Int(first.value) * Int(big.value)
                return mention
            }
            if needsOf, !document.isWord(i + 1, Word.of) { return nil }
            return mention
        }
        while j < tokens.count, tokens[j].sentence == sentence {
            guard let word = FigureLexicon.word(document, j) else { break }
            if word.flags.contains(.numberWord) {
                let value = Int(word.value)
                let accept: Bool
                switch last {
                case .none, .hundred, .big: accept = true
                case .tens: accept = value > 0 && value < 10
                case .unit: accept = false
                }
                guard accept else { break }
                current += value
                last = value >= 20 && value % 10 == 0 ? .tens : .unit
                lastIndex = j
            } else if word.flags.contains(.multiplier) {
                guard last != .none else { break }
                let power = Int(word.value)
                if power == 2 {
                    guard current < 100, last != .hundred, last != .big || current > 0 else { break }
                    current = max(current, 1) * 100
                    last = .hundred
                } else {
                    total += max(current, 1) * Int(pow10(power))
                    current = 0
                    last = .big
                }
                lastIndex = j
            } else if word.flags.contains(.dozen) {
                guard last == .unit || last == .tens else { break }
                current *= 12
                lastIndex = j
                break
            } else if tokens[j].folded == Word.and, last == .hundred || last == .big,
                let next = FigureLexicon.word(document, j + 1), next.flags.contains(.numberWord)
            {
                j += 1
                continue
            } else {
                break
            }
            j += 1
        }
        guard lastIndex >= 0 else { return nil }
        var mention = NumberMention(first: i, last: lastIndex, value: total + current, vague: false)
        mention.spelled = true
        return mention
    }
}
