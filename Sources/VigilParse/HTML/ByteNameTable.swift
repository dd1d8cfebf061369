import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// Looks names (tags, attributes) up by their NUL-terminated bytes without making a `String`: an open-addressing
/// table keyed by FNV-1a, hashed in the same pass that finds the name's end, and compared with `memcmp`. Built
/// once; read-only afterwards.
struct ByteNameTable: Sendable {
    /// Key bytes, one after the other.
    private let pool: [UInt8]
    /// Per slot: start of the key in `pool`, its length (-1 for an empty slot), and the value.
    private let starts: [Int32]
    private let lengths: [Int32]
    private let values: [UInt16]
    private let mask: Int

    /// A table of the given names and values.
    init(_ entries: [(String, UInt16)]) {
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        var pool: [UInt8] = []
        var starts = [Int32](repeating: 0, count: size)
        var lengths = [Int32](repeating: -1, count: size)
        var values = [UInt16](repeating: 0, count: size)
        mask = size - 1
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            var slot = Self.hash(bytes) & mask
            while lengths[slot] >= 0 { slot = (slot + 1) & mask }
            starts[slot] = Int32(pool.count)
            lengths[slot] = Int32(bytes.count)
            values[slot] = value
            pool += bytes
        }
        self.pool = pool
        self.starts = starts
        self.lengths = lengths
        self.values = values
    }

    @inline(__always) private static func mix(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h ^ (h >> 29)) }

    /// The FNV-1a hash of a name, mixed, as the table slots it.
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return mix(h)
    }

    /// The value for the `count` bytes at `name`, or nil.
    func lookup(_ name: UnsafePointer<UInt8>, count length: Int) -> UInt16? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<length {
            h ^= UInt64(name[k])
            h = h &* 0x100_0000_01b3
        }
        var slot = Self.mix(h) & mask
        return pool.withUnsafeBufferPointer { pool -> UInt16? in
            while true {
                let keyLength = Int(lengths[slot])
                if keyLength < 0 { return nil }
                if keyLength == length,
                    let base = pool.baseAddress, memcmp(base + Int(starts[slot]), name, length) == 0
                {
                    return values[slot]
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The value for a NUL-terminated name, or nil.
    func lookup(_ name: UnsafePointer<xmlChar>) -> UInt16? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        while true {
            let byte = name[length]
            if byte == 0 { break }
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
            length += 1
        }
        var slot = Self.mix(h) & mask
        return pool.withUnsafeBufferPointer { pool -> UInt16? in
            while true {
                let keyLength = Int(lengths[slot])
                if keyLength < 0 { return nil }
                if keyLength == length,
                    let base = pool.baseAddress, memcmp(base + Int(starts[slot]), name, length) == 0
                {
                    return values[slot]
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
