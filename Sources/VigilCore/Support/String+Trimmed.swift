extension StringProtocol {
    /// The string without leading and trailing white space and newlines (Unicode `White_Space`). Much faster than
    /// Foundation's `trimmingCharacters(in:)`, which goes through UTF-16; parsers call this on every value.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
