/// Finds every casualty statement in a document, in one pass over its tokens.
///
/// Patterns work on tokens, around casualty words:
/// - active: "killing 63 people and wounding 182", "killed a foreign contractor", "shot dead all four attackers";
/// - stative (subject before the verb): "22 personnel were killed and 31 wounded", "147 dead",
///   "13 of its citizens had been found shot dead", "two soldiers and a civilian were killed";
/// - tolls: "the death toll rose to 47", "raised the number of people killed … to 148";
/// - nouns: "512 deaths", "claimed 40 lives"; zero: "no casualties", "no one was hurt";
/// - hospital: "485 people had been taken to hospital" (a weaker statement of the wounded).
/// Each statement records its bound words, subsets it skipped, attackers, and the sentence's cues (claims,
/// unofficial sources, superseded figures, revisions, earlier years).
struct CasualtyReader {
    let text: FigureText
    private var statements: [CasualtyStatement] = []
    /// Number tokens already used, per role, so one figure is not read twice.
    private var used: [(Int, CasualtyRole)] = []

    init(_ text: FigureText) {
        self.text = text
    }

    /// Every statement, in document order of their verbs.
    static func read(_ text: FigureText) -> [CasualtyStatement] {
        var reader = CasualtyReader(text)
        reader.scan()
        return reader.statements
    }

    // MARK: Scan

    private static let casualtyFlags: FigureWord.Flags = [.killActive, .killStative, .woundActive, .woundStative]
    private static let toDeath = FoldedSet(
        ["stabbed", "beaten", "hacked", "burned", "burnt", "crushed", "shot", "clubbed", "tortured", "starved"].map {
            TextDocument.hash($0)
        })
    private static let toHospital = FoldedSet(
        ["taken", "admitted", "rushed", "brought", "treated", "hospitalised", "hospitalized", "flown"].map {
            TextDocument.hash($0)
        })

