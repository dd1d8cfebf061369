import CLibXML2
import Foundation

/// Small text helpers shared by the metadata sources: tidying values and comparing them loosely.
enum MetadataText {
    /// The value with HTML entities decoded (JSON-LD and some `content` attributes carry `&quot;` or `&#8217;`),
    /// white space (ASCII, no-break and the other Unicode spaces) collapsed to single spaces, soft hyphens and
    /// zero-width spaces dropped, and trimmed. Nil when nothing is left. Works on UTF-8 bytes: it runs on every
    /// metadata value.
    static func tidy(_ value: String?) -> String? {
        guard let value else { return nil }
        var decoded = value.utf8.contains(UInt8(ascii: "&")) ? decodeEntities(value) : value
        return decoded.withUTF8 { tidy($0) }
    }

    /// `tidy` over UTF-8 bytes.
    private static func tidy(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            // Width of a space-like character starting here (0 when the byte starts none).
            var space = 0
            var drop = 0
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                space = 1
            } else if byte == 0xC2, i + 1 < n {
                if bytes[i + 1] == 0xA0 { space = 2 } else if bytes[i + 1] == 0xAD { drop = 2 }
            } else if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
                let third = bytes[i + 2]
                if third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF {
                    space = 3
                } else if third == 0x8B {
                    drop = 3
                }
            } else if byte == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                space = 3
            }
            if space > 0 {
                pendingSpace = !out.isEmpty
                i += space
            } else if drop > 0 {
                i += drop
            } else {
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte)
                i += 1
            }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// Decodes `&name;`, `&#NNN;` and `&#xHH;` references (HTML 4 names, through libxml2's table); anything that is
    /// not a known reference stays as written.
    static func decodeEntities(_ text: String) -> String {
        var text = text
        let out: [UInt8] = text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "&"), let (scalar, length) = entity(in: bytes, at: i) {
                    appendUTF8(scalar, to: &out)
                    i += length
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return out
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character a reference starting at `i` (an `&`) stands for, and the reference's length in bytes.
    static func entity(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        var end = i + 1
        while end < bytes.count, end - i <= 12, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "&") {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > i + 1 else { return nil }
        var value: UInt32 = 0
        if bytes[i + 1] == UInt8(ascii: "#") {
            var k = i + 2
            let hex = k < end && bytes[k] | 0x20 == UInt8(ascii: "x")
            if hex { k += 1 }
            guard k < end else { return nil }
            while k < end {
                let c = bytes[k]
                let digit: UInt32
                switch c {
                case 0x30...0x39: digit = UInt32(c - 0x30)
                case 0x41...0x46 where hex: digit = UInt32(c - 0x41 + 10)
                case 0x61...0x66 where hex: digit = UInt32(c - 0x61 + 10)
                default: return nil
                }
                value = value &* (hex ? 16 : 10) &+ digit
                guard value <= 0x10FFFF else { return nil }
                k += 1
            }
            // Windows-1252 code points written as numbers ("&#146;") mean the typographic characters.
            value = windows1252[value] ?? value
        } else {
            var name = [UInt8](bytes[(i + 1)..<end])
            name.append(0)
            guard let entity = htmlEntityLookup(name) else { return nil }
            value = entity.pointee.value
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, end + 1 - i)
    }

    /// Appends a scalar's UTF-8 bytes.
    @inline(__always) static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | value >> 6))
            out.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | value >> 12))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        default:
            out.append(UInt8(0xF0 | value >> 18))
            out.append(UInt8(0x80 | value >> 12 & 0x3F))
            out.append(UInt8(0x80 | value >> 6 & 0x3F))
            out.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x84: 0x201E, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x96: 0x2013, 0x97: 0x2014,
    ]

    /// Whether the value looks like a URL or a path rather than text.
    static func isURL(_ text: String) -> Bool {
        text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("//") || text.hasPrefix("www.")
            || (text.hasPrefix("/") && !text.utf8.contains(0x20))
    }

    /// The parts of `text` between any of the separators (parts may be empty; none when `text` is empty).
    static func split(_ text: String, on separators: [String]) -> [String] {
        let bytes = Array(text.utf8)
        let patterns = separators.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var parts: [String] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            var matched = 0
            for pattern in patterns where pattern[0] == bytes[i] && bytes.count - i >= pattern.count {
                var k = 1
                while k < pattern.count, bytes[i + k] == pattern[k] { k += 1 }
                if k == pattern.count {
                    matched = k
                    break
                }
            }
            if matched > 0 {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += matched
                start = i
            } else {
                i += 1
            }
        }
        if start == 0 { return bytes.isEmpty ? [] : [text] }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// An article body as JSON-LD carries it (plain text with line breaks, or simple HTML) as paragraphs separated
    /// by a blank line: tags dropped, block tags (`p`, `br`, `div`, headings, list items…) and line breaks ending a
    /// paragraph, entities decoded, white space collapsed. One byte scan, not an HTML parser: the markup in
    /// `articleBody` is simple, and this runs on every page that has one.
    static func paragraphs(fromBody raw: String) -> String {
        var raw = raw
        return raw.withUTF8 { paragraphs(fromBody: $0) }
    }

    /// `paragraphs(fromBody:)` over UTF-8 bytes.
    static func paragraphs(fromBody bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        // Output never exceeds twice the input: a line break becomes two, a reference shrinks or keeps its size.
        let out = [UInt8](unsafeUninitializedCapacity: 2 * n + 8) { buffer, count in
            var o = 0
            // 0: nothing pending, 1: a space, 2: a paragraph break.
            var pending = 0
            var i = 0
            while i < n {
                let byte = bytes[i]
                if byte == 0x0A || byte == 0x0D {
                    pending = 2
                    i += 1
                    continue
                }
                if byte == 0x20 || byte == 0x09 || byte == 0x0C {
                    pending = max(pending, 1)
                    i += 1
                    continue
                }
                if byte == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {
                    pending = max(pending, 1)
                    i += 2
                    continue
                }
                if byte == UInt8(ascii: "<"), i + 1 < n, isTagStart(bytes[i + 1]) {
                    var end = i + 1
                    while end < n, bytes[end] != UInt8(ascii: ">") { end += 1 }
                    var nameStart = i + 1
                    if bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
                    var nameEnd = nameStart
                    while nameEnd < end, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
                    pending = max(pending, isBlockTag(bytes[nameStart..<nameEnd]) ? 2 : 1)
                    i = end + 1
                    continue
                }
                if pending > 0, o > 0 {
                    if pending == 2 {
                        buffer[o] = 0x0A
                        buffer[o + 1] = 0x0A
                        o += 2
                    } else {
                        buffer[o] = 0x20
                        o += 1
                    }
                }
                pending = 0
                if byte == UInt8(ascii: "&"), let (scalar, length) = entity(in: bytes, at: i) {
                    if scalar.properties.isWhitespace {
                        pending = 1
                    } else {
                        var encoded: [UInt8] = []
                        appendUTF8(scalar, to: &encoded)
                        for b in encoded {
                            buffer[o] = b
                            o += 1
                        }
                    }
                    i += length
                } else {
                    buffer[o] = byte
                    o += 1
                    i += 1
                }
            }
            count = o
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a byte after `<` starts a tag, a closing tag or a declaration.
    private static func isTagStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!")
            || (HTMLTree.lower(byte) >= 0x61 && HTMLTree.lower(byte) <= 0x7A)
    }

    /// ASCII letters and digits, as in tag names.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (HTMLTree.lower(byte) >= 0x61 && HTMLTree.lower(byte) <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Whether a tag name (as written) ends a paragraph; compared without making a string, as bodies can hold
    /// thousands of tags.
    private static func isBlockTag(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard !name.isEmpty, name.count <= 10 else { return false }
        var key: UInt64 = 0
        for byte in name { key = key << 8 | UInt64(HTMLTree.lower(byte)) }
        return blockTagKeys.contains(key)
    }

    /// `blockTags` packed as integers (one byte a letter).
    private static let blockTagKeys: Set<UInt64> = Set(
        blockTags.map { name in name.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })

    private static let blockTags: Set<String> = [
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "figure",
        "figcaption", "table", "tr", "pre", "hr", "article", "header", "footer", "dl", "dt", "dd",
    ]

    /// Whether `text` contains `needle`, byte for byte (Foundation's `contains` goes through UTF-16).
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { bytes in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard bytes.count >= pattern.count else { return false }
                var i = 0
                while i <= bytes.count - pattern.count {
                    if bytes[i] == first {
                        var k = 1
                        while k < pattern.count, bytes[i + k] == pattern[k] { k += 1 }
                        if k == pattern.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Number of words (runs separated by spaces).
    static func wordCount(_ text: String) -> Int {
        text.split(separator: " ", omittingEmptySubsequences: true).count
    }
}
