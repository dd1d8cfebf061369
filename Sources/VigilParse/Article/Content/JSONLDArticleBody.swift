import Foundation

/// Reads schema.org `articleBody` from a page's JSON-LD blocks: the full text that some sites publish for search
/// engines even when the page shows only a teaser (paywalls). Used when the metadata does not carry it already.
enum JSONLDArticleBody {
    /// The longest `articleBody` string found in the blocks, or nil. Blocks without the key are not parsed.
    static func find(in blocks: [String]) -> String? {
        var best: String?
        for block in blocks where block.contains("articleBody") {
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
