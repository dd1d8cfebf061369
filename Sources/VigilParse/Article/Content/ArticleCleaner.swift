/// Cleans the article that `ArticleFinder` selected, the way Readability's `_prepArticle` does: share bars and
/// headings with negative class names go, and every `div`, `table`, `ul`, `form` and `fieldset` is weighed on
/// its class name, link density, paragraphs against images, list items and inputs ("clean conditionally"),
/// innermost first so that each decision sees what is left inside.
struct ArticleCleaner {
    private var finder: ArticleFinder
    private var tree: HTMLTree { finder.tree }
    private var facts: PageFacts { finder.facts }
    /// Memo of the data-table test: 0 unknown, 1 data, 2 layout.
    private var dataTable: [HTMLTree.NodeID: Bool] = [:]

    /// Cleans `finder`'s pieces in place and returns the characters left in the article.
    static func clean(_ finder: inout ArticleFinder) -> Int {
        var cleaner = ArticleCleaner(finder: finder)
        finder = .placeholder(facts: finder.facts)  // the cleaner now owns the arrays: no copy on write
        let length = cleaner.run()
        finder = cleaner.finder
        return length
    }

    /// Takes over the finder's state.
    private init(finder: ArticleFinder) { self.finder = finder }

    /// Per-node aggregates of the live subtree.
    private struct Aggregate {
        var chars: Int32 = 0
        var commas: Int32 = 0
        var linkChars: Float = 0
        var paragraphs: Int32 = 0
        var images: Int32 = 0
        var listItems: Int32 = 0
        var inputs: Int32 = 0
        var headingChars: Int32 = 0
        var listChars: Int32 = 0
        var textish = false
        var hasDataTable = false
        var hasVideo = false

        /// Adds a child's aggregate.
        mutating func add(_ other: Aggregate) {
            chars += other.chars
            commas += other.commas
            linkChars += other.linkChars
            paragraphs += other.paragraphs
            images += other.images
            listItems += other.listItems
            inputs += other.inputs
            headingChars += other.headingChars
            listChars += other.listChars
            textish = textish || other.textish
            hasDataTable = hasDataTable || other.hasDataTable
            hasVideo = hasVideo || other.hasVideo
        }
    }

    /// Removes share bars and bad headings, then cleans each piece conditionally; returns what is left.
    private mutating func run() -> Int {
        // Every top-level node of the article, and whether it is a whole piece (an element Readability appended)
        // rather than part of a run of inline content.
        var roots: [(node: HTMLTree.NodeID, isPiece: Bool)] = []
        for piece in finder.pieces {
            var node = piece.first
            while node >= 0 {
                roots.append((node, !piece.isRun))
                if node == piece.last { break }
                node = tree.nodes[Int(node)].nextSibling
            }
        }
        for root in roots where tree.nodes[Int(root.node)].tag != HTMLTag.text.code {
            removeMatched(root.node, isPieceRoot: root.isPiece)
        }
        var total = 0
        for root in roots.reversed() where !finder.isRemoved(root.node) {
            let treatAsDiv = root.isPiece && !Self.keepsTag(tree.tag(root.node))
            total += Int(cleanConditionally(root.node, treatAsDiv: treatAsDiv).chars)
        }
        return total
    }

    /// Pieces that are not `div`, `article`, `section` or `p` are renamed `div` by Readability, and then cleaned
    /// as one.
    private static func keepsTag(_ tag: HTMLTag) -> Bool {
        tag == .div || tag == .article || tag == .section || tag == .p
    }

    // MARK: Unconditional removals

    /// Share bars with little text, headings with a negative class, and embeds other than videos.
    private mutating func removeMatched(_ root: HTMLTree.NodeID, isPieceRoot: Bool) {
        let end = facts.subtreeEnd[Int(root)]
        var id = root
        let weigh = finder.options.contains(.weightClasses)
        while id < end {
            if finder.isRemoved(id) {
                id = facts.subtreeEnd[Int(id)]
                continue
            }
            let tag = tree.nodes[Int(id)].tag
            if tag == HTMLTag.text.code {
                id += 1
                continue
            }
            let hints = facts.hints[Int(id)]
            let traits = TagTraits.of(tag)
            var drop = false
            if traits.contains(.embed), !hints.contains(.video) {
                drop = true
            } else if id != root || !isPieceRoot, hints.contains(.share), finder.chars[Int(id)] < 500 {
                drop = true
            } else if weigh, tag == HTMLTag.h1.code || tag == HTMLTag.h2.code, hints.classWeight < 0 {
                drop = true
            }
            if drop {
                finder.remove(id)
                id = facts.subtreeEnd[Int(id)]
            } else {
                id += 1
            }
        }
    }

