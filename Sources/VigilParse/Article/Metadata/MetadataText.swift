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
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                i += 1
                continue
            }
            // Find the end of the reference within a short window.
            var end = i + 1
            while end < bytes.count, end - i <= 12, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "&") {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > i + 1 else {
                out.append(byte)
                i += 1
                continue
            }
            let body = bytes[(i + 1)..<end]
            var scalar: Unicode.Scalar?
            if body.first == UInt8(ascii: "#") {
                let digits = body.dropFirst()
                let hex = digits.first.map { $0 | 0x20 == UInt8(ascii: "x") } ?? false
                let text = String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self)
                if let value = UInt32(text, radix: hex ? 16 : 10) {
                    // Windows-1252 code points written as numbers ("&#146;") mean the typographic characters.
                    scalar = Unicode.Scalar(windows1252[value] ?? value)
                }
            } else {
                var name = Array(body)
                name.append(0)
                if let entity = htmlEntityLookup(name) {
                    scalar = Unicode.Scalar(entity.pointee.value)
                }
            }
            if let scalar, scalar.value != 0 {
                out.append(contentsOf: String(scalar).utf8)
                i = end + 1
            } else {
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x84: 0x201E, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x96: 0x2013, 0x97: 0x2014,
    ]

    /// A comparison key: letters and digits only, lower-cased, so that "Ikigai – BRIGITTE.de" and
    /// "ikigai brigitte de" meet.
    static func key(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var sawNonASCII = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                sawNonASCII = true
                break
            }
            if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                out.append(byte)
            } else if byte >= 0x41 && byte <= 0x5A {
                out.append(byte | 0x20)
            }
        }
        if !sawNonASCII { return String(decoding: out, as: UTF8.self) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                    result.unicodeScalars.append(scalar)
                } else if v >= 0x41 && v <= 0x5A, let lower = Unicode.Scalar(v | 0x20) {
                    result.unicodeScalars.append(lower)
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                result += String(scalar).lowercased()
            }
        }
        return result
    }

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
    /// by a blank line: tags dropped, block tags (`p`, `br`, `div`, headings, list items…) ending a paragraph,
    /// entities decoded, white space collapsed. A byte scan, not an HTML parser: the markup in `articleBody` is
    /// simple, and this runs on every page that has one.
    static func paragraphs(fromBody raw: String) -> String {
        let bytes = Array(raw.utf8)
        var lines: [UInt8] = []
        lines.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), i + 1 < bytes.count,
                bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "!") || HTMLTree.lower(bytes[i + 1]) >= 0x61 && HTMLTree.lower(bytes[i + 1]) <= 0x7A
            {
                var end = i + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                var nameStart = i + 1
                if nameStart < end, bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < end, HTMLTree.lower(bytes[nameEnd]) >= 0x61 && HTMLTree.lower(bytes[nameEnd]) <= 0x7A
                    || bytes[nameEnd] >= 0x30 && bytes[nameEnd] <= 0x39
                {
                    nameEnd += 1
                }
                let name = String(decoding: bytes[nameStart..<nameEnd].map(HTMLTree.lower), as: UTF8.self)
                if blockTags.contains(name) { lines.append(0x0A) } else { lines.append(0x20) }
                i = end + 1
                continue
            }
            lines.append(byte)
            i += 1
        }
        let text = String(decoding: lines, as: UTF8.self)
        let decoded = text.utf8.contains(UInt8(ascii: "&")) ? decodeEntities(text) : text
        return decoded.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D })
            .compactMap { tidy(String($0)) }.joined(separator: "\n\n")
    }

    private static let blockTags: Set<String> = [
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "figure",
        "figcaption", "table", "tr", "pre", "hr", "article", "header", "footer", "dl", "dt", "dd",
    ]

    /// Whether `text` contains `needle`, byte for byte (Foundation's `contains` goes through UTF-16).
    static func contains(_ text: String, _ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        guard let first = needleBytes.first else { return true }
        let bytes = Array(text.utf8)
        guard bytes.count >= needleBytes.count else { return false }
        var i = 0
        while i <= bytes.count - needleBytes.count {
            if bytes[i] == first {
                var k = 1
                while k < needleBytes.count, bytes[i + k] == needleBytes[k] { k += 1 }
                if k == needleBytes.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Number of words (runs separated by spaces).
    static func wordCount(_ text: String) -> Int {
        text.split(separator: " ", omittingEmptySubsequences: true).count
    }
}
