import Foundation

/// Reads schema.org `articleBody` from a page's JSON-LD blocks: the full text that some sites publish for search
/// engines even when the page shows only a teaser (paywalls). Used when the metadata does not carry it already.
enum JSONLDArticleBody {
    /// The longest `articleBody` string found in the blocks, or nil. Blocks without the key are not parsed, nor
    /// are blocks whose `articleBody` values have fewer than `minimumBytes` bytes.
    static func find(in blocks: [String], minimumBytes: Int = 0) -> String? {
        var best: String?
        for block in blocks where longestValueBytes(in: block) >= max(1, minimumBytes) {
            guard let data = block.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            var found: [String] = []
            collect(object, into: &found, depth: 0)
            for body in found where body.count > (best?.count ?? 0) { best = body }
        }
        guard let best else { return nil }
        let text = best.contains("<") ? MarkupText.plainText(fromMarkup: best) : best
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Bytes of the longest `"articleBody": "…"` string literal in a block (escapes counted as written), found
    /// by scanning bytes: 0 when there is none.
    static func longestValueBytes(in block: String) -> Int {
        var block = block
        return block.withUTF8 { bytes in
            let key: StaticString = "\"articleBody\""
            let keyLength = key.utf8CodeUnitCount
            var longest = 0
            var i = 0
            let n = bytes.count
            while i + keyLength <= n {
                guard bytes[i] == UInt8(ascii: "\""), bytes[i + 1] == UInt8(ascii: "a") else {
                    i += 1
                    continue
                }
                var k = 2
                while k < keyLength, bytes[i + k] == key.utf8Start[k] { k += 1 }
                guard k == keyLength else {
                    i += 1
                    continue
                }
                var j = i + keyLength
                while j < n, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: ":") || bytes[j] < 0x20 {
                    j += 1
                }
                guard j < n, bytes[j] == UInt8(ascii: "\"") else {
                    i = j
                    continue
                }
                let start = j + 1
                j = start
                while j < n, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                longest = max(longest, j - start)
                i = j
            }
            return longest
        }
    }

    /// Every `articleBody` string in a parsed JSON value, depth-limited.
    private static func collect(_ value: Any, into found: inout [String], depth: Int) {
        guard depth < 32 else { return }
        if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary {
                if key == "articleBody", let string = child as? String {
                    found.append(string)
                } else {
                    collect(child, into: &found, depth: depth + 1)
                }
            }
        } else if let array = value as? [Any] {
            for child in array { collect(child, into: &found, depth: depth + 1) }
        }
    }
}
