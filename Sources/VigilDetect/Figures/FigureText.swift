/// The document as the figure stages read it: tokens, the number mentions indexed by token, and word lookups.
struct FigureText {
    let document: TextDocument
    let tokens: [TextDocument.Token]
    let mentions: [NumberMention]
    /// For each token, the index in `mentions` of the number that starts there, or -1.
    private var starting: [Int32]
    /// For each token, the index in `mentions` of the number that ends there, or -1.
    private var ending: [Int32]
    /// The publication day, when known.
    let published: CivilDate?

    init(_ context: AnalysisContext, numbers: [NumberMention]) {
        document = context.document
        tokens = context.document.tokens
        mentions = numbers
        starting = [Int32](repeating: -1, count: tokens.count)
        ending = [Int32](repeating: -1, count: tokens.count)
        for (index, mention) in numbers.enumerated()
        where mention.first >= 0 && mention.last < tokens.count && mention.first <= mention.last {
            starting[mention.first] = Int32(index)
            ending[mention.last] = Int32(index)
        }
        published = context.published.map(CivilDate.init)
    }

    var count: Int { tokens.count }

    /// The figure-lexicon entry of a word token.
    @inline(__always) func word(_ index: Int) -> FigureWord? { FigureLexicon.word(document, index) }

    /// Whether token `index` is in the lexicon with any of `flags`.
    @inline(__always) func has(_ index: Int, _ flags: FigureWord.Flags) -> Bool {
        word(index)?.has(flags) ?? false
    }

    /// Whether token `index` has folded hash `hash`.
    @inline(__always) func isWord(_ index: Int, _ hash: UInt64) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].folded == hash
    }

    /// Whether token `index` is the punctuation mark with hash `hash`.
    @inline(__always) func isMark(_ index: Int, _ hash: UInt64) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].kind == .punctuation && tokens[index].folded == hash
    }

    /// The number that starts at token `index`.
    @inline(__always) func mention(startingAt index: Int) -> NumberMention? {
        guard index >= 0, index < tokens.count else { return nil }
        let found = starting[index]
        return found < 0 ? nil : mentions[Int(found)]
    }

    /// The number that ends at token `index`.
    @inline(__always) func mention(endingAt index: Int) -> NumberMention? {
        guard index >= 0, index < tokens.count else { return nil }
        let found = ending[index]
        return found < 0 ? nil : mentions[Int(found)]
    }

    /// The token range of the sentence holding token `index`.
    @inline(__always) func sentence(of index: Int) -> Range<Int> {
        document.sentences[Int(tokens[index].sentence)].tokens
    }

    /// Whether two tokens are in the same sentence.
    @inline(__always) func sameSentence(_ a: Int, _ b: Int) -> Bool {
        a >= 0 && b >= 0 && a < tokens.count && b < tokens.count && tokens[a].sentence == tokens[b].sentence
    }

    /// A short, case-folded key for a capitalised word: its first four letters, so that "Afghan" and "Afghans",
    /// "America" and "American" compare equal.
    func stemKey(_ index: Int) -> UInt32 {
        let token = tokens[index]
        var key: UInt32 = 0
        var taken = 0
        var position = Int(token.start)
        while position < Int(token.end), taken < 4 {
            let byte = document.bytes[position]
            key = key << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            taken += 1
            position += 1
        }
        return key
    }
}
