/// Lexicon patterns compiled into a token trie, matched in one pass over a `TextDocument`.
///
/// A pattern is written like a phrase, with a little syntax so that data files stay short:
/// - slots are separated by spaces: `suicide bomber` is two slots;
/// - `a|b|c` gives alternatives for one slot: `suicide bomber|bombers|bombing`;
/// - `_` joins words inside one alternative: `blew himself|herself|themselves up`, `car_bomb|truck_bomb`;
/// - a slot ending in `?` is optional: `claimed the? responsibility`;
/// - `{num}` is any number (digits or a number word: `12`, `1,315`, `twelve`, `dozens`), `{ord}` any ordinal
///   (`20th`, `third`), `{any}` any single word.
/// Patterns are tokenised with the document's own rules, so `al-Shabaab` and `Workers'` match as written, and they
/// never cross a sentence boundary. Matching ignores case unless the entry is case-sensitive (acronyms like `IS`).
struct PatternTrie<Payload: Sendable>: Sendable {
    /// One occurrence of a pattern: first and last token index.
    struct Match: Sendable {
        var first: Int
        var last: Int
        var payload: Payload
    }

    private enum Step: Sendable {
        case word(UInt64, [UInt8])
        case number, ordinal, any
    }

    /// A node holds no references (word edges live in `edges`, terminals in a list through `entries`), so the
    /// matching loop reads it without retain/release traffic.
    private struct Node: Sendable {
        var number: Int32 = -1
        var ordinal: Int32 = -1
        var any: Int32 = -1
        /// First and last index into `entries` of the patterns ending here (a list through `Entry.next`).
        var firstTerminal: Int32 = -1
        var lastTerminal: Int32 = -1
    }

    private struct Entry: Sendable {
        var payload: Payload
        /// Exact bytes per step for case-sensitive patterns (nil for wildcard steps).
        var exact: [[UInt8]?]?
        /// The next pattern ending at the same node, or -1.
        var next: Int32 = -1
    }

    private var nodes: [Node] = [Node()]
    private var edges = TrieEdges()
    private var entries: [Entry] = []

    /// The most phrases one pattern may expand to.
    static var maxExpansions: Int { 4096 }

    init() {}

    /// Whether nothing was added.
    var isEmpty: Bool { entries.isEmpty }

