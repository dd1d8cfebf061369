/// Byte-level attribute tests for the metadata scan: they look at attribute values where the tree stores them, so
/// scanning every element of a page makes no `String`.
extension HTMLTree {
    /// Where a kept attribute's value lies in `attributeValues`, or nil when the element lacks it.
    func attributeRange(_ name: HTMLAttributeName, of node: NodeID) -> Range<Int>? {
        let element = nodes[Int(node)]
        guard element.tag != HTMLTag.text.code, element.count > 0 else { return nil }
        for index in Int(element.start)..<Int(element.start + element.count) where attributes[index].name == name {
            let start = Int(attributes[index].valueStart)
            return start..<start + Int(attributes[index].valueLength)
        }
        return nil
    }

    /// Whether the attribute's value contains `needle` (lower-case ASCII), ignoring ASCII case.
    func attribute(_ name: HTMLAttributeName, of node: NodeID, contains needle: StaticString) -> Bool {
        guard let range = attributeRange(name, of: node) else { return false }
        return Self.contains(attributeValues[range], needle)
    }

    /// Whether the attribute's value equals `value` (lower-case ASCII), ignoring ASCII case and surrounding spaces.
    func attribute(_ name: HTMLAttributeName, of node: NodeID, is value: StaticString) -> Bool {
        guard let range = attributeRange(name, of: node) else { return false }
        var slice = attributeValues[range]
        while let first = slice.first, first <= 0x20 { slice = slice.dropFirst() }
        while let last = slice.last, last <= 0x20 { slice = slice.dropLast() }
        guard slice.count == value.utf8CodeUnitCount else { return false }
        var k = 0
        for byte in slice {
            guard Self.lower(byte) == value.utf8Start[k] else { return false }
            k += 1
        }
        return true
    }

    /// Whether `bytes` contain `needle` (lower-case ASCII), ignoring ASCII case.
    static func contains<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ needle: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return count == 0 }
        let first = needle.utf8Start[0]
        var i = bytes.startIndex
        let last = bytes.endIndex - count
        while i <= last {
            if lower(bytes[i]) == first {
                var k = 1
                while k < count, lower(bytes[i + k]) == needle.utf8Start[k] { k += 1 }
                if k == count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `bytes` start with `prefix` (lower-case ASCII), ignoring ASCII case.
    static func startsWith<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ prefix: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        var i = bytes.startIndex
        for k in 0..<count {
            guard lower(bytes[i]) == prefix.utf8Start[k] else { return false }
            i += 1
        }
        return true
    }

    /// ASCII lower case of a byte; other bytes unchanged.
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The text of a subtree with white space collapsed, stopping after about `limit` bytes (so that a byline
    /// candidate that turns out to be a whole article costs little).
    func collapsedText(_ node: NodeID, limit: Int) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        let range = isText(node) ? node..<(node + 1) : descendants(node)
        outer: for id in range where isText(id) {
            for byte in ownTextBytes(id) {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    out.append(byte)
                    if out.count >= limit { break outer }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Like `collapsedText(_:limit:)`, but a `<br>` or a block element between two texts becomes " | ", so that a
    /// byline's name and the date on the next line stay apart ("Agencia EFE | 04.05.2022").
    func lineText(_ node: NodeID, limit: Int) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        var pendingBreak = false
        let textCode = HTMLTag.text.code
        for id in descendants(node) {
            let tag = nodes[Int(id)].tag
            if tag != textCode {
                if Self.breaksLine(tag) { pendingBreak = !out.isEmpty }
                continue
            }
            for byte in ownTextBytes(id) {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingBreak {
                        out.append(contentsOf: [0x20, UInt8(ascii: "|"), 0x20])
                    } else if pendingSpace {
                        out.append(0x20)
                    }
                    pendingBreak = false
                    pendingSpace = false
                    out.append(byte)
                }
            }
            if out.count >= limit { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let lineBreakingTags: Set<UInt16> = Set(
        [HTMLTag.br, .p, .div, .li, .h1, .h2, .h3, .h4, .h5, .h6, .dt, .dd, .tr, .section, .header, .time].map(\.code))

    /// Whether a tag separates lines of text.
    private static func breaksLine(_ tag: UInt16) -> Bool { lineBreakingTags.contains(tag) }

    /// The number of text bytes in a subtree, stopping once it passes `limit`.
    func textLength(_ node: NodeID, limit: Int) -> Int {
        var total = 0
        for id in descendants(node) where isText(id) {
            total += Int(nodes[Int(id)].count)
            if total > limit { break }
        }
        return total
    }
}
