import Foundation

extension Gazetteer {
    /// Every place name in the document with the entries it may be, plus demonyms, holder compounds
    /// ("Indian-administered") and capitalised names the gazetteer lacks in place phrases ("in Jangebe").
    ///
    /// A name is read as a place only when its first word is capitalised; the longest name wins. Names that are also
    /// common English words ("Nice", "Mobile") need a place phrase or a dateline (or, for towns of 100,000 people or
    /// more, a capital letter in mid-sentence); division names that are words or countries ("Niger", "Plateau")
    /// need "state", "province"... after them; a name after a title ("President") or before "said", or inside a
    /// longer capitalised name ("Joe Biden", "Manchester Arena" is kept: a building) is not a place.
    func findPlaces(in context: AnalysisContext) -> PlaceMentions {
        let document = context.document
        guard slotMask > 0, !document.tokens.isEmpty else { return PlaceMentions() }
        let scan = Scan(document: document)
        var mentions: [PlaceMention] = []
        var covered = [Bool](repeating: false, count: document.tokens.count)
        var i = 0
        let tokens = document.tokens
        var matches: [(last: Int, postings: Range<Int>)] = []
        // Single words read as parts of person names ("David Cameron"): the same word elsewhere is that person.
        var personNames = FoldedSet()
        matches.reserveCapacity(maxTokens)
        while i < tokens.count {
            guard scan.isNameStart(i) else {
                i += 1
                continue
            }
            matches.removeAll(keepingCapacity: true)
            var key = Self.keySeed
            let sentence = tokens[i].sentence
            var last = i
            while last < tokens.count, last - i < maxTokens, tokens[last].sentence == sentence {
                key = Self.extend(key, scan.keys[last])
                if let found = lookup(key) { matches.append((last, found)) }
                last += 1
            }
            var advanced = false
            for match in matches.reversed() {
                switch filter(match.postings, first: i, last: match.last, scan: scan) {
                case .none:
                    continue
                case .person:
                    if match.last == i { personNames.insert(scan.keys[i]) }
                    continue
                case .blocked:
                    for t in i...match.last { covered[t] = true }
                case .mention(let mention):
                    mentions.append(mention)
                    for t in i...match.last { covered[t] = true }
                }
                i = match.last + 1
                advanced = true
                break
            }
            if !advanced { i += 1 }
        }
        if !personNames.isEmpty {
            mentions.removeAll { m in
                guard m.first == m.last, personNames.contains(scan.keys[m.first]), !scan.inDateline(m.first) else {
                    return false
                }
                if case .none = scan.placePhrase(before: m.first) {} else { return false }
                return true
                    && !m.candidates.contains { entries[Int($0)].kind == .country || entries[Int($0)].kind == .demonym }
            }
        }
        let holders = holders(scan, covered: covered)
        for h in holders { covered[h.first] = true }
        mentions += holders
        mentions += unlisted(scan, covered: covered)
        mentions.sort { $0.first < $1.first }
        return PlaceMentions(mentions: mentions)
    }

    private enum Filtered {
        case none
        /// Part of a person's or another longer name.
        case person
        case blocked
        case mention(PlaceMention)
    }

    /// The entries a match may be, after the rules for common words, division names, exact acronyms and person
    /// names.
    private func filter(_ range: Range<Int>, first: Int, last: Int, scan: Scan) -> Filtered {
        let document = scan.document
        var candidates: [Int32] = []
        var spellingPosting = -1
        var blocked = false
        let next = last + 1
        let followedByDivision = scan.isDivisionWord(next)
        var commonAllowed: Bool?
        for p in range {
            let posting = postings[p]
            let entry = entries[Int(posting.entry)]
            if entry.kind == .notPlace {
                blocked = true
                continue
            }
            if posting.flags & Posting.exact != 0, !exactMatch(posting, first: first, last: last, document) {
                continue
            }
            if posting.flags & Posting.needsDivisionWord != 0, !followedByDivision { continue }
            if posting.flags & Posting.common != 0 {
                if commonAllowed == nil { commonAllowed = scan.commonWordAllowed(first: first, last: last) }
                let bigPlace = entry.population >= 100_000 && scan.midSentenceCapital(first)
                if commonAllowed != true, !bigPlace { continue }
            }
            if !candidates.contains(posting.entry) {
                candidates.append(posting.entry)
                if spellingPosting < 0 { spellingPosting = p }
            }
        }
        guard !candidates.isEmpty else { return blocked ? .blocked : .none }
        // "Niger state", "Baghdad province": the division, not the country or the city.
        if followedByDivision, candidates.contains(where: { [.admin1, .admin2].contains(entries[Int($0)].kind) }) {
            candidates.removeAll { ![.admin1, .admin2].contains(entries[Int($0)].kind) }
        }

        // Demonym or place: a demonym before a lower-case word ("Somali troops") is a demonym; otherwise names win.
        let demonyms = candidates.filter { entries[Int($0)].kind == .demonym }
        var form = PlaceMention.Form.name
        if !demonyms.isEmpty {
            if demonyms.count == candidates.count || !scan.isCapitalizedWord(next) {
                candidates = demonyms
                form = .demonym
            } else {
                candidates.removeAll { entries[Int($0)].kind == .demonym }
            }
        }
        // Person names and longer proper names: only for divisions and places (countries keep their own rules).
        if form == .name, !candidates.contains(where: { entries[Int($0)].kind == .country }),
            case let run = scan.personOrLongerName(first: first, last: last, isName: isSingleName), run != .no
        {
            return run == .person ? .person : .none
        }
        var spelling: String?
        if scan.allCaps(first: first, last: last), spellingPosting >= 0 {
            let posting = postings[spellingPosting]
            spelling = string(Int(posting.nameStart), Int(posting.nameLength))
        }
        return .mention(PlaceMention(first: first, last: last, candidates: candidates, form: form, spelling: spelling))
    }

