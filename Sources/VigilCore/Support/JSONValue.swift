import Foundation

/// A JSON value with ordered object keys, for the line-oriented output of the CLI (stable, readable key order,
/// explicit nulls for absent fields).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// A string value, or null when nil.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// An integer value, or null when nil.
    public static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    /// An RFC 3339 UTC timestamp, or null when nil.
    public static func date(_ value: Date?) -> JSONValue {
        value.map { .string(FeedDate.rfc3339($0)) } ?? .null
    }

    /// Compact serialisation on one line (no newline inside, so it is safe for JSON Lines).
    public func serialized() -> String {
        String(decoding: serializedUTF8(), as: UTF8.self)
    }

    /// `serialized()` as UTF-8 bytes, for writing out without making a `String`.
    public func serializedUTF8() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                out.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (i, v) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a JSON string literal, copying runs of bytes that need no escape in one go.
    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            let n = bytes.count
            var runStart = 0
            var i = 0
            while i < n {
                // Skip what needs no escape: everything but control bytes, '"', '\\' and the lead byte of
                // U+2028/U+2029.
                while i < n {
                    let b = bytes[i]
                    if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0xE2 { break }
                    i += 1
                }
                guard i < n else { break }
                let b = bytes[i]
                var width = 1
                let escape: StaticString
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0a: escape = "\\n"
                case 0x0d: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xe2:
                    // U+2028 and U+2029 are legal in JSON but break JavaScript and some line readers.
                    guard i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xa8 || bytes[i + 2] == 0xa9 else {
                        i += 1
                        continue
                    }
                    escape = bytes[i + 2] == 0xa8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    out.append(contentsOf: bytes[runStart..<i])
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)],
                        hex[Int(b & 15)],
                    ])
                    i += 1
                    runStart = i
                    continue
                }
                out.append(contentsOf: bytes[runStart..<i])
                out.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                i += width
                runStart = i
            }
            out.append(contentsOf: bytes[runStart..<n])
        }
        out.append(UInt8(ascii: "\""))
    }
}
