/// Finds lexicon phrases (one or more words) in a `TextDocument` in one pass: a trie over token hashes, so the
/// cost is linear in the document and independent of the lexicon's size.
///
/// Phrases are tokenised with the document's own rules, so "al-Shabaab", "al Shabaab" and "IS-K" match as
/// written. Matching ignores case, except for phrases marked case-sensitive (short acronyms such as "IS" or
/// "ISIS", which would otherwise match the verb "is").
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// One occurrence of a phrase.
    public struct Match: Sendable {
        /// First and last token index.
        public var first: Int
        public var last: Int
        public var payload: Payload
    }

    private struct Node: Sendable {
        var children: [UInt64: Int32] = [:]
        /// Payloads of phrases ending here, with their exact (case-sensitive) token bytes when required.
        var terminals: [(payload: Payload, exact: [[UInt8]]?)] = []
    }

    private var nodes: [Node] = [Node()]

    public init() {}

    /// Whether no phrase was added.
    public var isEmpty: Bool { nodes.count == 1 }

    /// Adds a phrase. With `caseSensitive`, each token must match as written.
    public mutating func add(_ phrase: String, payload: Payload, caseSensitive: Bool = false) {
        let document = TextDocument(title: nil, body: phrase)
        guard !document.tokens.isEmpty else { return }
        var node = 0
        for token in document.tokens {
            if let next = nodes[node].children[token.folded] {
                node = Int(next)
            } else {
                nodes.append(Node())
                nodes[node].children[token.folded] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        let exact: [[UInt8]]? =
            caseSensitive
            ? document.tokens.map { Array(document.bytes[Int($0.start)..<Int($0.end)]) } : nil
        nodes[node].terminals.append((payload, exact))
    }

    /// Every match, in document order of their first token; at one start, longer matches come first. With
    /// `longestOnly`, overlapping matches are resolved left to right, keeping the longest at each start.
    public func matches(in document: TextDocument, longestOnly: Bool = true) -> [Match] {
        var found: [Match] = []
        let tokens = document.tokens
        var index = 0
        while index < tokens.count {
            var node = 0
            var position = index
            var atThisStart: [Match] = []
            while position < tokens.count, let next = nodes[node].children[tokens[position].folded] {
                node = Int(next)
                for terminal in nodes[node].terminals
                where terminal.exact == nil || exactMatch(terminal.exact ?? [], document, from: index) {
                    atThisStart.append(Match(first: index, last: position, payload: terminal.payload))
                }
                position += 1
            }
            if atThisStart.isEmpty {
                index += 1
                continue
            }
            atThisStart.sort { $0.last > $1.last }
            if longestOnly {
                let longest = atThisStart[0].last
                found.append(contentsOf: atThisStart.filter { $0.last == longest })
                index = longest + 1
            } else {
                found.append(contentsOf: atThisStart)
                index += 1
            }
        }
        return found
    }

    private func exactMatch(_ exact: [[UInt8]], _ document: TextDocument, from: Int) -> Bool {
        for (offset, bytes) in exact.enumerated() {
            let token = document.tokens[from + offset]
            if !document.bytes[Int(token.start)..<Int(token.end)].elementsEqual(bytes) { return false }
        }
        return true
    }
}
