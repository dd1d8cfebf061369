/// Drops boilerplate that Readability's cleaning leaves inside the article and that trafilatura-style extractors
/// remove: blocks whose class or id names a share bar, newsletter box, related links, comments, tags, an author
/// box… (see `BoilerplateNames`), and short paragraphs that are links ("Read more: …", a lone related link).
/// What holds the article's longest paragraph is never dropped by name (a wrapper called "content-with-comments"
/// or "paywall-on"), nor is `article`, `main` or `itemprop=articleBody`; and named blocks are all kept when
/// together they would take most of the article.
struct BoilerplateFilter {
    /// Share of the article's text outside links that named blocks may take at most.
    static let namedShare: Float = 0.5
    /// Characters below which a figure caption counts as a credit.
    static let creditLength: Int32 = 80
    /// Characters below which a paragraph that is only a link counts as a link line.
    static let linkLineLength: Int32 = 200

    /// Marks boilerplate removed in `finder`'s pieces.
    static func apply(_ finder: inout ArticleFinder) {
        let tree = finder.tree
        var roots: [HTMLTree.NodeID] = []
        for piece in finder.pieces {
            var node = piece.first
            while node >= 0 {
                roots.append(node)
                if node == piece.last { break }
                node = tree.nodes[Int(node)].nextSibling
            }
        }
        // Text outside links: navigation named as such is mostly links and does not count against the share.
        func plainText(_ id: HTMLTree.NodeID) -> Float { Float(finder.chars[Int(id)]) - finder.linkChars[Int(id)] }
        var total: Float = 0
        for root in roots where !finder.isRemoved(root) { total += plainText(root) }
        let anchor = longestParagraph(roots, finder: finder)
        let named = collect(roots, finder: finder) { id, finder in
            namesBoilerplate(id, finder: finder) && !finder.isAncestor(id, of: anchor) && id != anchor
        }
        let namedText = named.reduce(Float(0)) { $0 + plainText($1) }
        if namedText <= namedShare * total {
            for id in named { finder.remove(id) }
        }
        for root in roots where !finder.isRemoved(root) { finder.recount(root) }
        for id in collect(roots, finder: finder, isLinkLine) { finder.remove(id) }
        for id in collect(roots, finder: finder, isCredit) { finder.remove(id) }
        for id in collect(roots, finder: finder, isPlaceholderBlock) { finder.remove(id) }
    }

    /// The paragraph (or container with the longest inline run) with the most characters.
    private static func longestParagraph(_ roots: [HTMLTree.NodeID], finder: ArticleFinder) -> HTMLTree.NodeID {
        var best: HTMLTree.NodeID = -1
        var bestLength: Int32 = 0
        for root in roots {
            let end = finder.facts.subtreeEnd[Int(root)]
            var id = root
            while id < end {
                if finder.isRemoved(id) {
                    id = finder.facts.subtreeEnd[Int(id)]
                    continue
                }
                let length: Int32
                switch finder.kinds[Int(id)] {
                case .paragraph: length = finder.chars[Int(id)]
                case .container: length = finder.longestRun[Int(id)]
                case .other: length = 0
                }
                if length > bestLength {
                    best = id
                    bestLength = length
                }
                id += 1
            }
        }
        return best
    }

    /// The outermost nodes for which `test` holds, below the roots or among them (a sibling Readability added may
    /// go; the top candidate itself stays).
    private static func collect(
        _ roots: [HTMLTree.NodeID], finder: ArticleFinder, _ test: (HTMLTree.NodeID, ArticleFinder) -> Bool
    ) -> [HTMLTree.NodeID] {
        let tree = finder.tree
        let subtreeEnd = finder.facts.subtreeEnd
        let textCode = HTMLTag.text.code
        var found: [HTMLTree.NodeID] = []
        for root in roots {
            let end = subtreeEnd[Int(root)]
            var id = root
            while id < end {
                if finder.isRemoved(id) {
                    id = subtreeEnd[Int(id)]
                } else if tree.nodes[Int(id)].tag != textCode, id != root || root != finder.topCandidate,
                    test(id, finder)
                {
                    found.append(id)
                    id = subtreeEnd[Int(id)]
                } else {
                    id += 1
                }
            }
        }
        return found
    }

    /// Whether the class or id names boilerplate (never for `article`, `main` or `itemprop=articleBody`).
    private static func namesBoilerplate(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let element = finder.tree.nodes[Int(node)]
        guard element.tag != HTMLTag.article.code, element.tag != HTMLTag.main.code,
            !finder.facts.hints[Int(node)].contains(.articleBody)
        else { return false }
        return names(node, finder: finder, BoilerplateNames.matches)
    }

    /// Whether the class or id of an element names boilerplate or a caption.
    static func namesBoilerplateOrCaption(_ node: HTMLTree.NodeID, tree: HTMLTree) -> Bool {
        names(node, tree: tree) { BoilerplateNames.matches($0) || BoilerplateNames.namesCaption($0) }
    }

    /// Whether the class or id of the node passes `test`.
    private static func names(
        _ node: HTMLTree.NodeID, finder: ArticleFinder, _ test: (ArraySlice<UInt8>) -> Bool
    ) -> Bool {
        names(node, tree: finder.tree, test)
    }

    private static func names(
        _ node: HTMLTree.NodeID, tree: HTMLTree, _ test: (ArraySlice<UInt8>) -> Bool
    ) -> Bool {
        let element = tree.nodes[Int(node)]
        guard element.count > 0 else { return false }
        for index in Int(element.start)..<Int(element.start + element.count) {
            let attribute = tree.attributes[index]
            guard attribute.name == .class || attribute.name == .id else { continue }
            let start = Int(attribute.valueStart)
            if test(tree.attributeValues[start..<start + Int(attribute.valueLength)]) { return true }
        }
        return false
    }

