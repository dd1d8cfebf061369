/// Facts about every node of a page that do not depend on which nodes the extractor later removes: attribute
/// hints, visible characters and commas of each subtree, and a few structural flags. One forward pass over the
/// attributes and one backward pass over the node array (children have larger ids than their parents).
struct PageFacts: Sendable {
    /// Structural flags of a node.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Holds (at any depth) an element that makes a `div` a container (`p`, `div`, `table`, `ul`, `img`…).
        static let hasBlockDescendant = Flags(rawValue: 1 << 0)
        /// Every child is phrasing content (text, inline elements).
        static let allPhrasing = Flags(rawValue: 1 << 1)
        /// Two or more `br` in a row among the children: the text is split into paragraphs there.
        static let hasBreakChain = Flags(rawValue: 1 << 2)
        /// Has an element child other than `br` and `hr`.
        static let hasContentChild = Flags(rawValue: 1 << 3)
        /// A text node of whitespace only.
        static let blank = Flags(rawValue: 1 << 4)
    }

    let tree: HTMLTree
    /// Attribute hints of each element.
    var hints: [ElementHints]
    /// Visible characters of each subtree (Unicode scalars; a whitespace run counts as one), before any removal.
    var chars: [Int32]
    /// Commas of each subtree (Latin, Arabic, CJK and other comma characters).
    var commas: [Int32]
    var flags: [Flags]
    /// One past the last node of each subtree.
    var subtreeEnd: [Int32]
    /// The `body` element (the document when there is none).
    var body: HTMLTree.NodeID = HTMLTree.root

    /// Computes the facts of every node of `tree`.
    init(tree: HTMLTree) {
        self.tree = tree
        let n = tree.count
        hints = [ElementHints](repeating: [], count: n)
        chars = [Int32](repeating: 0, count: n)
        commas = [Int32](repeating: 0, count: n)
        flags = [Flags](repeating: .allPhrasing, count: n)
        subtreeEnd = [Int32](repeating: 0, count: n)
        let matcher = HintMatcher.standard
        var memo = HintMatcher.Memo(values: tree.attributes.count / 2)
        let textCode = HTMLTag.text.code
        let brCode = HTMLTag.br.code
        let hrCode = HTMLTag.hr.code
        var foundBody = false
        tree.attributes.withUnsafeBufferPointer { attributes in
            tree.attributeValues.withUnsafeBufferPointer { values in
                for id in 1..<n {
                    let node = tree.nodes[id]
                    if node.tag == textCode { continue }
                    if !foundBody, node.tag == HTMLTag.body.code {
                        body = HTMLTree.NodeID(id)
                        foundBody = true
                    }
                    if node.count > 0 {
                        hints[id] = ElementHints.of(
                            node, attributes: attributes, values: values, matcher: matcher, memo: &memo)
                    }
                    if node.tag == brCode, Self.nextIsBreak(tree, after: node.nextSibling) {
                        flags[Int(node.parent)].insert(.hasBreakChain)
                    }
                }
            }
        }
        tree.text.withUnsafeBufferPointer { text in
            for id in stride(from: n - 1, through: 1, by: -1) {
                let node = tree.nodes[id]
                let parent = Int(node.parent)
                if subtreeEnd[id] == 0 { subtreeEnd[id] = Int32(id + 1) }
                if subtreeEnd[parent] < subtreeEnd[id] { subtreeEnd[parent] = subtreeEnd[id] }
                if node.tag == textCode {
                    var (count, commaCount) = Self.count(text, from: Int(node.start), length: Int(node.count))
                    if count <= 1, Self.isBlank(text, from: Int(node.start), length: Int(node.count)) {
                        // Whitespace between elements: Readability trims it away, so it counts nothing.
                        flags[id].insert(.blank)
                        count = 0
                    }
                    chars[id] = count
                    commas[id] = commaCount
                    chars[parent] += count
                    commas[parent] += commaCount
                    continue
                }
                let traits = TagTraits.of(node.tag)
                if !traits.contains(.dropped) {
                    chars[parent] += chars[id]
                    commas[parent] += commas[id]
                }
                if traits.contains(.divToP) || flags[id].contains(.hasBlockDescendant) {
                    flags[parent].insert(.hasBlockDescendant)
                }
                let phrasing =
                    traits.contains(.phrasing)
                    || (traits.contains(.phrasingIfContent) && flags[id].contains(.allPhrasing))
                if !phrasing { flags[parent].remove(.allPhrasing) }
                if node.tag != brCode, node.tag != hrCode { flags[parent].insert(.hasContentChild) }
            }
        }
        if n > 0 { subtreeEnd[0] = Int32(n) }
    }

    /// The class attribute of an element as bytes (empty when it has none).
    func classBytes(_ node: HTMLTree.NodeID) -> ArraySlice<UInt8> {
        let element = tree.nodes[Int(node)]
        guard element.tag != HTMLTag.text.code else { return [] }
        for index in Int(element.start)..<Int(element.start + element.count)
        where tree.attributes[index].name == .class {
            let attribute = tree.attributes[index]
            return tree.attributeValues[Int(attribute.valueStart)..<Int(attribute.valueStart + attribute.valueLength)]
        }
        return []
    }

    /// Whether the next non-blank sibling is a `br`.
    private static func nextIsBreak(_ tree: HTMLTree, after sibling: HTMLTree.NodeID) -> Bool {
        var next = sibling
        var steps = 0
        while next >= 0, steps < 64 {
            let node = tree.nodes[Int(next)]
            if node.tag == HTMLTag.br.code { return true }
            guard node.tag == HTMLTag.text.code else { return false }
            for byte in tree.text[Int(node.start)..<Int(node.start + node.count)] where !isSpace(byte) {
                return false
            }
            next = node.nextSibling
            steps += 1
        }
        return false
    }

    /// ASCII whitespace.
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Whether UTF-8 text is only whitespace (U+00A0 included).
    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> Bool {
        var i = start
        let end = start + length
        while i < end {
            let byte = text[i]
            if isSpace(byte) {
                i += 1
            } else if byte == 0xC2, i + 1 < end, text[i + 1] == 0xA0 {
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// Visible characters (a run of whitespace counts as one; U+00A0 is whitespace, U+00AD is invisible) and commas
    /// of UTF-8 text. Eight ASCII bytes at a time when it can (SWAR: ASCII control characters count as
    /// whitespace there), one scalar at a time otherwise.
    static func count(_ text: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> (Int32, Int32) {
        guard let base = text.baseAddress else { return (0, 0) }
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        var chars: Int32 = 0
        var commas: Int32 = 0
        var inSpace = false
        var i = start
        let end = start + length
        while i < end {
            if i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & high == 0 {
                    // High bit set in each byte ≥ 0x21 (visible): b + 0x5F carries into bit 7 exactly then.
                    let visible = (word &+ 0x5F * ones) & high
                    let space = ~visible & high
                    let spaceBefore = (space << 8) | (inSpace ? 0x80 : 0)
                    let runStarts = space & ~spaceBefore
                    let comma = word ^ (0x2C * ones)
                    let commaBytes = ~(((comma & ~high) &+ ~high) | comma) & high
                    chars += Int32(visible.nonzeroBitCount + runStarts.nonzeroBitCount)
                    commas += Int32(commaBytes.nonzeroBitCount)
                    inSpace = space & (0x80 << 56) != 0
                    i += 8
                    continue
                }
            }
            let byte = text[i]
            if byte < 0x80 {
                if byte <= 0x20 {
                    if !inSpace {
                        chars += 1
                        inSpace = true
                    }
                } else {
                    chars += 1
                    inSpace = false
                    if byte == 0x2C { commas += 1 }
                }
                i += 1
                continue
            }
            if byte < 0xC0 {  // stray continuation byte
                i += 1
                continue
            }
            // Lead byte of a multi-byte scalar.
            if byte == 0xC2, i + 1 < end {
                let next = text[i + 1]
                if next == 0xA0 {
                    if !inSpace {
                        chars += 1
                        inSpace = true
                    }
                    i += 2
                    continue
                }
                if next == 0xAD {
                    i += 2
                    continue
                }
            }
            chars += 1
            inSpace = false
            if i + 1 < end {
                let b1 = text[i + 1]
                if byte == 0xD8, b1 == 0x8C {
                    commas += 1  // ، U+060C
                } else if i + 2 < end {
                    let b2 = text[i + 2]
                    if (byte == 0xEF && b1 == 0xBC && b2 == 0x8C)  // ， U+FF0C
                        || (byte == 0xE3 && b1 == 0x80 && b2 == 0x81)  // 、 U+3001
                        || (byte == 0xEF && b1 == 0xB9 && b2 == 0x90)  // ﹐ U+FE50
                        || (byte == 0xEF && b1 == 0xB8 && (b2 == 0x90 || b2 == 0x91))  // ︐ ︑
                        || (byte == 0xE2 && b1 == 0xB8 && (b2 == 0xB2 || b2 == 0xB4))  // ⸲ ⸴
                        || (byte == 0xE2 && b1 == 0xB9 && b2 == 0x81)  // ⹁
                    {
                        commas += 1
                    }
                }
            }
            i += byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        }
        return (chars, commas)
    }
}
