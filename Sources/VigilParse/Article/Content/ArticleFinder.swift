/// Finds the article in a page the way Mozilla Readability's `_grabArticle` does, on the compact tree and without
/// changing it: removals are marks in an array, and the paragraphs Readability would create (a `div` without block
/// children, runs of inline content between blocks) are recognised in place.
///
/// 1. Remove what is hidden, chrome, a byline, the title heading, and (with `stripUnlikelys`) elements whose
///    class or id name page furniture.
/// 2. Score every paragraph-like node (1 + commas + 1 per 100 characters, up to 3) and add the score to its five
///    nearest ancestors (divided by 1, 2, then 3× the level); scale each candidate by 1 − link density.
/// 3. Take the best candidate, move up when its ancestors look as good, and add siblings that score well or read
///    like paragraphs.
/// 4. Clean the result (`ArticleCleaner`).
struct ArticleFinder {
    /// Readability's flags, dropped one by one when an attempt finds too little text.
    struct Options: OptionSet, Sendable {
        let rawValue: UInt8
        static let stripUnlikelys = Options(rawValue: 1 << 0)
        static let weightClasses = Options(rawValue: 1 << 1)
        static let cleanConditionally = Options(rawValue: 1 << 2)
        static let all: Options = [.stripUnlikelys, .weightClasses, .cleanConditionally]
    }

    /// How an element takes part in scoring.
    enum Kind: UInt8 {
        case other
        /// A paragraph: `p`, or a `div` without block content.
        case paragraph
        /// A `div` (or a `p` split by `<br><br>`) whose inline runs are paragraphs of their own.
        case container
    }

    /// Part of the article: the sibling nodes `first` through `last` (one element, or a run of inline content).
    struct Piece: Sendable, Equatable {
        var first: HTMLTree.NodeID
        var last: HTMLTree.NodeID
        /// A run of inline content (Readability wraps it in a `p`), not an element of its own.
        var isRun = false
    }

    /// A run of inline content inside a container.
    struct Run {
        var first: HTMLTree.NodeID
        var last: HTMLTree.NodeID
        var chars: Int32
        var commas: Int32
        var linkChars: Float
    }

    let facts: PageFacts
    let options: Options
    /// Lower-cased word tokens of the page titles, to drop the heading that repeats the title.
    let titleTokens: [[[UInt8]]]
    /// Keep the byline in the text (Readability does when the metadata has an author; the extractor does not, so
    /// that the text is the same whether or not the page's metadata names the author).
    let keepsByline: Bool

    private(set) var removed: [Bool]
    private(set) var kinds: [Kind]
    private(set) var chars: [Int32]
    private(set) var commas: [Int32]
    private(set) var linkChars: [Float]
    private(set) var elementChildren: [Int32]
    /// Inline runs of each container (Readability wraps each in a `p`).
    private(set) var runCount: [Int32]
    /// Characters of each container's longest inline run.
    private(set) var longestRun: [Int32]
    /// A `div` that holds a single `p` and nothing else: Readability replaces it with the `p`.
    private(set) var transparent: [Bool]
    private(set) var score: [Float]
    private(set) var hasScore: [Bool]
    private(set) var candidates: [HTMLTree.NodeID] = []
    /// The article, in document order.
    private(set) var pieces: [Piece] = []
    /// The chosen top candidate (before siblings were added).
    private(set) var topCandidate: HTMLTree.NodeID = -1

    var tree: HTMLTree { facts.tree }

    /// A finder for one attempt, with per-node arrays sized to the page.
    init(facts: PageFacts, options: Options, titleTokens: [[[UInt8]]], keepsByline: Bool) {
        self.facts = facts
        self.options = options
        self.titleTokens = titleTokens
        self.keepsByline = keepsByline
        let n = facts.tree.count
        removed = [Bool](repeating: false, count: n)
        kinds = [Kind](repeating: .other, count: n)
        chars = [Int32](repeating: 0, count: n)
        commas = [Int32](repeating: 0, count: n)
        linkChars = [Float](repeating: 0, count: n)
        elementChildren = [Int32](repeating: 0, count: n)
        runCount = [Int32](repeating: 0, count: n)
        longestRun = [Int32](repeating: 0, count: n)
        transparent = [Bool](repeating: false, count: n)
        score = [Float](repeating: 0, count: n)
        hasScore = [Bool](repeating: false, count: n)
    }