    /// A short caption (a `figure` or `figcaption`, or a block named caption) that reads like a credit: a label
    /// and a colon near its start ("Foto: …", "Credit: …"), a copyright sign, or a slash between names
    /// ("AFP / Name"). Real captions, even short ones, stay.
    private static func isCredit(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        guard finder.chars[Int(node)] < creditLength else { return false }
        let tag = finder.tree.nodes[Int(node)].tag
        guard
            tag == HTMLTag.figcaption.code || tag == HTMLTag.figure.code
                || names(node, finder: finder, BoilerplateNames.namesCaption)
        else { return false }
        return readsLikeCredit(node, finder: finder)
    }

    /// A colon within the first 24 bytes, a © sign, or a slash, in the node's visible text.
    private static func readsLikeCredit(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let tree = finder.tree
        var seen = 0
        for id in node..<finder.facts.subtreeEnd[Int(node)] where !finder.isRemoved(id) {
            let current = tree.nodes[Int(id)]
            guard current.tag == HTMLTag.text.code else { continue }
            var previous: UInt8 = 0
            for byte in tree.text[Int(current.start)..<Int(current.start + current.count)] {
                if PageFacts.isSpace(byte) { continue }
                if byte == UInt8(ascii: ":"), seen < 24 { return true }
                if byte == UInt8(ascii: "/") { return true }
                if previous == 0xC2, byte == 0xA9 { return true }  // ©
                previous = byte
                seen += 1
            }
        }
        return false
    }

    /// A block whose whole text is an ad or loading placeholder.
    private static func isPlaceholderBlock(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let chars = finder.chars[Int(node)]
        guard chars > 1, chars <= 16 else { return false }
        return isPlaceholder(node, finder: finder)
    }

    /// A paragraph or heading that is a link with at most a short label before it: "Read more: <link>", or a
    /// lone link to another story.
    private static func isLinkLine(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let chars = finder.chars[Int(node)]
        guard chars > 0, chars < 250 else { return false }
        let tag = HTMLTag(code: finder.tree.nodes[Int(node)].tag)
        let density = finder.linkDensity(node)
        // Any block but a list or table whose text is all links: a section label, a "more" link.
        if density >= 0.9, chars < linkLineLength, TagTraits.of(tag.code).contains(.block),
            !(tag == .ul || tag == .ol || tag == .li || tag == .dl || tag == .table || tag == .tr)
        {
            return true
        }
        // A paragraph, a heading, or another block of inline content only (a one-line `blockquote`).
        let inlineBlock =
            TagTraits.of(tag.code).contains(.block) && finder.facts.flags[Int(node)].contains(.allPhrasing)
            && tag != .li && tag != .dd && tag != .dt
        guard finder.kinds[Int(node)] == .paragraph || tag.isHeading || inlineBlock else { return false }
        if density >= 0.9, chars < linkLineLength { return true }
        guard density > 0.5 else { return false }
        return labelEndsWithColon(node, finder: finder)
    }

    /// Whether the text before the first link is a short label ending with a colon ("Lesen Sie auch:").
    private static func labelEndsWithColon(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let tree = finder.tree
        let end = finder.facts.subtreeEnd[Int(node)]
        var id = node + 1
        var last: UInt8 = 0
        var length = 0
        while id < end {
            let current = tree.nodes[Int(id)]
            if current.tag == HTMLTag.a.code { break }
            if current.tag == HTMLTag.text.code, !finder.isRemoved(id) {
                var previous: UInt8 = 0
                for byte in tree.text[Int(current.start)..<Int(current.start + current.count)] {
                    defer { previous = byte }
                    // ASCII whitespace and U+00A0 (C2 A0) do not count.
                    if PageFacts.isSpace(byte) || byte == 0xC2 || (previous == 0xC2 && byte == 0xA0) { continue }
                    last = byte
                    length += 1
                }
            }
            id += 1
        }
        return length > 0 && length <= 40 && last == UInt8(ascii: ":")
    }

    /// Readability's ad and loading placeholders ("Advertisement", "Werbung", "Loading…"), as bytes with ASCII
    /// letters in lower case (other scripts listed in their usual cases).
    static let placeholders: Set<[UInt8]> = {
        var words = [
            "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告", "реклама", "Реклама",
            "РЕКЛАМА", "anuncio", "PUBLICITÉ", "anzeige", "reklama", "publicidad", "publicidade", "pubblicità",
            "advertentie", "annons", "reklame", "mainos", "sponsored", "廣告", "広告", "광고", "إعلان",
        ]
        for loading in ["loading", "正在加载", "загрузка", "Загрузка", "ЗАГРУЗКА", "chargement", "cargando"] {
            words += [loading, loading + "…", loading + "..."]
        }
        return Set(words.map { Array($0.utf8) })
    }()

    /// Whether the text of a small node is only an ad or loading placeholder ("Advertisement", "Loading…").
    static func isPlaceholder(_ node: HTMLTree.NodeID, finder: ArticleFinder) -> Bool {
        let tree = finder.tree
        let facts = finder.facts
        var bytes: [UInt8] = []
        var pendingSpace = false
        for id in node..<facts.subtreeEnd[Int(node)] where !finder.isRemoved(id) {
            let current = tree.nodes[Int(id)]
            guard current.tag == HTMLTag.text.code else { continue }
            for byte in tree.text[Int(current.start)..<Int(current.start + current.count)] {
                if PageFacts.isSpace(byte) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(HintMatcher.lower(byte))
                if bytes.count > 40 { return false }
            }
        }
        return placeholders.contains(bytes)
    }
}