    private mutating func scan() {
        let tokens = text.tokens
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard tokens[i].kind == .word else { continue }
            let folded = tokens[i].folded
            if let word = text.word(i), word.has(Self.casualtyFlags) {
                let role: CasualtyRole = word.has([.killActive, .killStative]) ? .killed : .wounded
                if word.flags.contains(role == .killed ? .killActive : .woundActive), let s = active(at: i, role) {
                    add(s)
                    continue
                }
                // "shot dead four people".
                if folded == Word.dead, text.isWord(i - 1, Word.shot), let s = active(at: i, .killed) {
                    add(s)
                    continue
                }
                if word.flags.contains(role == .killed ? .killStative : .woundStative), let s = stative(at: i, role) {
                    add(s)
                }
                continue
            }
            if folded == Word.death, text.isWord(i - 1, Word.to), i >= 2, Self.toDeath.contains(tokens[i - 2].folded) {
                if let s = stative(at: i - 2, .killed) { add(s) }
                continue
            }
            if folded == TextDocument.hash("down"), text.isWord(i - 1, Word.gunned) {
                if let s = active(at: i, .killed) ?? stative(at: i - 1, .killed) { add(s) }
                continue
            }
            if folded == Word.hospital || folded == Word.hospitals, i >= 2,
                text.isWord(i - 1, Word.to) || text.isWord(i - 1, Word.in),
                Self.toHospital.contains(tokens[i - 2].folded)
            {
                if var s = stative(at: i - 2, .wounded) {
                    s.hospital = true
                    s.last = max(s.last, i)
                    add(s)
                }
                continue
            }
            if folded == Word.toll || folded == Word.number || folded == Word.count {
                if let s = toll(at: i) { add(s) }
                continue
            }
            if folded == Word.lives, let s = lives(at: i) {
                add(s)
                continue
            }
            if folded == Word.no || folded == Word.nobody || folded == Word.noOne || folded == Word.none {
                for s in zero(at: i) { add(s) }
            }
        }
    }

    private mutating func add(_ statement: CasualtyStatement) {
        var s = statement
        for part in s.parts where used.contains(where: { $0.0 == part.number && $0.1 == s.role }) { return }
        for part in s.parts { used.append((part.number, s.role)) }
        s.inTitle = text.document.inTitle(s.verb)
        annotate(&s)
        statements.append(s)
    }

    // MARK: Bounds and noun phrases

    private static let boundPhrases: [([UInt64], FigureBound)] = {
        let low: [String] = ["no fewer than", "at least", "more than", "in excess of", "upwards of", "over"]
        let high: [String] = [
            "no more than", "at most", "up to", "as many as", "nearly", "almost", "close to", "just under",
            "fewer than", "less than", "under",
        ]
        let approximate: [String] = [
            "about", "around", "some", "roughly", "approximately", "an estimated", "estimated",
        ]
        let exact: [String] = [
            "a total of", "all", "another", "a further", "the", "all the", "the other", "some of the",
        ]
        var phrases: [([UInt64], FigureBound)] = []
        let groups: [([String], FigureBound)] = [
            (low, .low), (high, .high), (approximate, .approximate), (exact, .exact),
        ]
        for (list, bound) in groups {
            for phrase in list {
                let words = phrase.split(separator: " ").map { TextDocument.hash(String($0)) }
                phrases.append((words, bound))
            }
        }
        return phrases
    }()

    /// The bound words just before token `index`: the bound and the first token of the phrase.
    private func bound(before index: Int) -> (FigureBound, Int) {
        var best: (FigureBound, Int) = (.exact, index)
        for (words, bound) in Self.boundPhrases {
            let start = index - words.count
            guard start >= 0, text.sameSentence(start, index) else { continue }
            var match = true
            for (offset, hash) in words.enumerated() where text.tokens[start + offset].folded != hash {
                match = false
                break
            }
            if match, start < best.1 || (start == best.1 && bound != .exact) { best = (bound, start) }
        }
        return best
    }

    /// The bound words starting at token `index`: the bound and the first token after them.
    private func bound(from index: Int) -> (FigureBound, Int) {
        var best: (FigureBound, Int) = (.exact, index)
        for (words, bound) in Self.boundPhrases {
            guard index + words.count < text.count else { continue }
            var match = true
            for (offset, hash) in words.enumerated() where text.tokens[index + offset].folded != hash {
                match = false
                break
            }
            if match, index + words.count > best.1 { best = (bound, index + words.count) }
        }
        return best
    }

    /// What follows a number: "people", "Afghan civilians", "U.S. troops", "of them", "of its citizens".
    struct NounPhrase {
        /// Last token (the number's own last token when the phrase is empty).
        var last: Int
        var perpetrator = false
        /// Holds a singular person noun ("a policeman").
        var person = false
        /// "of them", "of whom".
        var ofThem = false
        /// "of the dead", "of the injured", "of those killed": a subset of a figure given elsewhere.
        var ofCasualties = false
        var qualifiers: [UInt32] = []
    }

    private static let casualtyNouns = FoldedSet(
        ["dead", "injured", "wounded", "victims", "killed", "casualties", "deaths", "fatalities", "hurt"].map {
            TextDocument.hash($0)
        })
    private static let possessives = FoldedSet(
        ["its", "their", "the", "his", "her", "our", "these", "those"].map { TextDocument.hash($0) })

    private func nounPhrase(after end: Int) -> NounPhrase {
        var phrase = NounPhrase(last: end)
        let tokens = text.tokens
        var j = end + 1
        guard j < tokens.count, text.sameSentence(j, end) else { return phrase }
        if tokens[j].folded == Word.of {
            if text.isWord(j + 1, Word.them) || text.isWord(j + 1, Word.whom) {
                phrase.ofThem = true
                phrase.last = j + 1
                return phrase
            }
            if text.isWord(j + 1, Word.the) || text.isWord(j + 1, Word.those),
                j + 2 < tokens.count, Self.casualtyNouns.contains(tokens[j + 2].folded)
            {
                phrase.ofCasualties = true
                phrase.last = j + 2
                return phrase
            }
            j += 1
            if j < tokens.count, Self.possessives.contains(tokens[j].folded) { j += 1 }
        }
        var taken = 0
        while j < tokens.count, taken < 6, text.sameSentence(j, end) {
            let token = tokens[j]
            if token.kind == .punctuation {
                // "U.S.", "U.N.": a period between single capital letters.
                if token.folded == Mark.period, j > 0, tokens[j - 1].capitalized,
                    tokens[j - 1].end - tokens[j - 1].start == 1,
                    j + 1 < tokens.count, tokens[j + 1].kind == .word, text.sameSentence(j, j + 1)
                {
                    j += 1
                    continue
                }
                break
            }
            if token.kind == .number { break }
            let word = text.word(j)
            if let word, word.has([.phraseBreak, .clauseBreak, .auxiliary]) || word.has(Self.casualtyFlags) {
                break
            }
            if token.capitalized { phrase.qualifiers.append(text.stemKey(j)) }
            if word?.flags.contains(.perpetrator) == true { phrase.perpetrator = true }
            if word?.flags.contains(.victim) == true { phrase.person = true }
            phrase.last = j
            taken += 1
            j += 1
        }
        return phrase
    }

    // MARK: Parts

    /// A counted object starting at token `index`: "at least 60 Afghan civilians", "a foreign contractor".
    private func object(at index: Int) -> CasualtyPart? {
        guard index < text.count else { return nil }
        if let range = range(at: index) { return range }
        let (bound, start) = bound(from: index)
        if let mention = text.mention(startingAt: start) {
            guard mention.isCount else { return nil }
            let phrase = nounPhrase(after: mention.last)
            return part(mention, bound: bound, first: index, phrase: phrase)
        }
        if text.isWord(start, Word.a) || text.isWord(start, Word.an) {
            let phrase = nounPhrase(after: start)
            guard phrase.person || phrase.perpetrator else { return nil }
            return CasualtyPart(
                value: 1, perpetrator: phrase.perpetrator, qualifiers: phrase.qualifiers, first: index,
                last: phrase.last, number: start)
        }
        // "injured his mother"
        if text.isWord(start, Self.his) || text.isWord(start, Self.her) {
            let phrase = nounPhrase(after: start)
            guard phrase.person, phrase.last > start, !isPlural(phrase.last) else { return nil }
            return CasualtyPart(value: 1, first: index, last: phrase.last, number: start)
        }
        if isVagueQuantity(start) {
            let phrase = nounPhrase(after: start)
            return CasualtyPart(
                value: 0, vague: true, perpetrator: phrase.perpetrator, first: index, last: phrase.last, number: start)
        }
        return nil
    }

    /// "between 20 and 30 people".
    private func range(at index: Int) -> CasualtyPart? {
        guard text.isWord(index, Word.between), let low = text.mention(startingAt: index + 1), low.isCount,
            !low.vague, text.isWord(low.last + 1, Word.and), let high = text.mention(startingAt: low.last + 2),
            high.isCount, !high.vague, high.value >= low.value
        else { return nil }
        var p = part(high, bound: .range, first: index, phrase: nounPhrase(after: high.last))
        p.value = low.value
        p.upper = high.value
        p.number = low.first
        return p
    }

    private func part(_ mention: NumberMention, bound: FigureBound, first: Int, phrase: NounPhrase) -> CasualtyPart {
        var bound = bound
        var last = phrase.last
        // "30 or more".
        if text.isWord(mention.last + 1, Word.or), text.isWord(mention.last + 2, Word.more) {
            bound = .low
            last = max(last, mention.last + 2)
        }
        return CasualtyPart(
            value: mention.vague ? 0 : mention.value, bound: bound, vague: mention.vague,
            perpetrator: phrase.perpetrator, qualifiers: phrase.qualifiers, first: first, last: last,
            number: mention.first)
    }

    private static let his = TextDocument.hash("his")
    private static let her = TextDocument.hash("her")

    private func isVagueQuantity(_ index: Int) -> Bool {
        guard index < text.count else { return false }
        let folded = text.tokens[index].folded
        return folded == Word.several || folded == Word.many || folded == Word.numerous
    }

    /// Whether a number is a subset of a figure beside it: ", nine of them Chinese", "including eight children",
    /// "142 of the dead".
    private func isSubset(_ mention: NumberMention, _ phrase: NounPhrase) -> Bool {
        if phrase.ofCasualties { return true }
        let (_, start) = bound(before: mention.first)
        if text.isWord(start - 1, Word.including) { return true }
        if text.isWord(start - 1, Word.them), text.isWord(start - 2, Word.among) { return true }
        if phrase.ofThem, text.isMark(start - 1, Mark.comma) { return true }
        return false
    }

    /// Skips ", many of them students," / ", including 16 who were praying" after an object; returns the next token
    /// and any perpetrators named inside ("including the bomber").
    private func skipAppositive(_ index: Int, sentenceEnd: Int) -> (next: Int, perpetrators: Int) {
        var j = index
        var perpetrators = 0
        let opensWithComma = text.isMark(j, Mark.comma)
        let start = opensWithComma ? j + 1 : j
        var isAppositive = text.isWord(start, Word.including)
        if !isAppositive {
            // "many of them", "68 of them", "children among them"
            var k = start
            while k < min(sentenceEnd, start + 5) {
                if text.isWord(k, Word.of) && (text.isWord(k + 1, Word.them) || text.isWord(k + 1, Word.whom))
                    || (text.isWord(k, Word.among) && text.isWord(k + 1, Word.them))
                {
                    isAppositive = true
                    break
                }
                if text.isMark(k, Mark.comma) { break }
                k += 1
            }
        }
        guard isAppositive, opensWithComma || text.isWord(start, Word.including) else { return (index, 0) }
        if text.isWord(start, Word.including) {
            // "including the bomber", "including two attackers".
            var (_, after) = bound(from: start + 1)
            // "including the six bombers"
            if text.isWord(after, Word.the), let next = text.mention(startingAt: after + 1), next.isCount {
                after += 1
            }
            if let mention = text.mention(startingAt: after), mention.isCount, !mention.vague {
                if nounPhrase(after: mention.last).perpetrator { perpetrators = mention.value }
            } else if text.isWord(after, Word.a) || text.isWord(after, Word.an) || after > start + 1 {
                let head = text.isWord(after, Word.a) || text.isWord(after, Word.an) ? after : after - 1
                let phrase = nounPhrase(after: head)
                if phrase.perpetrator, !isPlural(phrase.last) { perpetrators = 1 }
            }
        }
        j = start
        while j < sentenceEnd, !text.isMark(j, Mark.comma) { j += 1 }
        // The closing comma belongs to the appositive; what follows may continue the list.
        return (j < sentenceEnd ? j + 1 : j, perpetrators)
    }

    /// The opening comma of an appositive (", nine of them foreigners,", ", including eight children,") whose
    /// closing comma is `close`.
    private func appositive(closingAt close: Int, range: Range<Int>) -> Int? {
        var open = close - 1
        while open > max(range.lowerBound, close - 10) {
            if text.isMark(open, Mark.comma) {
                return skipAppositive(open, sentenceEnd: range.upperBound).next == close + 1 ? open : nil
            }
            open -= 1
        }
        return nil
    }

    private func isPlural(_ index: Int) -> Bool {
        let token = text.tokens[index]
        guard token.end > token.start else { return false }
        let lastByte = text.document.bytes[Int(token.end) - 1] | 0x20
        return lastByte == UInt8(ascii: "s") || token.folded == TextDocument.hash("gunmen")
    }

    // MARK: Active

    private static let passiveAuxiliaries = FoldedSet(
        ["was", "were", "been", "being", "is", "are", "be", "get", "got", "gets", "getting"].map {
            TextDocument.hash($0)
        })
    private static let adverbs = FoldedSet(
        ["also", "reportedly", "allegedly", "later", "all", "both", "then", "subsequently", "apparently"].map {
            TextDocument.hash($0)
        })

    /// "killing 63 people and wounding 182", "killed a foreign civilian contractor", "shot dead all four attackers".
    private func active(at verb: Int, _ role: CasualtyRole) -> CasualtyStatement? {
        let range = text.sentence(of: verb)
        var before = verb - 1
        while before >= range.lowerBound, Self.adverbs.contains(text.tokens[before].folded) { before -= 1 }
        if before >= range.lowerBound, Self.passiveAuxiliaries.contains(text.tokens[before].folded) { return nil }
        // "among those killed", "the injured".
        if text.isWord(verb - 1, Word.the) || text.isWord(verb - 1, Word.those) { return nil }
        var j = verb + 1
        if text.isWord(j, Word.of),
            text.tokens[verb].folded == Word.killing || text.tokens[verb].folded == Word.killings
        {
            j += 1
        }
        var parts: [CasualtyPart] = []
        var subtract = 0
        while j < range.upperBound {
            guard let part = object(at: j) else { break }
            // "killed 20 people and 5 were wounded": the second number starts another clause.
            if !parts.isEmpty, part.last + 1 < range.upperBound,
                text.has(part.last + 1, [.auxiliary]) || text.has(part.last + 1, Self.casualtyFlags)
            {
                break
            }
            parts.append(part)
            j = part.last + 1
            let (next, perpetrators) = skipAppositive(j, sentenceEnd: range.upperBound)
            subtract += perpetrators
            j = next
            if j < range.upperBound, text.isWord(j, Word.and) || text.isMark(j, Mark.comma) {
                if object(at: j + 1) != nil {
                    j += 1
                    continue
                }
            }
            break
        }
        guard !parts.isEmpty else { return nil }
        var statement = CasualtyStatement(
            role: role, parts: parts, verb: verb, first: verb, last: parts.map(\.last).max() ?? verb)
        statement.subtract = subtract
        statement.claim = isClaim(verb: verb, range: range)
        return statement
    }

    /// "its fighters killed 85 soldiers", "we killed", "claimed to have killed".
    private func isClaim(verb: Int, range: Range<Int>) -> Bool {
        var k = verb - 1
        while k >= max(range.lowerBound, verb - 5) {
            let folded = text.tokens[k].folded
            if folded == Word.its || folded == Word.their || folded == Word.our || folded == Word.we { return true }
            if folded == Word.claimed || folded == Word.claims || folded == Word.claiming,
                text.isWord(k + 1, Word.to)
            {
                return true
            }
            if text.has(k, [.clauseBreak]) { break }
            k -= 1
        }
        return false
    }

    // MARK: Stative

    /// "22 personnel were killed and 31 wounded", "Thirteen people, nine of them Chinese, were killed",
    /// "two soldiers and a civilian were killed", "147 dead".
    private func stative(at verb: Int, _ role: CasualtyRole) -> CasualtyStatement? {
        let range = text.sentence(of: verb)
        let tokens = text.tokens
        // "the dead", "among those killed", "the injured": a group, not a count.
        if text.isWord(verb - 1, Word.the) || text.isWord(verb - 1, Word.those) { return nil }
        var j = verb - 1
        var revision = false
        var plural = false
        while j >= range.lowerBound, tokens[j].kind == .word, text.has(j, [.auxiliary]) {
            let folded = tokens[j].folded
            if folded == TextDocument.hash("now") { revision = true }
            if folded == Word.were || folded == Word.are || folded == Word.have { plural = true }
            j -= 1
        }
        // "Thirty people, including eight children, were killed": the subject is before the appositive.
        if j >= range.lowerBound, text.isMark(j, Mark.comma), let open = appositive(closingAt: j, range: range) {
            j = open - 1
        }
        // "killed a boy and injured his mother": the verb shares the subject of an earlier one.
        if j >= range.lowerBound, text.isWord(j, Word.and) || text.isMark(j, Mark.comma) { return nil }
        let limit = max(range.lowerBound, j - 14)
        var k = j
        var principal: CasualtyPart?
        while k >= limit {
            let token = tokens[k]
            if token.kind == .punctuation {
                let folded = token.folded
                if folded == Mark.semicolon || folded == Mark.colon || folded == Mark.openParen
                    || folded == Mark.closeParen
                {
                    break
                }
                k -= 1
                continue
            }
            if let mention = text.mention(endingAt: k) {
                guard mention.isCount, !text.isWord(mention.first - 1, Word.no) else { break }
                let phrase = nounPhrase(after: mention.last)
                if isSubset(mention, phrase) {
                    if phrase.ofCasualties { return nil }
                    k = mention.first - 1
                    continue
                }
                if text.has(phrase.last, [.timeUnit]) { break }
                // "between 20 and 30 people"
                if text.isWord(mention.first - 1, Word.and), let low = text.mention(endingAt: mention.first - 2),
                    text.isWord(low.first - 1, Word.between), let between = self.range(at: low.first - 1)
                {
                    principal = between
                    break
                }
                let (bound, first) = bound(before: mention.first)
                principal = part(mention, bound: bound, first: first, phrase: phrase)
                break
            }
            if let word = text.word(k) {
                if word.has(.clauseBreak) || word.has(Self.casualtyFlags) { break }
                if token.folded == Word.among { return nil }
                if token.folded == Word.a || token.folded == Word.an {
                    let phrase = nounPhrase(after: k)
                    if phrase.person || phrase.perpetrator {
                        principal = CasualtyPart(
                            value: 1, perpetrator: phrase.perpetrator, qualifiers: phrase.qualifiers, first: k,
                            last: phrase.last, number: k)
                    }
                    break
                }
                if isVagueQuantity(k) {
                    let phrase = nounPhrase(after: k)
                    principal = CasualtyPart(
                        value: 0, vague: true, perpetrator: phrase.perpetrator, first: k, last: phrase.last, number: k)
                    break
                }
            }
            k -= 1
        }
        var parts: [CasualtyPart]
        if let principal {
            parts = [principal]
            collectCoordinated(before: principal.first, range: range, into: &parts)
        } else if !Self.nominal.contains(tokens[verb].folded) || text.isWord(verb - 1, Word.shot),
            let name = namedPerson(endingAt: j, range: range, singular: !plural)
        {
            parts = [name]
        } else {
            return nil
        }
        var statement = CasualtyStatement(
            role: role, parts: parts, verb: verb, first: parts[0].first,
            last: max(verb, parts.map(\.last).max() ?? verb))
        statement.revision = revision
        // "Thirteen people were killed, including the six bombers".
        if text.isMark(verb + 1, Mark.comma) {
            statement.subtract = skipAppositive(verb + 1, sentenceEnd: range.upperBound).perpetrators
        }
        return statement
    }

    /// Casualty words that are adjectives or nouns: they take no named subject.
    private static let nominal = FoldedSet(
        ["dead", "deaths", "fatalities", "injuries", "hurt"].map { TextDocument.hash($0) })

    /// "48 militants and three Turkish soldiers", "two soldiers, a policeman and three civilians": the parts listed
    /// before the principal one.
    private func collectCoordinated(before first: Int, range: Range<Int>, into parts: inout [CasualtyPart]) {
        var q = first - 1
        while q > range.lowerBound, text.isWord(q, Word.and) || text.isMark(q, Mark.comma) {
            var r = q - 1
            var found: CasualtyPart?
            while r >= max(range.lowerBound, q - 8) {
                if let mention = text.mention(endingAt: r) {
                    guard mention.isCount else { break }
                    let phrase = nounPhrase(after: mention.last)
                    if phrase.last == q - 1, !isSubset(mention, phrase) {
                        let (bound, start) = bound(before: mention.first)
                        found = part(mention, bound: bound, first: start, phrase: phrase)
                    }
                    break
                }
                if text.isWord(r, Word.a) || text.isWord(r, Word.an) {
                    let phrase = nounPhrase(after: r)
                    if phrase.last == q - 1, phrase.person || phrase.perpetrator {
                        found = CasualtyPart(
                            value: 1, perpetrator: phrase.perpetrator, qualifiers: phrase.qualifiers, first: r,
                            last: phrase.last, number: r)
                    }
                    break
                }
                if text.tokens[r].kind == .punctuation, !text.isMark(r, Mark.period) { break }
                if let word = text.word(r), word.has([.clauseBreak, .auxiliary]) || word.has(Self.casualtyFlags) {
                    break
                }
                r -= 1
            }
            // A listed part stands at the head of the list: not after "including", "among" or a preposition
            // ("Over the five years, 1,315 people were killed").
            guard let part = found,
                part.first - 1 < range.lowerBound || !text.has(part.first - 1, [.phraseBreak])
                    || text.isWord(part.first - 1, Word.and)
            else { return }
            if text.has(part.last, [.timeUnit]) { return }
            parts.insert(part, at: 0)
            q = part.first - 1
        }
    }

    /// "British MP David Amess stabbed to death", "Judge Ana Ruiz was killed": one named person.
    private func namedPerson(endingAt index: Int, range: Range<Int>, singular: Bool) -> CasualtyPart? {
        guard singular, index - 1 >= range.lowerBound, index < range.upperBound else { return nil }
        let tokens = text.tokens
        for k in [index, index - 1] {
            guard tokens[k].kind == .word, tokens[k].capitalized, !tokens[k].allCaps else { return nil }
            if let word = text.word(k), word.has([.perpetrator, .attackNoun, .phraseBreak, .clauseBreak]) {
                return nil
            }
        }
        // The sentence's first word is capitalised anyway: a name needs two capitalised words after it.
        if index - 1 == range.lowerBound, !text.document.inTitle(index) { return nil }
        return CasualtyPart(value: 1, first: index - 1, last: index, number: index)
    }

    // MARK: Tolls, lives, zero

    private static let tollVerbs = FoldedSet(
        [
            "to", "at", "of", "reached", "hit", "was", "is", "stood", "stands", "topped", "passed", "exceeded",
            "neared", "now", "reaching", "reaches", "surpassed", "rose", "climbed", "stand",
        ].map { TextDocument.hash($0) })
    private static let killedNouns = FoldedSet(
        ["dead", "deaths", "killed", "fatalities", "victims", "died"].map { TextDocument.hash($0) })
    private static let woundedNouns = FoldedSet(
        ["wounded", "injured", "injuries", "hurt", "hospitalised", "hospitalized"].map { TextDocument.hash($0) })

    /// "the death toll rose to 47", "raised the number of people killed … to 148", "the number of wounded to 111".
    private func toll(at index: Int) -> CasualtyStatement? {
        let tokens = text.tokens
        let range = text.sentence(of: index)
        var role = CasualtyRole.killed
        var qualifiers: [UInt32] = []
        var scanFrom = index + 1
        let folded = tokens[index].folded
        if folded == Word.number {
            guard text.isWord(index + 1, Word.of) else { return nil }
            var found = false
            var k = index + 2
            while k < min(range.upperBound, index + 7) {
                let hash = tokens[k].folded
                if Self.killedNouns.contains(hash) || Self.woundedNouns.contains(hash) {
                    role = Self.killedNouns.contains(hash) ? .killed : .wounded
                    found = true
                    break
                }
                if tokens[k].kind != .word { break }
                if tokens[k].capitalized { qualifiers.append(text.stemKey(k)) }
                k += 1
            }
            guard found else { return nil }
            scanFrom = k + 1
        } else if folded == Word.count {
            guard text.isWord(index - 1, Word.death) || text.isWord(index - 1, Word.casualty) else { return nil }
        } else {
            if text.isWord(index - 1, Word.injury) { role = .wounded }
        }
        var j = scanFrom
        while j < min(range.upperBound, scanFrom + 25) {
            if text.isMark(j, Mark.semicolon) { return nil }
            if let mention = text.mention(startingAt: j) {
                if !mention.isCount {
                    j = mention.last + 1
                    continue
                }
                let (bound, first) = bound(before: mention.first)
                guard first - 1 >= 0, Self.tollVerbs.contains(tokens[first - 1].folded) else { return nil }
                var part = part(mention, bound: bound, first: first, phrase: NounPhrase(last: mention.last))
                part.qualifiers = qualifiers
                // "a toll of 12 dead": the noun after is part of the figure.
                if part.last + 1 < range.upperBound, Self.killedNouns.contains(tokens[part.last + 1].folded) {
                    part.last += 1
                }
                var statement = CasualtyStatement(role: role, parts: [part], verb: index, first: index, last: part.last)
                statement.revision = true
                return statement
            }
            j += 1
        }
        return nil
    }

    /// "claimed 40 lives", "cost the lives of 12 people".
    private func lives(at index: Int) -> CasualtyStatement? {
        if let mention = text.mention(endingAt: index - 1), mention.isCount {
            let (bound, first) = bound(before: mention.first)
            let p = part(mention, bound: bound, first: first, phrase: NounPhrase(last: mention.last))
            return CasualtyStatement(role: .killed, parts: [p], verb: index, first: first, last: index)
        }
        if text.isWord(index + 1, Word.of), let p = object(at: index + 2) {
            return CasualtyStatement(role: .killed, parts: [p], verb: index, first: index, last: p.last)
        }
        return nil
    }

    private static let zeroKilled = FoldedSet(
        ["killed", "died", "dead", "deaths", "fatalities", "lost"].map { TextDocument.hash($0) })
    private static let zeroHurt = FoldedSet(
        ["hurt", "injured", "wounded", "harmed", "injuries", "casualties"].map { TextDocument.hash($0) })

    /// "no casualties", "no deaths", "no one was hurt", "nobody was killed", "no lives were lost".
    private func zero(at index: Int) -> [CasualtyStatement] {
        let tokens = text.tokens
        let range = text.sentence(of: index)
        var subject = index
        let folded = tokens[index].folded
        if folded == Word.no {
            if text.isWord(index + 1, Word.one) {
                subject = index + 1
            } else if index + 1 < range.upperBound {
                let next = tokens[index + 1].folded
                if next == Word.casualties || next == TextDocument.hash("fatalities") || next == Word.deaths
                    || next == Word.injuries || next == Word.lives
                {
                    return zeroStatements(
                        killed: next != Word.injuries, wounded: next == Word.casualties || next == Word.injuries,
                        from: index, to: index + 1)
                }
                return []
            } else {
                return []
            }
        } else if folded == Word.none, text.isWord(index + 1, Word.of) {
            return []
        }
        var k = subject + 1
        while k < min(range.upperBound, subject + 6) {
            let hash = tokens[k].folded
            if Self.zeroKilled.contains(hash) {
                return zeroStatements(killed: true, wounded: false, from: index, to: k)
            }
            if Self.zeroHurt.contains(hash) { return zeroStatements(killed: true, wounded: true, from: index, to: k) }
            guard text.has(k, [.auxiliary]) || hash == TextDocument.hash("else") else { return [] }
            k += 1
        }
        return []
    }

    private func zeroStatements(killed: Bool, wounded: Bool, from: Int, to: Int) -> [CasualtyStatement] {
        var result: [CasualtyStatement] = []
        for (role, wanted) in [(CasualtyRole.killed, killed), (.wounded, wounded)] where wanted {
            var s = CasualtyStatement(
                role: role, parts: [CasualtyPart(value: 0, first: from, last: to, number: from)], verb: to,
                first: from, last: to)
            s.zero = true
            result.append(s)
        }
        return result
    }

    // MARK: Sentence cues

    private static let clauseSeparators = FoldedSet(
        ["while", "whereas", "but", "although", "though", "however", ";"].map { TextDocument.hash($0) })

    /// Unofficial sources, superseded figures and earlier years in the statement's clause (the sentence cut at
    /// "while", "but", "although", ";").
    private func annotate(_ s: inout CasualtyStatement) {
        let range = text.sentence(of: s.verb)
        let tokens = text.tokens
        let start = min(s.first, s.parts.first?.first ?? s.first, s.verb)
        let end = max(s.last, s.verb)
        var lower = start
        while lower > range.lowerBound, !Self.clauseSeparators.contains(tokens[lower - 1].folded) { lower -= 1 }
        var upper = end
        while upper + 1 < range.upperBound, !Self.clauseSeparators.contains(tokens[upper + 1].folded) { upper += 1 }
        let publishedYear = text.published?.year
        for k in lower...upper {
            let folded = tokens[k].folded
            let word = text.word(k)
            if k < start, let word, word.flags.contains(.stale) { s.stale = true }
            if k < start, folded == Word.first,
                text.isWord(k - 1, Word.at) || text.has(k + 1, [.reporting]) || text.isWord(k + 1, Word.put)
            {
                s.stale = true
            }
            if folded == Word.unofficial { s.unofficial = true }
            if folded == Word.sources, text.isWord(k - 1, Word.local) { s.unofficial = true }
            if folded == Word.residents || folded == Word.witnesses || folded == Word.activists,
                text.has(k + 1, [.reporting])
            {
                s.unofficial = true
            }
            if folded == Word.real, text.isWord(k + 1, Word.toll) || text.isWord(k + 1, Word.figure) {
                s.unofficial = true
            }
            // "in March last year", "two years ago" (not "the deadliest since last year").
            if folded == Word.last, text.isWord(k + 1, Word.year), !text.isWord(k - 1, Word.since) {
                s.historical = true
            }
            if folded == Word.ago, text.isWord(k - 1, Word.years) || text.isWord(k - 1, Word.year) {
                s.historical = true
            }
            if let publishedYear, let mention = text.mention(startingAt: k), mention.year,
                mention.value < publishedYear,
                text.isWord(k - 1, Word.in) || (text.has(k - 1, [.month]) && text.isWord(k - 2, Word.in))
            {
                s.historical = true
            }
        }
    }
}