    /// Whether a single word is a gazetteer name of any kind.
    private func isSingleName(_ key: UInt64) -> Bool { lookup(Self.extend(Self.keySeed, key)) != nil }

    /// Whether the text of tokens `first...last` is the posting's name as written (spaces aside).
    private func exactMatch(_ posting: Posting, first: Int, last: Int, _ document: TextDocument) -> Bool {
        var text: [UInt8] = []
        for t in first...last {
            let token = document.tokens[t]
            text.append(contentsOf: document.bytes[Int(token.start)..<Int(token.end)])
        }
        let start = Int(posting.nameStart)
        let name = source[start..<(start + Int(posting.nameLength))].filter { $0 != 0x20 }
        return text.elementsEqual(name)
    }

    /// "Indian-administered Kashmir", "Israeli-occupied": the country in front of a holder suffix.
    private func holders(_ scan: Scan, covered: [Bool]) -> [PlaceMention] {
        var found: [PlaceMention] = []
        let document = scan.document
        for (t, token) in document.tokens.enumerated() where !covered[t] && token.kind == .word && token.capitalized {
            let start = Int(token.start)
            let end = Int(token.end)
            guard let dash = document.bytes[start..<end].firstIndex(of: UInt8(ascii: "-")),
                let lastDash = document.bytes[start..<end].lastIndex(of: UInt8(ascii: "-"))
            else { continue }
            let suffix = TextDocument.hashFolded(Array(document.bytes[(lastDash + 1)..<end].map { $0 | 0x20 })[...])
            guard PlaceWords.holderSuffixes.contains(suffix) else { continue }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in document.bytes[start..<dash] { hash = (hash ^ UInt64(b < 0x80 ? b | 0x20 : b)) &* 0x100_0000_01b3 }
            guard let range = lookup(Self.extend(Self.keySeed, hash)) else { continue }
            var candidates: [Int32] = []
            for p in range {
                let entry = entries[Int(postings[p].entry)]
                if entry.kind == .country || entry.kind == .demonym, !candidates.contains(postings[p].entry) {
                    candidates.append(postings[p].entry)
                }
            }
            if !candidates.isEmpty { found.append(PlaceMention(first: t, last: t, candidates: candidates, form: .holder)) }
        }
        return found
    }

