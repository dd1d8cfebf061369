/// Finds the article's byline in the page itself, for pages whose metadata names no person: microdata
/// `itemprop=author`, `rel=author` links, and elements whose class says author or byline (`byline`, `author-name`,
/// `autor`, `auteur`…), outside navigation, footers, asides and comment threads.
enum BylineFinder {
    /// The first plausible byline's names, or none.
    static func names(tree: HTMLTree, scan: MetadataScan, language: String?) -> [String] {
        // Microdata first: it says what it is.
        var microdata: [String] = []
        var firstContainer: HTMLTree.NodeID?
        var lastAuthorEnd: HTMLTree.NodeID = -1
        for (property, node) in scan.itemProperties where property == .author || property == .person {
            guard node >= lastAuthorEnd, !isExcluded(tree, node, allowAside: true) else { continue }
            // A person named in the text is not the author: a `Person` without `itemprop=author` counts only when
            // it stands alone in its parent or after a lead word ("Von <Person>").
            if property == .person, let parent = tree.parent(node) {
                let parentText = tree.lineText(parent, limit: 200)
                guard parentText == tree.lineText(node, limit: 200) || AuthorNames.startsWithLead(parentText) else {
                    continue
                }
            }
            let names = microdataNames(tree, node, language: language)
            guard !names.isEmpty else { continue }
            // Several authors of one article sit together; an author elsewhere belongs to another teaser.
            if let container = firstContainer {
                guard node < tree.subtreeEnd(container) else { break }
            } else {
                firstContainer = tree.parent(tree.parent(node) ?? node) ?? node
            }
            microdata += names
            lastAuthorEnd = tree.subtreeEnd(node)
        }
        if !microdata.isEmpty { return microdata }

        let count = HTMLTree.NodeID(tree.count)
        let textCode = HTMLTag.text.code
        var id: HTMLTree.NodeID = 1
        while id < count {
            let node = tree.nodes[Int(id)]
            if skippedCodes.contains(node.tag) {
                id = tree.subtreeEnd(id)
                continue
            }
            defer { id += 1 }
            // Elements without attributes can only be `<address>`.
            guard node.tag != textCode, node.count > 0 || node.tag == addressCode else { continue }
            guard let kind = bylineKind(tree, id, tag: node.tag), !isExcluded(tree, id, allowAside: false) else {
                continue
            }
            guard tree.textLength(id, limit: 300) <= 300 else { continue }
            // A byline that holds `rel=author` links names its authors in them; the rest of it (a role, a date,
            // "Updated…") names nobody.
            let links = authorLinks(tree, in: id)
            let names =
                links.isEmpty
                ? AuthorNames.names(in: tree.lineText(id, limit: 300), language: language)
                : links.flatMap { AuthorNames.names(in: tree.lineText($0, limit: 300), language: language) }
            guard !names.isEmpty, names.count <= 5, names.allSatisfy(AuthorNames.isPlausible) else { continue }
            // A link to an author page says less than a byline class: its text must read as a person's name.
            if kind == .link, !names.allSatisfy(AuthorNames.looksLikePersonName) { continue }
            return names
        }
        return []
    }

    /// The `rel=author` elements inside a byline element (not the element itself), in page order; the search stops
    /// after `maxAuthorLinkSearch` nodes.
    private static func authorLinks(_ tree: HTMLTree, in node: HTMLTree.NodeID) -> [HTMLTree.NodeID] {
        let range = tree.descendants(node)
        var links: [HTMLTree.NodeID] = []
        for id in range.prefix(maxAuthorLinkSearch) {
            let element = tree.nodes[Int(id)]
            guard element.tag != HTMLTag.text.code, element.count > 0,
                let rel = tree.attributeRange(.rel, of: id), HTMLTree.contains(tree.attributeValues[rel], "author")
            else { continue }
            if let last = links.last, id < tree.subtreeEnd(last) { continue }
            links.append(id)
        }
        return links
    }

    /// Nodes looked at inside a byline element for `rel=author` links.
    private static let maxAuthorLinkSearch = 400

    /// Names inside a microdata author: its `itemprop=name` descendants, else its `content`, else its text.
    private static func microdataNames(_ tree: HTMLTree, _ node: HTMLTree.NodeID, language: String?) -> [String] {
        for inner in tree.descendants(node) where tree.attribute(.itemprop, of: inner, is: "name") {
            let names = AuthorNames.names(in: tree.collapsedText(inner, limit: 200), language: language)
            if !names.isEmpty { return names.filter(AuthorNames.isPlausible) }
        }
        if let content = tree.attribute(.content, of: node), !MetadataText.isURL(content) {
            return AuthorNames.names(in: content, language: language).filter(AuthorNames.isPlausible)
        }
        guard tree.textLength(node, limit: 300) <= 300 else { return [] }
        let names = AuthorNames.names(in: tree.lineText(node, limit: 300), language: language)
        return names.allSatisfy(AuthorNames.isPlausible) ? names : []
    }

    /// How an element says it holds a byline.
    private enum BylineKind {
        /// `<address>`, `rel=author`, or a class naming an author or byline.
        case marked
        /// A link to an author's page.
        case link
    }

