/// A set of folded word hashes (`TextDocument.Token.folded`), for the lookups done once per token.
///
/// The keys are already uniform 64-bit hashes, so an open-addressing table indexed by a multiply-shift of the key
/// replaces `Set<UInt64>`, whose per-lookup seeded SipHash cost more than the rest of the detector's token loops.
struct FoldedSet: Sendable, ExpressibleByArrayLiteral {
    private var keys: [UInt64]
    private var mask: Int
    private var hasZero = false
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 8)
        mask = 7
    }

    init<S: Sequence>(_ elements: S) where S.Element == UInt64 {
        self.init()
        for element in elements { insert(element) }
    }

    init(arrayLiteral elements: UInt64...) {
        self.init(elements)
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        if key == 0 { return hasZero }
        return keys.withUnsafeBufferPointer { keys in
            var index = Self.slot(key, mask: mask)
            while true {
                let found = keys[index]
                if found == key { return true }
                if found == 0 { return false }
                index = (index + 1) & mask
            }
        }
    }

    mutating func insert(_ key: UInt64) {
        if key == 0 {
            if !hasZero { count += 1 }
            hasZero = true
            return
        }
        if (count + 1) * 2 > keys.count { grow() }
        var index = Self.slot(key, mask: mask)
        while keys[index] != 0 {
            if keys[index] == key { return }
            index = (index + 1) & mask
        }
        keys[index] = key
        count += 1
    }

    private mutating func grow() {
        let old = keys
        keys = Array(repeating: 0, count: old.count * 2)
        mask = keys.count - 1
        count = hasZero ? 1 : 0
        for key in old where key != 0 { insert(key) }
    }
}

/// A map from (node, folded word hash) to a child node: the edges of a token trie in one open-addressing table.
struct TrieEdges: Sendable {
    private var words: [UInt64]
    private var parents: [Int32]
    private var children: [Int32]
    private var mask: Int
    private var count = 0

    init() {
        words = Array(repeating: 0, count: 16)
        parents = Array(repeating: -1, count: 16)
        children = Array(repeating: -1, count: 16)
        mask = 15
    }

    @inline(__always)
    private static func slot(_ parent: Int32, _ word: UInt64, mask: Int) -> Int {
        let mixed = (word ^ (UInt64(UInt32(bitPattern: parent)) &* 0xBF58_476D_1CE4_E5B9)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// The child of `parent` along `word`, or -1.
    @inline(__always)
    func child(_ parent: Int32, _ word: UInt64) -> Int32 {
        parents.withUnsafeBufferPointer { parents in
            var index = Self.slot(parent, word, mask: mask)
            while true {
                let found = parents[index]
                if found < 0 { return -1 }
                if found == parent, words[index] == word { return children[index] }
                index = (index + 1) & mask
            }
        }
    }

    mutating func set(_ parent: Int32, _ word: UInt64, child: Int32) {
        if (count + 1) * 2 > parents.count { grow() }
        var index = Self.slot(parent, word, mask: mask)
        while parents[index] >= 0 {
            if parents[index] == parent, words[index] == word {
                children[index] = child
                return
            }
            index = (index + 1) & mask
        }
        parents[index] = parent
        words[index] = word
        children[index] = child
        count += 1
    }

    private mutating func grow() {
        let old = (words, parents, children)
        let capacity = parents.count * 2
        words = Array(repeating: 0, count: capacity)
        parents = Array(repeating: -1, count: capacity)
        children = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        count = 0
        for i in old.1.indices where old.1[i] >= 0 { set(old.1[i], old.0[i], child: old.2[i]) }
    }
}