    /// A finder with no per-node state, to stand in while another value owns the arrays (so that moving them
    /// out does not copy them).
    static func placeholder(facts: PageFacts) -> ArticleFinder {
        var finder = ArticleFinder(facts: facts, options: [], titleTokens: [], keepsByline: true, nodes: 0)
        finder.pieces = []
        return finder
    }

    /// A finder without per-node arrays (see `placeholder`).
    private init(facts: PageFacts, options: Options, titleTokens: [[[UInt8]]], keepsByline: Bool, nodes n: Int) {
        self.facts = facts
        self.options = options
        self.titleTokens = titleTokens
        self.keepsByline = keepsByline
        removed = []
        kinds = []
        chars = []
        commas = []
        linkChars = []
        elementChildren = []
        runCount = []
        longestRun = []
        transparent = []
        score = []
        hasScore = []
    }

    /// Runs the finder: marks removals, scores, and selects the pieces of the article.
    mutating func run() {
        guard tree.count > 1 else { return }
        markRemovals()
        computeLiveStatistics()
        scoreParagraphs()
        selectArticle()
    }

    /// Marks a node removed (the caller takes care of its descendants).
    mutating func remove(_ node: HTMLTree.NodeID) { removed[Int(node)] = true }

    /// Takes a subtree back into the text (a lead the attempt had removed with its container), keeping out
    /// only what is never text: hidden elements, chrome, and elements without readable content.
    mutating func restore(_ node: HTMLTree.NodeID) {
        let nodes = tree.nodes
        let end = Int(facts.subtreeEnd[Int(node)])
        removed[Int(node)] = false
        for id in (Int(node) + 1)..<max(Int(node) + 1, end) {
            let current = nodes[id]
            let parent = Int(current.parent)
            if parent != Int(node), removed[parent] {
                removed[id] = true
                continue
            }
            if TagTraits.of(nodes[parent].tag).contains(.media) {
                removed[id] = true
                continue
            }
            let traits = TagTraits.of(current.tag)
            removed[id] =
                current.tag != HTMLTag.text.code
                && ((traits.contains(.dropped) && !traits.contains(.media)) || traits.contains(.chrome)
                    || facts.hints[id].contains(.hidden))
        }
    }

    /// Whether a node is removed, itself or through an ancestor.
    func isRemoved(_ node: HTMLTree.NodeID) -> Bool { removed[Int(node)] }

    /// Recounts the live characters and link characters of a subtree after removals inside it.
    mutating func recount(_ root: HTMLTree.NodeID) {
        let nodes = tree.nodes
        let start = Int(root)
        let end = Int(facts.subtreeEnd[start])
        for id in start..<end where nodes[id].tag != HTMLTag.text.code {
            chars[id] = 0
            linkChars[id] = 0
        }
        for id in stride(from: end - 1, through: start, by: -1) where !removed[id] {
            let node = nodes[id]
            if node.tag == HTMLTag.text.code {
                chars[id] = facts.chars[id]
            } else if node.tag == HTMLTag.a.code {
                linkChars[id] = Float(chars[id]) * (facts.hints[id].contains(.fragmentLink) ? 0.3 : 1)
            }
            guard id > start else { continue }
            let parent = Int(node.parent)
            chars[parent] += chars[id]
            linkChars[parent] += linkChars[id]
        }
    }

    /// Updates a node's live statistics after the cleaner removed some of its content.
    mutating func setStatistics(_ node: HTMLTree.NodeID, chars: Int32, linkChars: Float) {
        self.chars[Int(node)] = chars
        self.linkChars[Int(node)] = linkChars
    }

    // MARK: Removal

