/// How many characters may still be produced while reading text out of a parsed tree.
///
/// Internal entities stay references in the tree (Vigil never parses with `XML_PARSE_NOENT`); reading text
/// expands them, and a "billion laughs" document would expand to gigabytes. Every read of one document draws
/// from one budget, so the total output of a parse is bounded whatever the document nests.
final class ExpansionBudget {
    /// Characters left to produce.
    private(set) var remaining: Int
    /// Set once a read was cut short.
    private(set) var exhausted = false

    /// A budget of `limit` characters (UTF-8 bytes) for one document.
    init(limit: Int) {
        remaining = limit
    }

    /// Takes `count` characters; false (and marks the budget exhausted) when they are not available.
    func take(_ count: Int) -> Bool {
        guard count <= remaining else {
            remaining = 0
            exhausted = true
            return false
        }
        remaining -= count
        return true
    }
}