    /// `<address>`, `rel=author`, or a class naming an author or byline (but not an avatar, a biography or a
    /// comment): `.marked`; a link to an author's page: `.link`; nil otherwise.
    private static func bylineKind(_ tree: HTMLTree, _ id: HTMLTree.NodeID, tag: UInt16) -> BylineKind? {
        if tag == addressCode { return .marked }
        // One pass over the element's attributes.
        let node = tree.nodes[Int(id)]
        var classRange: Range<Int>?
        var isLink = false
        for index in Int(node.start)..<Int(node.start + node.count) {
            let attribute = tree.attributes[index]
            let range = Int(attribute.valueStart)..<Int(attribute.valueStart) + Int(attribute.valueLength)
            switch attribute.name {
            case .class: classRange = range
            case .rel: if HTMLTree.contains(tree.attributeValues[range], "author") { return .marked }
            case .href: isLink = tag == anchorCode && linksToAuthorPage(tree.attributeValues[range])
            default: break
            }
        }
        guard let range = classRange, namesAuthor(tree.attributeValues[range]) else { return isLink ? .link : nil }
        let value = tree.attributeValues[range]
        for word: StaticString in [
            "comment", "avatar", "image", "img", "photo", "picture", "bio", "social", "follow", "more", "desc",
            "about", "thumb", "icon", "label", "title",
        ] where HTMLTree.contains(value, word) {
            return isLink ? .link : nil
        }
        return .marked
    }

    /// Whether a link goes to an author's page: a path segment such as `/author/`, `/autor/`, `/auteur/`,
    /// `/staff/`, `/reporters/`, `/journalist…`, `/redakteur…`, `/periodista…`, `/writer/` or `/by/`. One pass over the
    /// URL, looking only after each slash. Also used by `HTMLInput`, which keeps only the links' `href`s that pass.
    static func linksToAuthorPage<Bytes: RandomAccessCollection>(_ href: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = href.startIndex
        let end = href.endIndex
        while i + 3 < end {
            defer { i += 1 }
            guard href[i] == UInt8(ascii: "/") else { continue }
            let rest = href[(i + 1)...]
            switch HTMLTree.lower(href[i + 1]) {
            case UInt8(ascii: "a"):
                if HTMLTree.startsWith(rest, "author") || HTMLTree.startsWith(rest, "autor")
                    || HTMLTree.startsWith(rest, "auteur")
                {
                    return true
                }
            case UInt8(ascii: "s"): if HTMLTree.startsWith(rest, "staff/") { return true }
            case UInt8(ascii: "r"):
                if HTMLTree.startsWith(rest, "reporter") || HTMLTree.startsWith(rest, "redakteur") { return true }
            case UInt8(ascii: "j"): if HTMLTree.startsWith(rest, "journalist") { return true }
            case UInt8(ascii: "p"): if HTMLTree.startsWith(rest, "periodista") { return true }
            case UInt8(ascii: "w"): if HTMLTree.startsWith(rest, "writer/") { return true }
            case UInt8(ascii: "b"): if HTMLTree.startsWith(rest, "by/") { return true }
            default: break
            }
        }
        return false
    }

    /// Whether a class value contains "author", "autor", "auteur" or "byline" (any case), in one pass.
    private static func namesAuthor(_ value: ArraySlice<UInt8>) -> Bool {
        var i = value.startIndex
        let end = value.endIndex
        while i < end {
            let c = HTMLTree.lower(value[i])
            if c == UInt8(ascii: "a"), end - i >= 5, HTMLTree.lower(value[i + 1]) == UInt8(ascii: "u") {
                let rest = value[(i + 2)...]
                if HTMLTree.startsWith(rest, "thor") || HTMLTree.startsWith(rest, "tor")
                    || HTMLTree.startsWith(rest, "teur")
                {
                    return true
                }
            } else if c == UInt8(ascii: "b"), end - i >= 2, HTMLTree.lower(value[i + 1]) == UInt8(ascii: "y") {
                // "byline", or a class word ending in "by" ("posted-by", "wrote_by", "by").
                if HTMLTree.startsWith(value[(i + 1)...], "yline") { return true }
                let before = i == value.startIndex ? UInt8(ascii: " ") : value[i - 1]
                let after = i + 2 == end ? UInt8(ascii: " ") : value[i + 2]
                if (before == UInt8(ascii: " ") || before == UInt8(ascii: "-") || before == UInt8(ascii: "_"))
                    && (after == UInt8(ascii: " ") || after == UInt8(ascii: "-") || after == UInt8(ascii: "_"))
                {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    private static let addressCode = HTMLTag.address.code
    /// Subtrees never searched: navigation, footers, asides, forms.
    static let skippedCodes: Set<UInt16> = [
        HTMLTag.nav.code, HTMLTag.footer.code, HTMLTag.aside.code, HTMLTag.form.code,
    ]
    private static let anchorCode = HTMLTag.a.code

    /// Inside navigation, a footer, an aside (unless allowed), a form, or a comment thread.
    private static func isExcluded(_ tree: HTMLTree, _ node: HTMLTree.NodeID, allowAside: Bool) -> Bool {
        var current = tree.parent(node)
        while let id = current, id > 0 {
            let tag = tree.tag(id)
            if tag == .nav || tag == .footer || tag == .form || (tag == .aside && !allowAside) { return true }
            if let range = tree.attributeRange(.class, of: id) {
                let value = tree.attributeValues[range]
                if HTMLTree.contains(value, "comment") || HTMLTree.contains(value, "related") { return true }
            }
            current = tree.parent(id)
        }
        return false
    }
}
