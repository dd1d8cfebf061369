import VigilCore

/// Finds a publication date written in the page for people, for pages whose metadata, `<time>` elements and URL
/// carry none: short elements whose class says date or publication (`date`, `publish`, `datum`, `fecha`,
/// `posted`…) or names a meta line or byline, read by `PageDate.parseWritten`, outside navigation, footers, asides
/// and comment threads. The first one after the main heading wins (dates before it belong to the site's header more
/// often than to the article).
enum DateFinder {
    /// The date, or nil.
    static func date(tree: HTMLTree, scan: MetadataScan, language: String?) -> PageDate? {
        let firstHeading = scan.headings.first ?? 0
        let count = HTMLTree.NodeID(tree.count)
        let textCode = HTMLTag.text.code
        var beforeHeading: PageDate?
        var id: HTMLTree.NodeID = 1
        let skipped = BylineFinder.skippedCodes
        while id < count {
            let node = tree.nodes[Int(id)]
            if skipped.contains(node.tag) {
                id = tree.subtreeEnd(id)
                continue
            }
            defer { id += 1 }
            guard node.count > 0, node.tag != textCode, let range = tree.attributeRange(.class, of: id),
                namesDate(tree.attributeValues[range])
            else { continue }
            guard tree.textLength(id, limit: 120) <= 120, !isExcluded(tree, id) else { continue }
            guard let date = PageDate.parseWritten(tree.collapsedText(id, limit: 120), language: language) else {
                continue
            }
            if id > firstHeading { return date }
            if beforeHeading == nil { beforeHeading = date }
        }
        return beforeHeading
    }

    /// Whether a class value names a date or a line that usually holds one: "date", "datum", "data-", "publi…",
    /// "posted", "fecha", "time", "meta", "byline" (any case), but not an update. One pass, looking closer only at
    /// the words' first letters.
    private static func namesDate(_ value: ArraySlice<UInt8>) -> Bool {
        var found = false
        var i = value.startIndex
        while i < value.endIndex {
            let rest = value[i...]
            switch HTMLTree.lower(value[i]) {
            case UInt8(ascii: "d"):
                if HTMLTree.startsWith(rest, "dat") { found = true }
            case UInt8(ascii: "p"):
                if HTMLTree.startsWith(rest, "publi") || HTMLTree.startsWith(rest, "posted") { found = true }
            case UInt8(ascii: "m"):
                if HTMLTree.startsWith(rest, "meta") { found = true }
            case UInt8(ascii: "b"):
                if HTMLTree.startsWith(rest, "byline") { found = true }
            case UInt8(ascii: "f"):
                if HTMLTree.startsWith(rest, "fecha") { found = true }
            case UInt8(ascii: "t"):
                if HTMLTree.startsWith(rest, "time") { found = true }
            case UInt8(ascii: "u"):
                if HTMLTree.startsWith(rest, "update") { return false }
            default:
                break
            }
            i += 1
        }
        return found
    }

    /// Inside navigation, a footer, an aside, or a list of comments or related articles.
    private static func isExcluded(_ tree: HTMLTree, _ node: HTMLTree.NodeID) -> Bool {
        var current = tree.parent(node)
        while let id = current, id > 0 {
            let tag = tree.tag(id)
            if tag == .nav || tag == .footer || tag == .aside || tag == .form { return true }
            if let range = tree.attributeRange(.class, of: id) {
                let value = tree.attributeValues[range]
                if HTMLTree.contains(value, "comment") || HTMLTree.contains(value, "related") { return true }
            }
            current = tree.parent(id)
        }
        return false
    }
}
