/// A JSON value as JSON-LD blocks hold them, read by a small lenient parser.
///
/// Why not `JSONSerialization`: on this toolchain it builds Swift values, converts them to Foundation objects, and
/// every field read converts back; over the dev set that was about a fifth of the whole metadata stage's budget
/// (0.1 ms a page) for 3 KB of JSON-LD a page. This parser makes only the strings it keeps, and it tolerates what
/// pages get wrong without a second pass: trailing or missing commas, raw control characters in strings, single-
/// quoted strings, unquoted words as values, quotes left unescaped inside strings (a quote ends a string only
/// before `,` `:` `}` `]` or the end), and garbage after the value. It stops at nesting depth 64.
enum JSONLDValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONLDValue])
    /// Members in document order (objects are small: a linear lookup beats hashing).
    case object([(key: String, value: JSONLDValue)])

    /// The member named `key` of an object.
    subscript(key: String) -> JSONLDValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONLDValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// Parses the first JSON value in `bytes`; nil when there is none. `lenient` tells whether the text needed any
    /// of the tolerances above (it is not strict JSON).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, lenient: inout Bool) -> JSONLDValue? {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let value = parser.value(depth: 0)
        lenient = parser.lenient
        return value
    }

    /// A recursive-descent reader over UTF-8 bytes.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Set when a tolerance was needed.
        var lenient = false

        /// Skips JSON white space.
        mutating func skipSpace() {
            while i < bytes.count {
                let c = bytes[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                i += 1
            }
        }

        /// The value starting at `i`, or nil when none can be read there.
        mutating func value(depth: Int) -> JSONLDValue? {
            guard i < bytes.count, depth < 64 else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return string().map(JSONLDValue.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true)) ?? bareWord()
            case UInt8(ascii: "f"): return literal("false", .bool(false)) ?? bareWord()
            case UInt8(ascii: "n"): return literal("null", .null) ?? bareWord()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"): return nil
            default: return bareWord()
            }
        }

        /// An unquoted value ("author": Jane Doe,): the text up to a comma, a closing bracket or the line's end.
        private mutating func bareWord() -> JSONLDValue? {
            let start = i
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x0A
                    || c == 0x0D
                {
                    break
                }
                i += 1
            }
            guard i > start else { return nil }
            lenient = true
            return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// `true`, `false` or `null`.
        private mutating func literal(_ word: StaticString, _ result: JSONLDValue) -> JSONLDValue? {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return nil }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return nil }
            i += count
            return result
        }

        /// A number (any run of digits, signs, points and exponents).
        private mutating func number() -> JSONLDValue? {
            let start = i
            while i < bytes.count {
                let c = bytes[i]
                guard
                    (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                        || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                else { break }
                i += 1
            }
            guard i > start else { return nil }
            return .number(
                Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) ?? 0)
        }

        /// An array; an unreadable member ends it, keeping the members before.
        private mutating func array(depth: Int) -> JSONLDValue? {
            i += 1
            var values: [JSONLDValue] = []
            while true {
                skipSeparators(first: values.isEmpty)
                guard i < bytes.count else {
                    lenient = true
                    return .array(values)
                }
                if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(values)
                }
                guard let member = value(depth: depth + 1) else {
                    recover(closing: UInt8(ascii: "]"))
                    return .array(values)
                }
                values.append(member)
            }
        }

        /// An object; an unreadable member ends it, keeping the members before.
        private mutating func object(depth: Int) -> JSONLDValue? {
            i += 1
            var members: [(key: String, value: JSONLDValue)] = []
            while true {
                skipSeparators(first: members.isEmpty)
                guard i < bytes.count else {
                    lenient = true
                    return .object(members)
                }
                if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(members)
                }
                guard bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'"), let key = string() else {
                    recover(closing: UInt8(ascii: "}"))
                    return .object(members)
                }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                    recover(closing: UInt8(ascii: "}"))
                    return .object(members)
                }
                i += 1
                skipSpace()
                guard let member = value(depth: depth + 1) else {
                    recover(closing: UInt8(ascii: "}"))
                    return .object(members)
                }
                members.append((key, member))
            }
        }

        /// After a part that cannot be read: skips to the bracket that closes the current object or array (nested
        /// brackets counted, quotes ignored), so that the members read so far are kept.
        private mutating func recover(closing: UInt8) {
            lenient = true
            var depth = 0
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    if depth == 0 { return }
                    depth -= 1
                }
            }
        }

        /// White space and commas before a member (exactly one comma is strict JSON, except before the first
        /// member and before the closing bracket, where there is none).
        private mutating func skipSeparators(first: Bool) {
            var commas = 0
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: ",") {
                    commas += 1
                } else if !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) {
                    break
                }
                i += 1
            }
            let closing = i < bytes.count && (bytes[i] == UInt8(ascii: "}") || bytes[i] == UInt8(ascii: "]"))
            if commas != (first || closing ? 0 : 1) { lenient = true }
        }

        /// A string starting at a quote (double or single); escapes decoded. A quote of the same kind ends it only
        /// when a `,` `:` `}` `]` or the end follows (after white space): others are quotes left unescaped.
        private mutating func string() -> String? {
            let quote = bytes[i]
            if quote != UInt8(ascii: "\"") { lenient = true }
            i += 1
            let start = i
            var hasEscape = false
            var hasControl = false
            while i < bytes.count {
                let c = bytes[i]
                if c == quote {
                    if closesString(after: i + 1) { break }
                    lenient = true
                } else if c == UInt8(ascii: "\\") {
                    hasEscape = true
                    i += 1
                } else if c < 0x20 {
                    hasControl = true
                }
                i += 1
            }
            let end = min(i, bytes.count)
            if i >= bytes.count { lenient = true }
            i = min(i + 1, bytes.count)
            if hasControl { lenient = true }
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !hasEscape && !hasControl { return String(decoding: raw, as: UTF8.self) }
            return String(decoding: JSONLDMetadata.unescapedBytes(raw), as: UTF8.self)
        }

        /// Whether the text from `index` on may follow a closing quote.
        private func closesString(after index: Int) -> Bool {
            var k = index
            while k < bytes.count {
                let c = bytes[k]
                switch c {
                case 0x20, 0x0A, 0x0D, 0x09: k += 1
                case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "]"): return true
                default: return false
                }
            }
            return true
        }
    }
}
