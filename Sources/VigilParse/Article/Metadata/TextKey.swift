/// A loose comparison key for short texts (titles, title segments, site and author names): letters and digits only,
/// lower-cased, as UTF-8 bytes, so that "Ikigai – BRIGITTE.de" and "ikigai brigitte de" meet. Bytes rather than a
/// `String`, so that hashing and comparing never normalise Unicode (which made keys the costliest part of choosing
/// a title on non-English pages).
struct TextKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ text: String) {
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
        if sawNonASCII {
            out.removeAll(keepingCapacity: true)
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                        out.append(UInt8(v))
                    } else if v >= 0x41 && v <= 0x5A {
                        out.append(UInt8(v | 0x20))
                    }
                } else if !Self.isPunctuationOrSpace(v), let lower = Unicode.Scalar(Self.lowercase(v)) {
                    MetadataText.appendUTF8(lower, to: &out)
                }
            }
        }
        bytes = out
    }

    var isEmpty: Bool { bytes.isEmpty }
    /// Length in bytes.
    var count: Int { bytes.count }

    /// Whether this key starts with `other`.
    func hasPrefix(_ other: TextKey) -> Bool { bytes.starts(with: other.bytes) }

    /// Whether this key ends with `other`.
    func hasSuffix(_ other: TextKey) -> Bool {
        other.bytes.count <= bytes.count && bytes[(bytes.count - other.bytes.count)...].elementsEqual(other.bytes)
    }

    /// Whether `other` occurs in this key.
    func contains(_ other: TextKey) -> Bool {
        let pattern = other.bytes
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

    /// Non-ASCII code points that are not letters or digits: Latin-1 punctuation and signs, general punctuation
    /// (dashes, quotes), CJK and full-width punctuation, and the like. An approximation that needs no Unicode tables.
    private static func isPunctuationOrSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0xBF, 0xD7, 0xF7: return v != 0xAA && v != 0xB5 && v != 0xBA
        case 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x214F, 0x2190...0x2BFF: return true
        case 0x3000...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return true
        case 0xFE00...0xFE0F, 0x1F000...0x1FAFF: return true
        default: return false
        }
    }

    /// Lower case for the scripts where case matters most (Latin-1, Latin Extended-A, Greek, Cyrillic); other code
    /// points as they are.
    private static func lowercase(_ v: UInt32) -> UInt32 {
        switch v {
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x139...0x148, 0x179...0x17E: return v & 1 == 1 ? v + 1 : v
        case 0x391...0x3A9: return v + 0x20
        case 0x410...0x42F: return v + 0x20
        case 0x400...0x40F: return v + 0x50
        default: return v
        }
    }
}