    /// Readability's first walk: marks hidden nodes, chrome, the byline, the title heading and (with
    /// `stripUnlikelys`) unlikely candidates removed, and sorts `div`s into paragraphs and containers.
    private mutating func markRemovals() {
        let nodes = tree.nodes
        let n = nodes.count
        let textCode = HTMLTag.text.code
        var bylineFound = keepsByline
        var titleHeadingPending = !titleTokens.isEmpty
        let strip = options.contains(.stripUnlikelys)
        for id in 1..<n {
            let node = nodes[id]
            let parent = Int(node.parent)
            if removed[parent] {
                removed[id] = true
                continue
            }
            if parent > 0, TagTraits.of(nodes[parent].tag).contains(.media) {
                removed[id] = true  // fallback content of media
                continue
            }
            if node.tag == textCode { continue }
            let traits = TagTraits.of(node.tag)
            let hints = facts.hints[id]
            if (traits.contains(.dropped) && !traits.contains(.media)) || hints.contains(.hidden)
                || traits.contains(.chrome)
            {
                removed[id] = true
                continue
            }
            if !bylineFound, hints.contains(.byline), facts.chars[id] > 0, facts.chars[id] < 100 {
                bylineFound = true
                removed[id] = true
                continue
            }
            let tag = HTMLTag(code: node.tag)
            if titleHeadingPending, tag == .h1 || tag == .h2, headingRepeatsTitle(HTMLTree.NodeID(id)) {
                titleHeadingPending = false
                removed[id] = true
                continue
            }
            if strip {
                if hints.contains(.unlikely), !hints.contains(.maybeCandidate), tag != .body, tag != .a,
                    !hasAncestor(HTMLTree.NodeID(id), .table), !hasAncestor(HTMLTree.NodeID(id), .code)
                {
                    removed[id] = true
                    continue
                }
                if hints.contains(.unlikelyRole) {
                    removed[id] = true
                    continue
                }
            }
            if tag == .div || tag == .section || tag == .header || traits.contains(.heading), facts.chars[id] == 0,
                !facts.flags[id].contains(.hasContentChild)
            {
                removed[id] = true
                continue
            }
            if traits.contains(.divLike) || tag == .p {
                let flags = facts.flags[id]
                if flags.contains(.hasBreakChain) {
                    kinds[id] = .container
                } else if tag == .p || !flags.contains(.hasBlockDescendant) {
                    kinds[id] = .paragraph
                } else {
                    kinds[id] = .container
                }
            }
        }
    }

    /// Whether an ancestor within three levels up has the tag (Readability's `_hasAncestorTag` default depth).
    func hasAncestor(_ node: HTMLTree.NodeID, _ tag: HTMLTag, maxDepth: Int = 3) -> Bool {
        var current = tree.nodes[Int(node)].parent
        var depth = 0
        while current > 0 {
            if maxDepth >= 0, depth > maxDepth { return false }
            if tree.nodes[Int(current)].tag == tag.code { return true }
            current = tree.nodes[Int(current)].parent
            depth += 1
        }
        return false
    }

    /// Readability's `_textSimilarity(title, heading) > 0.75` against any of the titles.
    func headingRepeatsTitle(_ node: HTMLTree.NodeID) -> Bool {
        guard facts.chars[Int(node)] > 0, facts.chars[Int(node)] < 400 else { return false }
        let heading = TitleTokens.tokens(of: Array(tree.collapsedText(node).utf8))
        guard !heading.isEmpty else { return false }
        for title in titleTokens where TitleTokens.similarity(title, heading) > 0.75 { return true }
        return false
    }

    // MARK: Statistics

    /// Characters, commas, link characters and element children of what is left, bottom-up.
    private mutating func computeLiveStatistics() {
        let nodes = tree.nodes
        let textCode = HTMLTag.text.code
        let aCode = HTMLTag.a.code
        for id in stride(from: nodes.count - 1, through: 1, by: -1) where !removed[id] {
            let node = nodes[id]
            let parent = Int(node.parent)
            if node.tag == textCode {
                chars[id] = facts.chars[id]
                commas[id] = facts.commas[id]
            } else {
                if node.tag == aCode {
                    linkChars[id] = Float(chars[id]) * (facts.hints[id].contains(.fragmentLink) ? 0.3 : 1)
                }
                elementChildren[parent] += 1
            }
            chars[parent] += chars[id]
            commas[parent] += commas[id]
            linkChars[parent] += linkChars[id]
        }
    }

    /// Link characters over characters.
    func linkDensity(_ node: HTMLTree.NodeID) -> Float {
        let total = chars[Int(node)]
        return total > 0 ? linkChars[Int(node)] / Float(total) : 0
    }

    // MARK: Scoring

