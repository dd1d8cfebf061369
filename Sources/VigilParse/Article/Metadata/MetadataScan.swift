/// What one walk over the page's tree finds for metadata: `<meta>` values, the canonical link, `<title>`, `h1`
/// headings, `<time>` elements, microdata properties, and the declared language. Byline elements, which need a look
/// at every class name, are searched separately and only when no better author source exists (`BylineFinder`).
struct MetadataScan: Sendable {
    /// For each `<meta>` with a `content`, in document order: a hash of its lower-cased `name`, `property`,
    /// `itemprop` or `http-equiv` (no string is made while scanning), where the key and the content lie in
    /// `attributeValues` (the content is tidied only when read).
    private var metaHashes: [UInt64] = []
    private var metaKeys: [Range<Int>] = []
    private var metaValues: [Range<Int>] = []
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
        let itemprop = HTMLAttributeName.itemprop
        let itemtype = HTMLAttributeName.itemtype
        // Most pages have no microdata: one look at the attribute table spares testing every element.
        let hasMicrodata = tree.attributes.contains { $0.name == itemprop || $0.name == itemtype }
        let kinds = Self.tagKinds
        var id = 1
        let count = tree.count
        while id < count {
            defer { id += 1 }
            let node = tree.nodes[id]
            let tag = Int(node.tag)
            let kind = tag < kinds.count ? kinds[tag] : .other
            let nodeID = HTMLTree.NodeID(id)
            switch kind {
            case .text:
                continue
            case .meta:
                readMeta(tree, nodeID)
                continue
            case .link:
                if canonicalHref == nil, tree.attribute(.rel, of: nodeID, is: "canonical") {
                    canonicalHref = tree.attribute(.href, of: nodeID)
                }
                continue
            case .title:
                if documentTitle == nil {
                    documentTitle = MetadataText.tidy(tree.collapsedText(nodeID, limit: 1000))
                }
                continue
            case .h1:
                if headings.count < Self.maxHeadings { headings.append(nodeID) }
            case .time:
                if times.count < Self.maxTimes { times.append(nodeID) }
            case .html:
                if htmlLanguage == nil { htmlLanguage = MetadataText.tidy(tree.attribute(.lang, of: nodeID)) }
            case .other:
                break
            }
            guard hasMicrodata, node.count > 0 else { continue }
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
                itemProperties.append((found, nodeID))
            } else if isPerson {
                itemProperties.append((.person, nodeID))
            }
        }
    }

    /// What the scan does with an element, by tag.
    private enum TagKind {
        case text, meta, link, title, h1, time, html, other
    }

    /// `TagKind` by tag code, for the codes of `HTMLTag`'s table (codes of other names are `.other`).
    private static let tagKinds: [TagKind] = {
        let tags: [(HTMLTag, TagKind)] = [
            (.text, .text), (.meta, .meta), (.link, .link), (.title, .title), (.h1, .h1), (.time, .time),
            (.html, .html),
        ]
        var kinds = [TagKind](repeating: .other, count: Int(HTMLTag.firstExtraCode))
        for (tag, kind) in tags { kinds[Int(tag.code)] = kind }
        return kinds
    }()

    /// Records a `<meta>` element's keys and where its content lies.
    private mutating func readMeta(_ tree: HTMLTree, _ id: HTMLTree.NodeID) {
        guard let content = tree.attributeRange(.content, of: id), !content.isEmpty else { return }
        let node = tree.nodes[Int(id)]
        for index in Int(node.start)..<Int(node.start + node.count) {
            let attribute = tree.attributes[index]
            switch attribute.name {
            case .property, .name, .itemprop, .httpEquiv: break
            default: continue
            }
            let start = Int(attribute.valueStart)
            let end = start + Int(attribute.valueLength)
            guard end > start, end - start <= 80 else { continue }
            // Some pages put two keys in one attribute ("og:title twitter:title").
            var keyStart = start
            for position in start...end where position == end || tree.attributeValues[position] == 0x20 {
                if position > keyStart {
                    metaHashes.append(Self.hash(tree.attributeValues[keyStart..<position]))
                    metaKeys.append(keyStart..<position)
                    metaValues.append(content)
                }
                keyStart = position + 1
            }
        }
    }

    /// FNV-1a of the ASCII-lower-cased bytes.
    private static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(HTMLTree.lower(byte))
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// Positions of the metas whose key is `key` (lower-case).
    private func positions(_ key: String) -> [Int] {
        let wanted = Self.hash(key.utf8)
        var found: [Int] = []
        for index in metaHashes.indices where metaHashes[index] == wanted {
            // Hashes can collide: check the bytes.
            let stored = attributeValues[metaKeys[index]]
            if stored.count == key.utf8.count, zip(stored, key.utf8).allSatisfy({ HTMLTree.lower($0) == $1 }) {
                found.append(index)
            }
        }
        return found
    }

    /// The property an `itemprop` value names, among those read.
    private static func itemProperty(_ bytes: ArraySlice<UInt8>) -> ItemProperty? {
        // Values are short; the common ones are matched whole, case-insensitively.
        if HTMLTree.contains(bytes, "headline") { return .headline }
        if HTMLTree.contains(bytes, "datepublished") { return .datePublished }
        if HTMLTree.contains(bytes, "datemodified") { return .dateModified }
        if HTMLTree.contains(bytes, "author") || HTMLTree.contains(bytes, "creator") { return .author }
        return nil
    }

    /// The first non-empty value of a `<meta>` key (lower-case), tidied.
    func meta(_ key: String) -> String? {
        for index in positions(key) {
            if let value = value(at: index) { return value }
        }
        return nil
    }

    /// Every value of a `<meta>` key (lower-case), tidied.
    func metas(_ key: String) -> [String] {
        positions(key).compactMap { value(at: $0) }
    }

    /// Every value whose key ends with `suffix` (lower-case ASCII), tidied.
    func metas(withKeySuffix suffix: String) -> [String] {
        let wanted = Array(suffix.utf8)
        return metaKeys.indices.compactMap { index in
            let key = attributeValues[metaKeys[index]]
            guard key.count >= wanted.count else { return nil }
            let tail = key.suffix(wanted.count)
            return zip(tail, wanted).allSatisfy({ HTMLTree.lower($0) == $1 }) ? value(at: index) : nil
        }
    }

    /// The tidied content of the meta at `index`.
    private func value(at index: Int) -> String? {
        MetadataText.tidy(String(decoding: attributeValues[metaValues[index]], as: UTF8.self))
    }
}