    /// Capitalised names the gazetteer lacks, in place phrases: "in Jangebe", "at Boulkessi", "the village of
    /// Solhan", "in Nganzai district", and the first name of a dateline ("LEIGH-ON-SEA, England —"). Not after
    /// "the" unless a place type or division word makes it a place; not when a building word follows ("Tayaran
    /// Square", "Al Jalaa camp"); not before a lower-case noun ("in Christian villages").
    private func unlisted(_ scan: Scan, covered: [Bool]) -> [PlaceMention] {
        let document = scan.document
        let tokens = document.tokens
        var found: [PlaceMention] = []
        if let dateline = scan.dateline, !covered[dateline.lowerBound] {
            var last = dateline.lowerBound
            while last + 1 <= dateline.upperBound, tokens[last + 1].kind == .word, !covered[last + 1] { last += 1 }
            if tokens[dateline.lowerBound].kind == .word {
                found.append(
                    PlaceMention(
                        first: dateline.lowerBound, last: last, candidates: [], form: .unlisted,
                        spelling: scan.titleCased(first: dateline.lowerBound, last: last)))
            }
        }
        var t = 0
        while t < tokens.count {
            guard !covered[t], !scan.inDateline(t), scan.isNameStart(t), !scan.isFunctionOrTitle(t),
                !scan.isWord(t, in: PlaceWords.notNames), !tokens[t].allCaps
            else {
                t += 1
                continue
            }
            // The run of capitalised words (particles allowed inside), at most four.
            var last = t
            while last + 1 < tokens.count, !covered[last + 1], tokens[last + 1].sentence == tokens[t].sentence,
                scan.isNameStart(last + 1), !tokens[last + 1].allCaps, !scan.isFunctionOrTitle(last + 1),
                !scan.isWord(last + 1, in: PlaceWords.notNames)
            {
                last += 1
            }
            defer { t = last + 1 }
            let next = last + 1
            // A building ("Belfairs Methodist Church", "Tayaran Square", "Al Jalaa camp") or a long name is no town.
            if last - t >= 4 || (t...next).contains(where: { scan.isFacilityWord($0) })
                || scan.isWord(next, PlaceWords.apostrophe)
            {
                continue
            }
            // Only a lower-case division word makes an unknown name a division ("Nganzai district", not "Islamic
            // State").
            let division = scan.isDivisionWord(next) && !tokens[next].capitalized
            guard division || scan.endsNamePhrase(next) else { continue }
            var accept = false
            switch scan.placePhrase(before: t) {
            case .typeOf: accept = true
            case .preposition(let strong, let afterThe): accept = strong && (!afterThe || division)
            case .none: accept = division && t > scan.sentenceStart(t)
            }
            if accept {
                found.append(PlaceMention(first: t, last: last, candidates: [], form: .unlisted))
            }
        }
        return found
    }
}

/// Per-document state for the place rules: folded keys of the tokens, the dateline, whether the title is in title
/// case.
struct Scan {
    let document: TextDocument
    /// Folded hash of every token, with diacritics removed ("Tillabéri" → "tillaberi").
    let keys: [UInt64]
    /// Token range of the dateline ("KABUL, Afghanistan —"), if any.
    let dateline: ClosedRange<Int>?
    /// The title capitalises most of its words ("Gunmen Kill 12 In Attack On Police Post").
    let titleCase: Bool
    /// The first token of the body.
    let bodyStart: Int
    /// 1 when the document has no title (its body paragraphs are numbered from 0), else 0.
    let paragraphShift: Int

    init(document: TextDocument) {
        self.document = document
        var keys = [UInt64](repeating: 0, count: document.tokens.count)
        for (i, token) in document.tokens.enumerated() {
            let bytes = document.bytes[Int(token.start)..<Int(token.end)]
            keys[i] = bytes.allSatisfy { $0 < 0x80 } ? token.folded : Self.foldedHash(bytes)
        }
        self.keys = keys
        // Without a title the body starts at paragraph 0.
        paragraphShift = document.title.contains(where: { !$0.isWhitespace }) ? 0 : 1
        bodyStart =
            paragraphShift == 1
            ? 0 : document.sentences.first { $0.paragraph > 0 }?.tokens.lowerBound ?? document.tokens.count
        dateline = Self.findDateline(document, bodyStart: bodyStart)
        titleCase = Self.isTitleCase(document)
    }