    /// Whether a child counts as phrasing content.
    @inline(__always) func isPhrasing(_ node: HTMLTree.NodeID) -> Bool {
        let tag = tree.nodes[Int(node)].tag
        if tag == HTMLTag.text.code { return true }
        let traits = TagTraits.of(tag)
        return traits.contains(.phrasing)
            || (traits.contains(.phrasingIfContent) && facts.flags[Int(node)].contains(.allPhrasing))
    }

    /// Calls `body` for each run of inline content among a container's children (a run ends at a block child
    /// or at two `br` in a row; runs of whitespace are skipped).
    func forEachRun(of container: HTMLTree.NodeID, _ body: (Run) -> Void) {
        var run: Run? = nil
        var child = tree.nodes[Int(container)].firstChild
        let brCode = HTMLTag.br.code
        while child >= 0 {
            let next = tree.nodes[Int(child)].nextSibling
            defer { child = next }
            if removed[Int(child)] { continue }
            let node = tree.nodes[Int(child)]
            let endsRun: Bool
            if node.tag == brCode {
                endsRun = nextIsBreak(after: next)
                if endsRun {
                    if let current = run { body(current) }
                    run = nil
                    continue
                }
            }
            guard isPhrasing(child) else {
                if let current = run { body(current) }
                run = nil
                continue
            }
            if run == nil {
                if facts.flags[Int(child)].contains(.blank) || node.tag == brCode { continue }
                run = Run(first: child, last: child, chars: 0, commas: 0, linkChars: 0)
            }
            run?.last = child
            run?.chars += chars[Int(child)]
            run?.commas += commas[Int(child)]
            run?.linkChars += linkChars[Int(child)]
        }
        if let current = run { body(current) }
    }

    /// Whether the next live, non-blank sibling is a `br`.
    private func nextIsBreak(after sibling: HTMLTree.NodeID) -> Bool {
        var next = sibling
        while next >= 0 {
            if removed[Int(next)] || facts.flags[Int(next)].contains(.blank) {
                next = tree.nodes[Int(next)].nextSibling
                continue
            }
            return tree.nodes[Int(next)].tag == HTMLTag.br.code
        }
        return false
    }

    /// Scores every paragraph-like node and inline run, adding to its ancestors.
    private mutating func scoreParagraphs() {
        let nodes = tree.nodes
        let textCode = HTMLTag.text.code
        var id = 1
        let n = nodes.count
        while id < n {
            if removed[id] {
                id = Int(facts.subtreeEnd[id])
                continue
            }
            let node = nodes[id]
            defer { id += 1 }
            if node.tag == textCode { continue }
            let nodeID = HTMLTree.NodeID(id)
            switch kinds[id] {
            case .paragraph:
                scoreParagraph(chars: chars[id], commas: commas[id], firstAncestor: node.parent)
            case .container:
                var runs: [Run] = []
                forEachRun(of: nodeID) { runs.append($0) }
                runCount[id] = Int32(runs.count)
                longestRun[id] = runs.reduce(0) { max($0, $1.chars) }
                if runs.isEmpty, elementChildren[id] == 1, linkDensity(nodeID) < 0.25 {
                    let only = firstLiveElementChild(nodeID)
                    if only >= 0, nodes[Int(only)].tag == HTMLTag.p.code, kinds[Int(only)] == .paragraph {
                        transparent[id] = true
                    }
                }
                for run in runs {
                    scoreParagraph(chars: run.chars, commas: run.commas, firstAncestor: nodeID)
                }
            case .other:
                if TagTraits.of(node.tag).contains(.scored) {
                    scoreParagraph(chars: chars[id], commas: commas[id], firstAncestor: node.parent)
                }
            }
        }
    }

    /// The first child element that is not removed, or -1.
    func firstLiveElementChild(_ node: HTMLTree.NodeID) -> HTMLTree.NodeID {
        var child = tree.nodes[Int(node)].firstChild
        while child >= 0 {
            if !removed[Int(child)], tree.nodes[Int(child)].tag != HTMLTag.text.code { return child }
            child = tree.nodes[Int(child)].nextSibling
        }
        return -1
    }