    // MARK: Conditional cleaning

    /// Walks the subtree of `root` innermost-first, removing what looks fishy, and returns the aggregate of what is
    /// left.
    private mutating func cleanConditionally(_ root: HTMLTree.NodeID, treatAsDiv: Bool) -> Aggregate {
        let end = Int(facts.subtreeEnd[Int(root)])
        let start = Int(root)
        var aggregates = [Aggregate](repeating: Aggregate(), count: end - start)
        let clean = finder.options.contains(.cleanConditionally)
        let textCode = HTMLTag.text.code
        var id = end - 1
        while id >= start {
            defer { id -= 1 }
            if finder.isRemoved(HTMLTree.NodeID(id)) { continue }
            let node = tree.nodes[id]
            let local = id - start
            if node.tag == textCode {
                aggregates[local].chars = facts.chars[id]
                aggregates[local].commas = facts.commas[id]
            } else {
                let nodeID = HTMLTree.NodeID(id)
                let tag = HTMLTag(code: node.tag)
                let traits = TagTraits.of(node.tag)
                var own = aggregates[local]
                if tag == .a {
                    own.linkChars = Float(own.chars) * (facts.hints[id].contains(.fragmentLink) ? 0.3 : 1)
                }
                let kind = finder.kinds[id]
                let isDivKind = kind == .container || (id == start && treatAsDiv)
                if clean, isDivKind || tag == .table || tag == .ul || tag == .form || tag == .fieldset,
                    shouldRemove(nodeID, tag: tag, aggregate: own)
                {
                    finder.remove(nodeID)
                    continue
                }
                // What this node adds for its ancestors.
                if kind == .paragraph { own.paragraphs += 1 }
                own.paragraphs += finder.runCount[id]
                if tag == .img { own.images += 1 }
                if tag == .li { own.listItems += 1 }
                if tag == .input { own.inputs += 1 }
                if traits.contains(.heading) { own.headingChars = own.chars }
                if traits.contains(.list) { own.listChars = own.chars }
                if (traits.contains(.textish) || kind != .other) && own.chars > 0 { own.textish = true }
                if tag == .table, isDataTable(nodeID) { own.hasDataTable = true }
                if traits.contains(.embed), facts.hints[id].contains(.video) { own.hasVideo = true }
                aggregates[local] = own
                finder.setStatistics(nodeID, chars: own.chars, linkChars: own.linkChars)
            }
            if id > start {
                let parent = Int(node.parent) - start
                if parent >= 0 { aggregates[parent].add(aggregates[local]) }
            }
        }
        return finder.isRemoved(root) ? Aggregate() : aggregates[0]
    }

