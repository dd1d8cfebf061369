/// A parsed HTML page as a compact tree: nodes in document order in one array, text in one UTF-8 buffer, and the
/// attributes extraction needs. Built from libxml2's HTML parser (see `HTMLTreeBuilder`); cheap to walk and to
/// annotate with per-node statistics. Node 0 is the document.
public struct HTMLTree: Sendable {
    /// Index of a node in `nodes`.
    public typealias NodeID = Int32

    /// One element or text node.
    public struct Node: Sendable {
        /// Tag code (see `HTMLTag`); `HTMLTag.text` for text nodes.
        public var tag: UInt16
        public var parent: NodeID
        public var firstChild: NodeID = -1
        public var lastChild: NodeID = -1
        public var nextSibling: NodeID = -1
        /// Text nodes: their bytes in `text`. Elements: their attributes in `attributes`.
        public var start: UInt32 = 0
        public var count: UInt32 = 0
    }

    /// One kept attribute of an element.
    public struct Attribute: Sendable {
        public var name: HTMLAttributeName
        public var valueStart: UInt32
        public var valueLength: UInt32
    }

    public internal(set) var nodes: [Node]
    public internal(set) var text: [UInt8]
    public internal(set) var attributes: [Attribute]
    public internal(set) var attributeValues: [UInt8]
    /// Names of tags outside `HTMLTag`'s table, by code.
    var extraTagNames: [String]

    init() {
        nodes = [Node(tag: HTMLTag.document.code, parent: -1)]
        text = []
        attributes = []
        attributeValues = []
        extraTagNames = []
    }

    public static let root: NodeID = 0

    public var count: Int { nodes.count }

    @inline(__always) public func tag(_ node: NodeID) -> HTMLTag { HTMLTag(code: nodes[Int(node)].tag) }

    @inline(__always) public func isText(_ node: NodeID) -> Bool { nodes[Int(node)].tag == HTMLTag.text.code }

    public func parent(_ node: NodeID) -> NodeID? {
        let parent = nodes[Int(node)].parent
        return parent >= 0 ? parent : nil
    }

    /// The tag name, lower-case.
    public func tagName(_ node: NodeID) -> String {
        let code = nodes[Int(node)].tag
        if let name = HTMLTag.name(of: code) { return name }
        let extra = Int(code) - Int(HTMLTag.firstExtraCode)
        return extra >= 0 && extra < extraTagNames.count ? extraTagNames[extra] : "?"
    }

    /// Children in order.
    public func children(_ node: NodeID) -> ChildSequence {
        ChildSequence(tree: self, upcoming: nodes[Int(node)].firstChild)
    }

    /// The children of a node, lazily.
    public struct ChildSequence: Sequence, IteratorProtocol {
        let tree: HTMLTree
        var upcoming: NodeID

        public mutating func next() -> NodeID? {
            guard upcoming >= 0 else { return nil }
            defer { upcoming = tree.nodes[Int(upcoming)].nextSibling }
            return upcoming
        }
    }

    /// The value of a kept attribute.
    public func attribute(_ name: HTMLAttributeName, of node: NodeID) -> String? {
        let element = nodes[Int(node)]
        guard element.tag != HTMLTag.text.code, element.count > 0 else { return nil }
        for index in Int(element.start)..<Int(element.start + element.count) where attributes[index].name == name {
            let attribute = attributes[index]
            let start = Int(attribute.valueStart)
            return String(decoding: attributeValues[start..<start + Int(attribute.valueLength)], as: UTF8.self)
        }
        return nil
    }

    /// Whether the element has the attribute at all.
    public func hasAttribute(_ name: HTMLAttributeName, _ node: NodeID) -> Bool {
        let element = nodes[Int(node)]
        guard element.tag != HTMLTag.text.code else { return false }
        for index in Int(element.start)..<Int(element.start + element.count) where attributes[index].name == name {
            return true
        }
        return false
    }

    /// A text node's own text (raw: entities decoded, white space as in the page).
    public func ownText(_ node: NodeID) -> String {
        let n = nodes[Int(node)]
        guard n.tag == HTMLTag.text.code else { return "" }
        return String(decoding: text[Int(n.start)..<Int(n.start + n.count)], as: UTF8.self)
    }

    /// The raw bytes of a text node.
    func ownTextBytes(_ node: NodeID) -> ArraySlice<UInt8> {
        let n = nodes[Int(node)]
        return text[Int(n.start)..<Int(n.start + n.count)]
    }

    /// Every node of the subtree after `node` ends: the next node in document order that is not a descendant.
    public func subtreeEnd(_ node: NodeID) -> NodeID {
        var current = node
        while current >= 0 {
            let sibling = nodes[Int(current)].nextSibling
            if sibling >= 0 { return sibling }
            current = nodes[Int(current)].parent
        }
        return NodeID(nodes.count)
    }

    /// Descendants of `node` in document order (node ids are allocated in document order, so a subtree is the
    /// contiguous range `node+1 ..< subtreeEnd(node)`).
    public func descendants(_ node: NodeID) -> Range<NodeID> { (node + 1)..<subtreeEnd(node) }

    /// The text of a subtree with white space collapsed to single spaces and trimmed.
    public func collapsedText(_ node: NodeID) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        let range = isText(node) ? node..<(node + 1) : descendants(node)
        for id in range where isText(id) {
            for byte in ownTextBytes(id) {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    out.append(byte)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The nearest ancestor-or-self with one of the tags.
    public func closest(_ node: NodeID, where predicate: (HTMLTag) -> Bool) -> NodeID? {
        var current: NodeID = node
        while current >= 0 {
            if predicate(tag(current)) { return current }
            current = nodes[Int(current)].parent
        }
        return nil
    }

    /// Depth of a node (the document is 0).
    public func depth(_ node: NodeID) -> Int {
        var depth = 0
        var current = nodes[Int(node)].parent
        while current >= 0 {
            depth += 1
            current = nodes[Int(current)].parent
        }
        return depth
    }
}

/// Attributes the tree keeps (everything else is dropped while parsing): those the extractor reads.
public enum HTMLAttributeName: UInt8, Sendable {
    case id, `class`, itemprop, itemtype, property, name, content, href, rel, lang, datetime, role, hidden
    case ariaHidden, style, httpEquiv, src, pubdate

    static let byName: [String: HTMLAttributeName] = [
        "id": .id, "class": .class, "itemprop": .itemprop, "itemtype": .itemtype, "property": .property,
        "name": .name, "content": .content, "href": .href, "rel": .rel, "lang": .lang, "xml:lang": .lang,
        "datetime": .datetime, "role": .role, "hidden": .hidden, "aria-hidden": .ariaHidden, "style": .style,
        "http-equiv": .httpEquiv, "src": .src, "pubdate": .pubdate,
    ]
    static let byteTable = ByteNameTable(byName.map { ($0.key, UInt16($0.value.rawValue)) })
}