    /// Readability's paragraph score, added to five ancestors with falling weight.
    private mutating func scoreParagraph(chars: Int32, commas: Int32, firstAncestor: HTMLTree.NodeID) {
        guard chars >= 25 else { return }
        let contentScore = 1 + Float(commas + 1) + Float(min(chars / 100, 3))
        var ancestor = firstAncestor
        var level = 0
        while ancestor > 0, level < 5 {
            let parent = tree.nodes[Int(ancestor)].parent
            if transparent[Int(ancestor)] {
                ancestor = parent
                continue
            }
            guard parent > 0 else { break }  // the root element's parent is the document
            if !hasScore[Int(ancestor)] { initialize(ancestor) }
            let divider: Float = level == 0 ? 1 : level == 1 ? 2 : Float(level * 3)
            score[Int(ancestor)] += contentScore / divider
            level += 1
            ancestor = parent
        }
    }

    /// Makes a node a candidate with its tag and class weight.
    private mutating func initialize(_ node: HTMLTree.NodeID) {
        hasScore[Int(node)] = true
        candidates.append(node)
        var value = Float(tagWeight(node))
        if options.contains(.weightClasses) { value += Float(facts.hints[Int(node)].classWeight) }
        score[Int(node)] = value
    }

    /// Readability's score by tag, with `div`s that became paragraphs counted as `p`.
    private func tagWeight(_ node: HTMLTree.NodeID) -> Int {
        let tag = HTMLTag(code: tree.nodes[Int(node)].tag)
        if kinds[Int(node)] == .container { return 5 }
        switch tag {
        case .div: return kinds[Int(node)] == .paragraph ? 0 : 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }

    // MARK: Selection

    /// Picks the top candidate (scaled by link density), moves up where ancestors look as good, and
    /// collects the siblings that join it.
    private mutating func selectArticle() {
        let body = facts.body
        var top: [HTMLTree.NodeID] = []
        for candidate in candidates {
            let scaled = score[Int(candidate)] * (1 - linkDensity(candidate))
            score[Int(candidate)] = scaled
            for t in 0..<5 {
                if t >= top.count || scaled > score[Int(top[t])] {
                    top.insert(candidate, at: t)
                    if top.count > 5 { top.removeLast() }
                    break
                }
            }
        }
        guard var best = top.first, best != body else {
            topCandidate = body
            pieces = [Piece(first: body, last: body)]
            return
        }
        // Several near-best candidates under one ancestor: take the ancestor.
        var alternatives: [HTMLTree.NodeID] = []
        for candidate in top.dropFirst() where score[Int(candidate)] / score[Int(best)] >= 0.75 {
            alternatives.append(candidate)
        }
        if alternatives.count >= 3 {
            var ancestor = tree.nodes[Int(best)].parent
            while ancestor > 0, ancestor != body {
                var containing = 0
                for alternative in alternatives where isAncestor(ancestor, of: alternative) { containing += 1 }
                if containing >= 3 {
                    best = ancestor
                    break
                }
                ancestor = tree.nodes[Int(ancestor)].parent
            }
        }
        if !hasScore[Int(best)] { initialize(best) }
        // Climb while the parents' scores rise.
        var parent = tree.nodes[Int(best)].parent
        var lastScore = score[Int(best)]
        let threshold = lastScore / 3
        while parent > 0, parent != body {
            guard hasScore[Int(parent)] else {
                parent = tree.nodes[Int(parent)].parent
                continue
            }
            let parentScore = score[Int(parent)]
            if parentScore < threshold { break }
            if parentScore > lastScore {
                best = parent
                break
            }
            lastScore = parentScore
            parent = tree.nodes[Int(parent)].parent
        }
        // An only child: use the parent, so that siblings can join.
        parent = tree.nodes[Int(best)].parent
        while parent > 0, parent != body, elementChildren[Int(parent)] + runCount[Int(parent)] == 1 {
            best = parent
            parent = tree.nodes[Int(best)].parent
        }
        if !hasScore[Int(best)] { initialize(best) }
        topCandidate = best
        collectSiblings(of: best)
    }

    /// Whether `ancestor` is a proper ancestor of `node` (subtrees are contiguous id ranges).
    func isAncestor(_ ancestor: HTMLTree.NodeID, of node: HTMLTree.NodeID) -> Bool {
        ancestor < node && node < facts.subtreeEnd[Int(ancestor)]
    }

    /// The top candidate and the siblings (elements and inline runs) that score or read well enough.
    private mutating func collectSiblings(of best: HTMLTree.NodeID) {
        let parent = tree.nodes[Int(best)].parent
        guard parent >= 0 else {
            pieces = [Piece(first: best, last: best)]
            return
        }
        let bestScore = score[Int(best)]
        let threshold = max(10, bestScore * 0.2)
        let bestClass = facts.classBytes(best)
        var result: [Piece] = []
        if kinds[Int(parent)] == .container {
            // Inline runs of the parent are paragraphs too.
            var runs: [Run] = []
            forEachRun(of: parent) { runs.append($0) }
            var runIndex = 0
            var child = tree.nodes[Int(parent)].firstChild
            while child >= 0 {
                while runIndex < runs.count, runs[runIndex].last < child {
                    if siblingParagraphJoins(runs[runIndex]) {
                        result.append(Piece(first: runs[runIndex].first, last: runs[runIndex].last, isRun: true))
                    }
                    runIndex += 1
                }
                if !removed[Int(child)], tree.nodes[Int(child)].tag != HTMLTag.text.code,
                    !(runIndex < runs.count && runs[runIndex].first <= child && child <= runs[runIndex].last),
                    siblingJoins(child, best: best, threshold: threshold, bestScore: bestScore, bestClass: bestClass)
                {
                    result.append(Piece(first: child, last: child))
                }
                child = tree.nodes[Int(child)].nextSibling
            }
            while runIndex < runs.count {
                if siblingParagraphJoins(runs[runIndex]) {
                    result.append(Piece(first: runs[runIndex].first, last: runs[runIndex].last, isRun: true))
                }
                runIndex += 1
            }
        } else {
            var child = tree.nodes[Int(parent)].firstChild
            while child >= 0 {
                if !removed[Int(child)], tree.nodes[Int(child)].tag != HTMLTag.text.code,
                    siblingJoins(child, best: best, threshold: threshold, bestScore: bestScore, bestClass: bestClass)
                {
                    result.append(Piece(first: child, last: child))
                }
                child = tree.nodes[Int(child)].nextSibling
            }
        }
        pieces = result
    }

    /// Readability's test for an element sibling of the top candidate.
    private func siblingJoins(
        _ sibling: HTMLTree.NodeID, best: HTMLTree.NodeID, threshold: Float, bestScore: Float,
        bestClass: ArraySlice<UInt8>
    ) -> Bool {
        if sibling == best { return true }
        var bonus: Float = 0
        if !bestClass.isEmpty, facts.classBytes(sibling) == bestClass { bonus += bestScore * 0.2 }
        if hasScore[Int(sibling)], score[Int(sibling)] + bonus >= threshold { return true }
        guard kinds[Int(sibling)] == .paragraph else { return false }
        let length = chars[Int(sibling)]
        let density = linkDensity(sibling)
        if length > 80 { return density < 0.25 }
        return length > 0 && density == 0 && hasSentenceEnd(sibling, sibling)
    }

    /// Readability's paragraph test for an inline run beside the top candidate.
    private func siblingParagraphJoins(_ run: Run) -> Bool {
        let density = run.chars > 0 ? run.linkChars / Float(run.chars) : 0
        if run.chars > 80 { return density < 0.25 }
        return run.chars > 0 && density == 0 && hasSentenceEnd(run.first, run.last)
    }

    /// Whether the text of siblings `first`…`last` has a full stop followed by a space or the end.
    private func hasSentenceEnd(_ first: HTMLTree.NodeID, _ last: HTMLTree.NodeID) -> Bool {
        let end = facts.subtreeEnd[Int(last)]
        var id = first
        var pendingStop = false
        while id < end {
            if removed[Int(id)] {
                id = facts.subtreeEnd[Int(id)]
                continue
            }
            let node = tree.nodes[Int(id)]
            if node.tag == HTMLTag.text.code {
                for byte in tree.text[Int(node.start)..<Int(node.start + node.count)] {
                    if pendingStop, byte == 0x20 { return true }
                    pendingStop = byte == UInt8(ascii: ".")
                }
            }
            id += 1
        }
        return pendingStop
    }
}
