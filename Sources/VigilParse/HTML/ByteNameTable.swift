import CLibXML2

/// Looks names (tags, attributes) up by their bytes without making a `String`: each name of up to 16 bytes is packed
/// into one 128-bit integer, hashed once and found by open addressing with one integer compare. Built once;
/// read-only afterwards.
struct ByteNameTable: Sendable {
    /// Longest name the table holds or looks up.
    static let maxLength = 16

    /// Per slot: the packed name (0 for an empty slot) and its value.
    private let keys: [UInt128]
    private let values: [UInt16]
    private let mask: Int

    /// A table of the given names (1 to `maxLength` bytes, no NUL) and values.
    init(_ entries: [(String, UInt16)]) {
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        var keys = [UInt128](repeating: 0, count: size)
        var values = [UInt16](repeating: 0, count: size)
        mask = size - 1
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            precondition(!bytes.isEmpty && bytes.count <= Self.maxLength && !bytes.contains(0), "bad name \(name)")
            let key = bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
            var slot = Self.slot(key, mask: mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    @inline(__always) private static func slot(_ key: UInt128, mask: Int) -> Int {
        let folded = UInt64(truncatingIfNeeded: key) ^ (UInt64(truncatingIfNeeded: key >> 64) &* 0x9E37_79B9)
        return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The value for a packed name, or nil.
    @inline(__always) private func lookup(key: UInt128) -> UInt16? {
        keys.withUnsafeBufferPointer { keys in
            var slot = Self.slot(key, mask: mask)
            while true {
                let entry = keys[slot]
                if entry == key { return values[slot] }
                if entry == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The value for the `count` bytes at `name`, or nil.
    func lookup(_ name: UnsafePointer<UInt8>, count: Int) -> UInt16? {
        guard count > 0, count <= Self.maxLength else { return nil }
        var key: UInt128 = 0
        for k in 0..<count { key = key << 8 | UInt128(name[k]) }
        return lookup(key: key)
    }

    /// The value for the `count` bytes at `name` with ASCII letters lower-cased, or nil.
    func lookupLowercasing(_ name: UnsafePointer<UInt8>, count: Int) -> UInt16? {
        guard count > 0, count <= Self.maxLength else { return nil }
        var key: UInt128 = 0
        for k in 0..<count {
            let byte = name[k]
            key = key << 8 | UInt128(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return lookup(key: key)
    }

    /// The value for a NUL-terminated name, or nil.
    func lookup(_ name: UnsafePointer<xmlChar>) -> UInt16? {
        var key: UInt128 = 0
        var length = 0
        while true {
            let byte = name[length]
            if byte == 0 { break }
            length += 1
            if length > Self.maxLength { return nil }
            key = key << 8 | UInt128(byte)
        }
        guard length > 0 else { return nil }
        return lookup(key: key)
    }
}
