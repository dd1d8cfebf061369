import CLibXML2

/// Builds an `HTMLTree` from libxml2's HTML parser in SAX mode: libxml2 tokenises, decodes entities and applies
/// HTML's implied-end-tag rules; the callbacks append compact nodes. No libxml2 tree is built, which halves the
/// cost of parsing. Elements nested deeper than `maxDepth` are kept as siblings at that depth (each one opened there
/// follows the one before it, and what comes after it goes to their parent), so hostile nesting cannot make later
/// walks deep while blocks still end paragraphs. The state is a struct reached through a pointer (not a class),
/// so the callbacks pay no dynamic exclusivity checks.
struct HTMLTreeBuilder {
    static let maxDepth = 256

    private(set) var tree = HTMLTree()
    /// Open elements kept in the tree, outermost first; at most `maxDepth` (the last may equal the one before it,
    /// see `Frame.atLimit`).
    private var stack: [HTMLTree.NodeID] = [HTMLTree.root]
    /// What closing each open element does, innermost last (libxml2 reports every end, auto-closed ones too).
    private var frames: [Frame] = []
    private var extraCodes: [String: UInt16] = [:]
    /// Tag codes and attribute names seen before, by address.
    private var tagCodes = NameCache()
    private var attributeCodes = NameCache()