    /// Readability's `_cleanConditionally` test for one element, given what is left inside it.
    private mutating func shouldRemove(_ node: HTMLTree.NodeID, tag: HTMLTag, aggregate: Aggregate) -> Bool {
        if tag == .table, isDataTable(node) { return false }
        if insideDataTable(node) || finder.hasAncestor(node, .code) || aggregate.hasDataTable { return false }
        let weight = finder.options.contains(.weightClasses) ? facts.hints[Int(node)].classWeight : 0
        if weight < 0 { return true }
        guard aggregate.commas < 10 else { return false }
        if aggregate.hasVideo { return false }
        let length = aggregate.chars
        // Descendant text and own text sets: `aggregate` holds what is inside, the node's own contributions
        // (a heading, a list) are not added yet.
        let isList =
            tag == .ul || tag == .ol
            || (length > 0 && Float(aggregate.listChars) / Float(length) > 0.9)
        let paragraphs = aggregate.paragraphs
        let images = aggregate.images
        let listItems = aggregate.listItems - 100
        let inputs = aggregate.inputs
        let headingDensity = length > 0 ? Float(aggregate.headingChars) / Float(length) : 0
        let linkDensity = length > 0 ? aggregate.linkChars / Float(length) : 0
        let figureChild = finder.hasAncestor(node, .figure)
        var remove = false
        if !figureChild, images > 1, Float(paragraphs) / Float(images) < 0.5 { remove = true }
        if !isList, listItems > paragraphs { remove = true }
        if inputs > paragraphs / 3 { remove = true }
        if !isList, !figureChild, headingDensity < 0.9, length < 25, images == 0 || images > 2, linkDensity > 0 {
            remove = true
        }
        if !isList, weight < 25, linkDensity > 0.2 { remove = true }
        if weight >= 25, linkDensity > 0.5 { remove = true }
        if images == 0, !aggregate.textish { remove = true }
        if !remove, length > 1, length <= 16, BoilerplateFilter.isPlaceholder(node, finder: finder) { return true }
        if isList, remove {
            // A simple list of images stays.
            var child = tree.nodes[Int(node)].firstChild
            while child >= 0 {
                if !finder.isRemoved(child), tree.nodes[Int(child)].tag != HTMLTag.text.code,
                    liveElementChildren(child) > 1
                {
                    return true
                }
                child = tree.nodes[Int(child)].nextSibling
            }
            if images == aggregate.listItems { return false }
        }
        return remove
    }

    /// Element children not removed.
    private func liveElementChildren(_ node: HTMLTree.NodeID) -> Int {
        var count = 0
        var child = tree.nodes[Int(node)].firstChild
        while child >= 0 {
            if !finder.isRemoved(child), tree.nodes[Int(child)].tag != HTMLTag.text.code { count += 1 }
            child = tree.nodes[Int(child)].nextSibling
        }
        return count
    }

    /// Whether a data table encloses the node (at any depth, as Readability checks it).
    private mutating func insideDataTable(_ node: HTMLTree.NodeID) -> Bool {
        var current = tree.nodes[Int(node)].parent
        while current > 0 {
            if tree.nodes[Int(current)].tag == HTMLTag.table.code, isDataTable(current) { return true }
            current = tree.nodes[Int(current)].parent
        }
        return false
    }

    /// Readability's `_markDataTables` test: a table of data rather than of layout.
    private mutating func isDataTable(_ table: HTMLTree.NodeID) -> Bool {
        if let known = dataTable[table] { return known }
        let result = Self.looksLikeDataTable(table, facts: facts)
        dataTable[table] = result
        return result
    }

    /// Readability's data-table rules on the table's subtree: caption, header cells, nesting, rows and columns.
    private static func looksLikeDataTable(_ table: HTMLTree.NodeID, facts: PageFacts) -> Bool {
        let tree = facts.tree
        if facts.hints[Int(table)].contains(.presentation) { return false }
        let end = Int(facts.subtreeEnd[Int(table)])
        var caption = false
        var marks = false
        var nested = false
        var rows = 0
        var columns = 0
        var id = Int(table) + 1
        // Bounded: a table of more than 100,000 nodes is judged on what was seen.
        let limit = min(end, id + 100_000)
        while id < limit {
            let node = tree.nodes[id]
            let tag = node.tag
            if tag == HTMLTag.caption.code, node.firstChild >= 0 {
                caption = true
            } else if TagTraits.of(tag).contains(.dataTableMark) {
                marks = true
            } else if tag == HTMLTag.table.code {
                nested = true
            } else if tag == HTMLTag.tr.code {
                rows += 1
                var cells = 0
                var child = node.firstChild
                while child >= 0 {
                    if tree.nodes[Int(child)].tag == HTMLTag.td.code { cells += 1 }
                    child = tree.nodes[Int(child)].nextSibling
                }
                columns = max(columns, cells)
            }
            id += 1
        }
        if caption || marks { return true }
        if nested { return false }
        if columns == 1 || rows == 1 { return false }
        if rows >= 10 || columns > 4 { return true }
        return rows * columns > 10
    }
}