    /// Adds a pattern; returns a message saying what is wrong with it, or nil.
    @discardableResult
    mutating func add(_ pattern: String, payload: Payload, caseSensitive: Bool = false) -> String? {
        var slots: [[[Step]]] = []
        for rawSlot in pattern.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var slot = Substring(rawSlot)
            var optional = false
            if slot.count > 1, slot.hasSuffix("?") {
                optional = true
                slot = slot.dropLast()
            }
            var alternatives: [[Step]] = optional ? [[]] : []
            for alternative in slot.split(separator: "|", omittingEmptySubsequences: false) {
                switch alternative {
                case "{num}": alternatives.append([.number])
                case "{ord}": alternatives.append([.ordinal])
                case "{any}": alternatives.append([.any])
                default:
                    let text = alternative.replacingOccurrences(of: "_", with: " ")
                    let document = TextDocument(title: nil, body: text)
                    guard !document.tokens.isEmpty else { return "empty alternative in '\(pattern)'" }
                    alternatives.append(
                        document.tokens.map { token in
                            .word(token.folded, Array(document.bytes[Int(token.start)..<Int(token.end)]))
                        })
                }
            }
            slots.append(alternatives)
        }
        guard !slots.isEmpty else { return "empty pattern" }
        var expansions: [[Step]] = [[]]
        for slot in slots {
            var next: [[Step]] = []
            for prefix in expansions {
                for alternative in slot { next.append(prefix + alternative) }
            }
            expansions = next
            if expansions.count > Self.maxExpansions {
                return "'\(pattern)' expands to more than \(Self.maxExpansions) phrases"
            }
        }
        for steps in expansions where !steps.isEmpty {
            insert(steps, payload: payload, caseSensitive: caseSensitive)
        }
        return expansions.contains { !$0.isEmpty } ? nil : "'\(pattern)' can match nothing"
    }

    private mutating func insert(_ steps: [Step], payload: Payload, caseSensitive: Bool) {
        var node = 0
        for step in steps {
            let existing: Int32
            switch step {
            case .word(let hash, _): existing = edges.child(Int32(node), hash)
            case .number: existing = nodes[node].number
            case .ordinal: existing = nodes[node].ordinal
            case .any: existing = nodes[node].any
            }
            if existing >= 0 {
                node = Int(existing)
                continue
            }
            nodes.append(Node())
            let created = Int32(nodes.count - 1)
            switch step {
            case .word(let hash, _): edges.set(Int32(node), hash, child: created)
            case .number: nodes[node].number = created
            case .ordinal: nodes[node].ordinal = created
            case .any: nodes[node].any = created
            }
            node = Int(created)
        }
        let exact: [[UInt8]?]? =
            caseSensitive
            ? steps.map { step -> [UInt8]? in
                if case .word(_, let bytes) = step { return bytes }
                return nil
            } : nil
        entries.append(Entry(payload: payload, exact: exact))
        let entry = Int32(entries.count - 1)
        if nodes[node].lastTerminal >= 0 {
            entries[Int(nodes[node].lastTerminal)].next = entry
        } else {
            nodes[node].firstTerminal = entry
        }
        nodes[node].lastTerminal = entry
    }

    /// Every match in `range` (default: the whole document), in order of first token. With `longestOnly`, only
    /// the longest matches at a start are kept and matching resumes after them.
    func matches(in document: TextDocument, range: Range<Int>? = nil, longestOnly: Bool = true) -> [Match] {
        var found: [Match] = []
        guard !entries.isEmpty else { return found }
        let tokens = document.tokens
        let bounds = range ?? 0..<tokens.count
        guard bounds.lowerBound >= 0, bounds.upperBound <= tokens.count else { return found }
        var stack: [(node: Int32, position: Int)] = []
        var atStart: [(last: Int, entry: Int32)] = []
        var index = bounds.lowerBound
        while index < bounds.upperBound {
            // Cheap rejection: no pattern can start with this token.
            let root = nodes[0]
            let first = tokens[index]
            if edges.child(0, first.folded) < 0, root.any < 0 || first.kind == .punctuation,
                root.number < 0 || !Self.isNumber(first, document),
                root.ordinal < 0 || !Self.isOrdinal(first, document)
            {
                index += 1
                continue
            }
            atStart.removeAll(keepingCapacity: true)
            stack.removeAll(keepingCapacity: true)
            stack.append((0, index))
            let sentence = first.sentence
            while let (nodeIndex, position) = stack.popLast() {
                guard position < bounds.upperBound, tokens[position].sentence == sentence else { continue }
                let node = nodes[Int(nodeIndex)]
                let token = tokens[position]
                let candidates: (Int32, Int32, Int32, Int32) = (
                    edges.child(nodeIndex, token.folded),
                    node.any >= 0 && token.kind != .punctuation ? node.any : -1,
                    node.number >= 0 && Self.isNumber(token, document) ? node.number : -1,
                    node.ordinal >= 0 && Self.isOrdinal(token, document) ? node.ordinal : -1
                )
                func follow(_ next: Int32) {
                    guard next >= 0 else { return }
                    var terminal = nodes[Int(next)].firstTerminal
                    while terminal >= 0 {
                        if exactMatch(entries[Int(terminal)], document, from: index) {
                            atStart.append((position, terminal))
                        }
                        terminal = entries[Int(terminal)].next
                    }
                    stack.append((next, position + 1))
                }
                follow(candidates.0)
                follow(candidates.1)
                follow(candidates.2)
                follow(candidates.3)
            }
            if atStart.isEmpty {
                index += 1
                continue
            }
            if longestOnly {
                let longest = atStart.map(\.last).max() ?? index
                var seen: Set<Int32> = []
                for candidate in atStart where candidate.last == longest && seen.insert(candidate.entry).inserted {
                    found.append(Match(first: index, last: longest, payload: entries[Int(candidate.entry)].payload))
                }
                index = longest + 1
            } else {
                atStart.sort { $0.last > $1.last }
                var seen: Set<[Int]> = []
                for candidate in atStart where seen.insert([candidate.last, Int(candidate.entry)]).inserted {
                    found.append(
                        Match(first: index, last: candidate.last, payload: entries[Int(candidate.entry)].payload))
                }
                index += 1
            }
        }
        return found
    }

    private func exactMatch(_ entry: Entry, _ document: TextDocument, from: Int) -> Bool {
        guard let exact = entry.exact else { return true }
        for (offset, bytes) in exact.enumerated() {
            guard let bytes else { continue }
            let token = document.tokens[from + offset]
            if !document.bytes[Int(token.start)..<Int(token.end)].elementsEqual(bytes) { return false }
        }
        return true
    }

    // MARK: Numbers

    static func isNumber(_ token: TextDocument.Token, _ document: TextDocument) -> Bool {
        token.kind == .number || (token.kind == .word && NumberWords.cardinals.contains(token.folded))
    }

    static func isOrdinal(_ token: TextDocument.Token, _ document: TextDocument) -> Bool {
        guard token.kind == .word else { return false }
        if NumberWords.ordinals.contains(token.folded) { return true }
        let start = Int(token.start)
        let end = Int(token.end)
        guard end - start >= 3, document.bytes[start] >= 0x30, document.bytes[start] <= 0x39 else { return false }
        let a = document.bytes[end - 2] | 0x20
        let b = document.bytes[end - 1] | 0x20
        let suffix = [a, b]
        return suffix == Array("st".utf8) || suffix == Array("nd".utf8) || suffix == Array("rd".utf8)
            || suffix == Array("th".utf8)
    }
}

/// Number and ordinal words, as folded hashes.
enum NumberWords {
    static let cardinalValues: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
        "twenty-one": 21, "twenty-two": 22, "twenty-three": 23, "twenty-four": 24, "twenty-five": 25,
        "twenty-six": 26, "twenty-seven": 27, "twenty-eight": 28, "twenty-nine": 29,
        "dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40,
    ]
    static let cardinals = FoldedSet(cardinalValues.keys.map { TextDocument.hash($0) })
    static let ordinals = FoldedSet(
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "fifteenth", "twentieth", "twenty-fifth", "thirtieth", "fortieth", "fiftieth",
            "sixtieth", "seventieth", "seventy-fifth", "hundredth",
        ].map { TextDocument.hash($0) })
}
