/// A read-only map from folded token hashes (`TextDocument.Token.folded`) to small values.
///
/// Open addressing over a power-of-two array: the keys are already FNV hashes, so a lookup is a mask, a compare
/// and rarely a probe, with none of `Dictionary`'s per-lookup hashing. The figure stages look up every word token,
/// so this keeps them well inside their time budget.
struct WordTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let mask: Int

    /// Builds the table; a word given twice keeps the value `merge` makes of both.
    init(_ pairs: [(String, Value)], merge: (Value, Value) -> Value) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity *= 2 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        let mask = capacity - 1
        for (word, value) in pairs {
            let key = TextDocument.hash(word)
            var slot = Self.slot(key, mask)
            while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == key, let old = values[slot] {
                values[slot] = merge(old, value)
            } else {
                keys[slot] = key
                values[slot] = value
            }
        }
        self.keys = keys
        self.values = values
        self.mask = mask
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    /// The value stored for a folded hash, if any.
    @inline(__always) subscript(_ key: UInt64) -> Value? {
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
