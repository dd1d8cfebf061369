/// Word tokens of a title or heading, and Readability's similarity between two of them, used to drop the heading
/// that repeats the page title.
enum TitleTokens {
    /// Lower-cased tokens: runs of ASCII letters, digits and `_`, or of non-ASCII characters (so words in any
    /// script stay whole; ASCII punctuation and spaces separate).
    static func tokens(of text: [UInt8]) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in text {
            if byte >= 0x80 || HintMatcher.isAlphanumeric(byte) || byte == UInt8(ascii: "_") {
                current.append(HintMatcher.lower(byte))
            } else if !current.isEmpty {
                tokens.append(current)
                current = []
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Readability's `_textSimilarity(a, b)`: 1 − (length of b's tokens missing from a) / (length of b's tokens).
    static func similarity(_ a: [[UInt8]], _ b: [[UInt8]]) -> Float {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let known = Set(a)
        var missing = 0
        var total = 0
        for token in b {
            total += token.count
            if !known.contains(token) { missing += token.count }
        }
        // Joined with single spaces, as Readability measures it.
        let missingCount = b.filter { !known.contains($0) }.count
        let missingLength = missingCount > 0 ? missing + missingCount - 1 : 0
        let totalLength = total + b.count - 1
        return totalLength > 0 ? 1 - Float(missingLength) / Float(totalLength) : 0
    }
}