    /// Parses UTF-8 bytes (see `HTMLInput`).
    static func build(_ bytes: [UInt8]) -> HTMLTree {
        var builder = HTMLTreeBuilder()
        guard !bytes.isEmpty else { return builder.tree }
        // Typical shares of a stripped page, so that the arrays rarely grow (and copy) while parsing.
        builder.tree.nodes.reserveCapacity(bytes.count / 24 + 16)
        builder.tree.text.reserveCapacity(bytes.count / 3 + 64)
        builder.tree.attributes.reserveCapacity(bytes.count / 48 + 16)
        builder.tree.attributeValues.reserveCapacity(bytes.count / 6 + 64)
        builder.frames.reserveCapacity(64)
        XMLRuntime.initialize()
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress,
                    let context = htmlCreateMemoryParserCtxt(base, Int32(clamping: chars.count))
                else { return }
                var handler = htmlSAXHandler()
                handler.startElement = { context, name, attributes in
                    HTMLTreeBuilder.from(context).pointee.start(name, attributes)
                }
                handler.endElement = { context, _ in HTMLTreeBuilder.from(context).pointee.end() }
                handler.characters = { context, characters, length in
                    HTMLTreeBuilder.from(context).pointee.characters(characters, length)
                }
                handler.ignorableWhitespace = handler.characters
                handler.cdataBlock = handler.characters
                withUnsafeMutablePointer(to: &handler) { handlerPointer in
                    withUnsafeMutablePointer(to: &builder) { builderPointer in
                        let original = context.pointee.sax
                        context.pointee.sax = UnsafeMutableRawPointer(handlerPointer).assumingMemoryBound(
                            to: xmlSAXHandler.self)
                        context.pointee.userData = UnsafeMutableRawPointer(builderPointer)
                        _ = htmlCtxtUseOptions(
                            context,
                            Int32(
                                HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
                                    | HTML_PARSE_NOWARNING.rawValue
                                    | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue))
                        _ = xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
                        _ = htmlParseDocument(context)
                        context.pointee.sax = original
                        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                        context.pointee.myDoc = nil
                        htmlFreeParserCtxt(context)
                    }
                }
            }
        }
        return builder.tree
    }

    @inline(__always) private static func from(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Self> {
        // The context is the userData set in `build`: a pointer to the builder, valid for the whole parse.
        context.unsafelyUnwrapped.assumingMemoryBound(to: HTMLTreeBuilder.self)
    }

    /// What ending an element does to `stack`.
    private enum Frame: UInt8 {
        /// Pop it.
        case pushed
        /// Nothing: the element has no node.
        case skipped
        /// It was opened at `maxDepth` as the last child of the element below the top, replacing the top: what
        /// follows goes to that parent (the replaced element already has a later sibling, and a subtree must stay
        /// one contiguous range of ids).
        case atLimit
    }

    private mutating func start(
        _ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let name else {
            frames.append(.skipped)
            return
        }
        let code = tagCode(name)
        let atLimit = stack.count >= Self.maxDepth
        let parent = stack[stack.count - (atLimit ? 2 : 1)]
        let id = HTMLTree.NodeID(tree.nodes.count)
        var node = HTMLTree.Node(tag: code, parent: parent)
        node.start = UInt32(tree.attributes.count)
        if var pointer = attributes {
            while let attributeName = pointer.pointee {
                let value = pointer.advanced(by: 1).pointee
                let raw: UInt16
                if let cached = attributeCodes.code(for: attributeName) {
                    raw = cached
                } else {
                    raw = HTMLAttributeName.byteTable.lookup(attributeName) ?? NameCache.none
                    attributeCodes.insert(raw, for: attributeName)
                }
                if raw != NameCache.none, let kept = HTMLAttributeName(rawValue: UInt8(truncatingIfNeeded: raw)) {
                    let start = UInt32(tree.attributeValues.count)
                    var length: UInt32 = 0
                    if let value {
                        let count = Int(xmlStrlen(value))
                        tree.attributeValues.append(contentsOf: UnsafeBufferPointer(start: value, count: count))
                        length = UInt32(count)
                    }
                    tree.attributes.append(HTMLTree.Attribute(name: kept, valueStart: start, valueLength: length))
                }
                pointer = pointer.advanced(by: 2)
            }
        }
        node.count = UInt32(tree.attributes.count) - node.start
        tree.nodes.append(node)
        link(id, to: parent)
        if atLimit {
            stack[stack.count - 1] = id
            frames.append(.atLimit)
        } else {
            stack.append(id)
            frames.append(.pushed)
        }
    }

    private mutating func end() {
        switch frames.popLast() {
        case .pushed: if stack.count > 1 { stack.removeLast() }
        case .atLimit: stack[stack.count - 1] = stack[stack.count - 2]
        case .skipped, nil: break
        }
    }

    private mutating func characters(_ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
        guard let characters, length > 0 else { return }
        let parent = stack[stack.count - 1]
        let last = tree.nodes[Int(parent)].lastChild
        let bytes = UnsafeBufferPointer(start: characters, count: Int(length))
        if last >= 0, tree.nodes[Int(last)].tag == HTMLTag.text.code,
            Int(tree.nodes[Int(last)].start + tree.nodes[Int(last)].count) == tree.text.count
        {
            tree.text.append(contentsOf: bytes)
            tree.nodes[Int(last)].count += UInt32(length)
            return
        }
        var node = HTMLTree.Node(tag: HTMLTag.text.code, parent: parent)
        node.start = UInt32(tree.text.count)
        node.count = UInt32(length)
        tree.text.append(contentsOf: bytes)
        let id = HTMLTree.NodeID(tree.nodes.count)
        tree.nodes.append(node)
        link(id, to: parent)
    }

    @inline(__always) private mutating func link(_ id: HTMLTree.NodeID, to parent: HTMLTree.NodeID) {
        let last = tree.nodes[Int(parent)].lastChild
        if last >= 0 {
            tree.nodes[Int(last)].nextSibling = id
        } else {
            tree.nodes[Int(parent)].firstChild = id
        }
        tree.nodes[Int(parent)].lastChild = id
    }

    private mutating func tagCode(_ name: UnsafePointer<xmlChar>) -> UInt16 {
        if let code = tagCodes.code(for: name) { return code }
        let code = newTagCode(name)
        tagCodes.insert(code, for: name)
        return code
    }

    private mutating func newTagCode(_ name: UnsafePointer<xmlChar>) -> UInt16 {
        if let code = HTMLTag.byteTable.lookup(name) { return code }
        let string = String(cString: name)
        if let code = extraCodes[string] { return code }
        let code = HTMLTag.firstExtraCode + UInt16(clamping: tree.extraTagNames.count)
        tree.extraTagNames.append(string)
        extraCodes[string] = code
        return code
    }

    /// Codes of names libxml2 passed before, by the names' addresses: it hands every tag and attribute name out of
    /// its parser dictionary (or as a constant), so within one parse an address always holds the same name. A
    /// direct-mapped cache: a collision only costs a lookup.
    struct NameCache {
        /// The code stored for names that have none (attributes the tree does not keep).
        static let none: UInt16 = .max
        private var addresses = [UInt](repeating: 0, count: 256)
        private var codes = [UInt16](repeating: 0, count: 256)

        @inline(__always) private static func slot(_ address: UInt) -> Int {
            Int(truncatingIfNeeded: (UInt64(address) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        }

        @inline(__always) func code(for name: UnsafePointer<xmlChar>) -> UInt16? {
            let address = UInt(bitPattern: name)
            let slot = Self.slot(address)
            return addresses[slot] == address ? codes[slot] : nil
        }

        @inline(__always) mutating func insert(_ code: UInt16, for name: UnsafePointer<xmlChar>) {
            let address = UInt(bitPattern: name)
            let slot = Self.slot(address)
            addresses[slot] = address
            codes[slot] = code
        }
    }
}