    /// The hash of a token with diacritics and special letters folded to ASCII.
    static func foldedHash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var text = String(decoding: bytes, as: UTF8.self).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let special: [Character: String] = [
            "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ħ": "h",
            "ə": "a", "ʿ": "'", "ʾ": "'", "‘": "'", "’": "'", "ʼ": "'", "`": "'",
        ]
        if text.contains(where: { special[$0] != nil }) {
            text = String(text.flatMap { special[$0].map(Array.init) ?? [$0] })
        }
        return TextDocument.hashFolded(Array(text.lowercased().utf8)[...])
    }

    private static func findDateline(_ document: TextDocument, bodyStart: Int) -> ClosedRange<Int>? {
        let tokens = document.tokens
        var t = bodyStart
        var sawCaps = false
        while t < tokens.count, t - bodyStart < 16 {
            let token = tokens[t]
            let byte = document.bytes[Int(token.start)]
            if token.kind == .punctuation {
                // An em or en dash (or " - ") ends the dateline.
                if byte == 0xE2 || (byte == UInt8(ascii: "-") && t > bodyStart) {
                    return sawCaps && t > bodyStart ? bodyStart...(t - 1) : nil
                }
                guard [UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")")]
                    .contains(byte)
                else { return nil }
            } else if token.kind == .word {
                if token.allCaps || (token.end - token.start == 1 && token.capitalized) {
                    sawCaps = sawCaps || token.allCaps
                } else if !token.capitalized {
                    return nil
                }
            } else {
                return nil
            }
            t += 1
        }
        return nil
    }

    private static func isTitleCase(_ document: TextDocument) -> Bool {
        guard document.title.contains(where: { !$0.isWhitespace }) else { return false }
        var long = 0
        var capitalised = 0
        for sentence in document.sentences where sentence.paragraph == 0 {
            for t in sentence.tokens where document.tokens[t].kind == .word {
                let token = document.tokens[t]
                if token.end - token.start >= 4 {
                    long += 1
                    if token.capitalized { capitalised += 1 }
                }
            }
        }
        return long >= 3 && capitalised * 10 >= long * 7
    }

    // MARK: Token tests

    @inline(__always) func isWord(_ t: Int, _ hash: UInt64) -> Bool {
        t >= 0 && t < keys.count && keys[t] == hash
    }

    @inline(__always) func isWord(_ t: Int, in set: FoldedSet) -> Bool {
        t >= 0 && t < keys.count && set.contains(keys[t])
    }

    func isDivisionWord(_ t: Int) -> Bool {
        if isWord(t, in: PlaceWords.divisionWords) { return true }
        // "Nganzai local government area"
        return isWord(t, PlaceWords.local) && isWord(t + 1, PlaceWords.government)
    }

    func isFacilityWord(_ t: Int) -> Bool { isWord(t, in: PlaceWords.facilityWords) }

    func isFunctionOrTitle(_ t: Int) -> Bool {
        isWord(t, in: PlaceWords.functionWords) || isWord(t, in: PlaceWords.titles)
    }

    func isCapitalizedWord(_ t: Int) -> Bool {
        t >= 0 && t < keys.count && document.tokens[t].kind == .word && document.tokens[t].capitalized
    }

    func inDateline(_ t: Int) -> Bool { dateline?.contains(t) ?? false }

    func inTitle(_ t: Int) -> Bool { t < bodyStart }

    /// The paragraph of a token, numbered as if there were a title: 0 title, 1 first body paragraph.
    func paragraph(of t: Int) -> Int { document.sentence(of: t).paragraph + paragraphShift }

    func sentenceStart(_ t: Int) -> Int { document.sentence(of: t).tokens.lowerBound }

    /// A capitalised word, or a lower-case Arabic article joined to a capitalised name ("al-Abed").
    func isNameStart(_ t: Int) -> Bool {
        let token = document.tokens[t]
        guard token.kind == .word else { return false }
        if token.capitalized { return true }
        let bytes = document.bytes
        var i = Int(token.start)
        let end = Int(token.end)
        while i < end, bytes[i] != UInt8(ascii: "-") { i += 1 }
        guard i + 1 < end, i - Int(token.start) <= 3, bytes[i + 1] >= 0x41, bytes[i + 1] <= 0x5A else { return false }
        let particle = String(decoding: bytes[Int(token.start)..<i], as: UTF8.self)
        return PlaceWords.particles.contains(particle)
    }

    /// Whether a name may end before token `t`: the sentence ends, or punctuation, a function word or a
    /// preposition follows (not a lower-case noun: "in Christian villages").
    func endsNamePhrase(_ t: Int) -> Bool {
        guard t < keys.count, document.tokens[t].sentence == document.tokens[t - 1].sentence else { return true }
        let token = document.tokens[t]
        return token.kind == .punctuation || isFunctionOrTitle(t) || isWord(t, in: PlaceWords.locative)
            || isWord(t, in: PlaceWords.speechVerbs)
    }

    /// Words written in capitals, in the case news prints place names ("LEIGH-ON-SEA" → "Leigh-on-Sea").
    func titleCased(first: Int, last: Int) -> String {
        let small: Set<String> = ["on", "of", "the", "al", "el", "de", "upon", "by", "sur", "la", "le", "en", "i", "e"]
        var parts: [String] = []
        for t in first...last where document.tokens[t].kind == .word {
            var word = ""
            var piece = ""
            func flush(_ separator: Character?) {
                let lower = piece.lowercased()
                word += (small.contains(lower) && !word.isEmpty) ? lower : lower.prefix(1).uppercased() + lower.dropFirst()
                if let separator { word.append(separator) }
                piece = ""
            }
            for character in document.text(t) {
                if character == "-" || character == "'" {
                    flush(character)
                } else {
                    piece.append(character)
                }
            }
            flush(nil)
            parts.append(word)
        }
        return parts.joined(separator: " ")
    }

    func allCaps(first: Int, last: Int) -> Bool {
        var any = false
        for t in first...last where document.tokens[t].kind == .word {
            let token = document.tokens[t]
            if token.allCaps {
                any = true
            } else if !(token.end - token.start == 1 && token.capitalized) {
                return false
            }
        }
        return any
    }

    /// Capitalised in the middle of a sentence of the body or of a title that is not in title case.
    func midSentenceCapital(_ t: Int) -> Bool {
        t > sentenceStart(t) && !(inTitle(t) && titleCase) && !isFunctionOrTitle(t - 1)
            && document.tokens[t].capitalized
    }

    /// Where a common-word name may be a place: after a place preposition, in a dateline, or before ", Country".
    func commonWordAllowed(first: Int, last: Int) -> Bool {
        if inDateline(first) { return true }
        // "in Nice", "the city of Reading"; not "inside the Cathedral".
        if case .preposition(_, let afterThe) = placePhrase(before: first), !afterThe { return true }
        if case .typeOf = placePhrase(before: first) { return true }
        return isWord(last + 1, PlaceWords.comma) && isCapitalizedWord(last + 2) && !(inTitle(first) && titleCase)
    }

    /// The phrase in front of a name that makes it a place.
    enum Phrase {
        case none
        /// "in X", "near the X": `strong` for in/at/near/outside/inside/around; `afterThe` when "the" stands between.
        case preposition(strong: Bool, afterThe: Bool)
        /// "the town of X", "west of X", "the Pakistani city of X".
        case typeOf
    }

    func placePhrase(before first: Int) -> Phrase {
        var j = first - 1
        let sentenceFirst = sentenceStart(first)
        if isWord(j, PlaceWords.of) {
            if j - 1 >= sentenceFirst, isWord(j - 1, in: PlaceWords.placeTypes) { return .typeOf }
        }
        var afterThe = false
        while j >= sentenceFirst, isWord(j, in: PlaceWords.placeAdjectives) {
            if isWord(j, PlaceWords.the) { afterThe = true }
            j -= 1
        }
        guard j >= sentenceFirst, isWord(j, in: PlaceWords.locative) else { return .none }
        return .preposition(strong: isWord(j, in: PlaceWords.strongLocative), afterThe: afterThe)
    }

    /// A title before the name, a verb of speech after it, or capitalised words around it that make it part of a
    /// longer name ("Joe Biden", "Quetta Shura"); building words after it are fine ("Garissa University").
    enum NameRun {
        case no
        /// A title or initial before it, a first name before it, or a verb of speech after it: a person.
        case person
        /// Capitalised words after it: part of an organisation's or other name ("Quetta Shura").
        case longerName
    }

    func personOrLongerName(first: Int, last: Int, isName: (UInt64) -> Bool) -> NameRun {
        if inDateline(first) { return .no }
        let before = first - 1
        if before >= sentenceStart(first) {
            if isWord(before, in: PlaceWords.titles), document.tokens[before].capitalized { return .person }
            // "George W. Bush": an initial before the name.
            if document.tokens[before].kind == .punctuation, before - 1 >= sentenceStart(first),
                document.tokens[before - 1].end - document.tokens[before - 1].start == 1,
                document.tokens[before - 1].capitalized,
                document.bytes[Int(document.tokens[before].start)] == UInt8(ascii: ".")
            {
                return .person
            }
            // "Gen." before the name.
            if document.tokens[before].kind == .punctuation, isWord(before - 1, in: PlaceWords.titles),
                document.bytes[Int(document.tokens[before].start)] == UInt8(ascii: ".")
            {
                return .person
            }
        }
        // "Bulama said" (but "police in Kabul said" is a place).
        if isWord(last + 1, in: PlaceWords.speechVerbs), case .none = placePhrase(before: first) { return .person }
        if inTitle(first) && titleCase { return .no }
        // A first name before it ("Joe Biden"); not a place or demonym ("Syrian Kurdish") nor a compound
        // ("Indian-administered Kashmir").
        if before >= sentenceStart(first), isCapitalizedWord(before), !isFunctionOrTitle(before),
            !isWord(before, in: PlaceWords.directions), !isWord(before, in: PlaceWords.locative),
            !isName(keys[before]),
            !document.bytes[Int(document.tokens[before].start)..<Int(document.tokens[before].end)].contains(0x2D)
        {
            return .person
        }
        let after = last + 1
        if isCapitalizedWord(after), document.tokens[after].sentence == document.tokens[first].sentence,
            !isFacilityWord(after), !isDivisionWord(after), !isFunctionOrTitle(after)
        {
            return .longerName
        }
        return .no
    }
}
