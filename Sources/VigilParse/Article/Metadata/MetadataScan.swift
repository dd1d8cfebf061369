/// What one walk over the page's tree finds for metadata: `<meta>` values, the canonical link, `<title>`, `h1`
/// headings, `<time>` elements, microdata properties, and the declared language. Byline elements, which need a look
/// at every class name, are searched separately and only when no better author source exists (`BylineFinder`).
struct MetadataScan: Sendable {
    /// Lower-cased `name`, `property`, `itemprop` or `http-equiv` of each `<meta>` with a `content`, in document
    /// order, and where its content lies in `attributeValues` (tidied only when read).
    private var metaKeys: [String] = []
    private var metaValues: [Range<Int>] = []
    /// Positions in `metaKeys` by key.
    private var metaIndex: [String: [Int]] = [:]
    /// The tree's attribute bytes (shared, not copied).
    private let attributeValues: [UInt8]
    /// `<html lang>` (or `xml:lang`).
    var htmlLanguage: String?
    /// The first `<title>`, tidied.
    var documentTitle: String?
    /// `<link rel=canonical href>`, as written.
    var canonicalHref: String?
    /// `h1` elements, in document order (at most `maxHeadings`).
    var headings: [HTMLTree.NodeID] = []
    /// `<time>` elements, in document order (at most `maxTimes`).
    var times: [HTMLTree.NodeID] = []
    /// Elements other than `<meta>` with an `itemprop` this extractor reads, in document order.
    var itemProperties: [(property: ItemProperty, node: HTMLTree.NodeID)] = []
    /// The first `<article>` element, which usually holds the article's own byline and date.
    var firstArticle: HTMLTree.NodeID?

    static let maxHeadings = 8
    static let maxTimes = 24

    /// Microdata properties that carry metadata.
    enum ItemProperty: Sendable {
        case headline, author, datePublished, dateModified
        /// Not a property: an element typed `schema.org/Person` (a byline written as microdata without
        /// `itemprop=author`).
        case person
    }

    /// Walks the tree once.
    init(tree: HTMLTree) {
        attributeValues = tree.attributeValues
        let count = HTMLTree.NodeID(tree.count)
        // Tag codes read once: each access to a static costs a lazy-initialisation check.
        let textCode = HTMLTag.text.code
        let metaCode = HTMLTag.meta.code
        let linkCode = HTMLTag.link.code
        let titleCode = HTMLTag.title.code
        let h1Code = HTMLTag.h1.code
        let timeCode = HTMLTag.time.code
        let htmlCode = HTMLTag.html.code
        let articleCode = HTMLTag.article.code
        let itemprop = HTMLAttributeName.itemprop
        let itemtype = HTMLAttributeName.itemtype
        var id: HTMLTree.NodeID = 1
        while id < count {
            defer { id += 1 }
            let node = tree.nodes[Int(id)]
            let tag = node.tag
            if tag == textCode { continue }
            if tag == metaCode {
                readMeta(tree, id)
                continue
            } else if tag == linkCode {
                if canonicalHref == nil, tree.attribute(.rel, of: id, is: "canonical") {
                    canonicalHref = tree.attribute(.href, of: id)
                }
                continue
            } else if tag == titleCode {
                if documentTitle == nil { documentTitle = MetadataText.tidy(tree.collapsedText(id, limit: 1000)) }
                continue
            } else if tag == h1Code {
                if headings.count < Self.maxHeadings { headings.append(id) }
            } else if tag == timeCode {
                if times.count < Self.maxTimes { times.append(id) }
            } else if tag == htmlCode {
                if htmlLanguage == nil { htmlLanguage = MetadataText.tidy(tree.attribute(.lang, of: id)) }
            } else if tag == articleCode {
                if firstArticle == nil { firstArticle = id }
            }
            guard node.count > 0 else { continue }
            // Microdata: only the `itemprop` values this extractor reads.
            var found: ItemProperty?
            var isPerson = false
            for index in Int(node.start)..<Int(node.start + node.count) {
                let attribute = tree.attributes[index]
                guard attribute.name == itemprop || attribute.name == itemtype else { continue }
                let start = Int(attribute.valueStart)
                let value = tree.attributeValues[start..<start + Int(attribute.valueLength)]
                if attribute.name == itemprop {
                    found = Self.itemProperty(value)
                } else {
                    isPerson = HTMLTree.contains(value, "/person")
                }
            }
            if let found {
                itemProperties.append((found, id))
            } else if isPerson {
                itemProperties.append((.person, id))
            }
        }
    }

    private mutating func readMeta(_ tree: HTMLTree, _ id: HTMLTree.NodeID) {
        guard let content = tree.attributeRange(.content, of: id), !content.isEmpty else { return }
        for name in [HTMLAttributeName.property, .name, .itemprop, .httpEquiv] {
            guard let range = tree.attributeRange(name, of: id), !range.isEmpty, range.count <= 80 else { continue }
            // Lower-case ASCII keys; some pages put two keys in one attribute ("og:title twitter:title").
            var key: [UInt8] = []
            key.reserveCapacity(range.count)
            for byte in tree.attributeValues[range] {
                if byte == 0x20 {
                    if !key.isEmpty { append(key, content) }
                    key.removeAll(keepingCapacity: true)
                } else {
                    key.append(HTMLTree.lower(byte))
                }
            }
            if !key.isEmpty { append(key, content) }
        }
    }

    private mutating func append(_ key: [UInt8], _ content: Range<Int>) {
        let name = String(decoding: key, as: UTF8.self)
        metaIndex[name, default: []].append(metaKeys.count)
        metaKeys.append(name)
        metaValues.append(content)
    }

    private static func itemProperty(_ bytes: ArraySlice<UInt8>) -> ItemProperty? {
        // Values are short; the common ones are matched whole, case-insensitively.
        if HTMLTree.contains(bytes, "headline") { return .headline }
        if HTMLTree.contains(bytes, "datepublished") { return .datePublished }
        if HTMLTree.contains(bytes, "datemodified") { return .dateModified }
        if HTMLTree.contains(bytes, "author") || HTMLTree.contains(bytes, "creator") { return .author }
        return nil
    }

    /// The first non-empty value of a `<meta>` key, tidied.
    func meta(_ key: String) -> String? {
        for index in metaIndex[key] ?? [] {
            if let value = value(at: index) { return value }
        }
        return nil
    }

    /// Every value of a `<meta>` key, tidied.
    func metas(_ key: String) -> [String] {
        (metaIndex[key] ?? []).compactMap { value(at: $0) }
    }

    /// Every value whose key passes the test, tidied.
    func metas(where test: (String) -> Bool) -> [String] {
        metaKeys.indices.compactMap { test(metaKeys[$0]) ? value(at: $0) : nil }
    }

    private func value(at index: Int) -> String? {
        MetadataText.tidy(String(decoding: attributeValues[metaValues[index]], as: UTF8.self))
    }
}
