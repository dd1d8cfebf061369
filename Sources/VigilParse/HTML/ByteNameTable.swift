import CLibXML2

/// Looks names (tags, attributes) up by their NUL-terminated bytes without making a `String`: an open-addressing
/// table keyed by FNV-1a. Built once; read-only afterwards.
struct ByteNameTable: Sendable {
    private var keys: [[UInt8]?]
    private var values: [UInt16]
    private let mask: Int

    init(_ entries: [(String, UInt16)]) {
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            var slot = Self.hash(bytes) & mask
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = bytes
            values[slot] = value
        }
    }

    @inline(__always) static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The value for a NUL-terminated name, or nil.
    func lookup(_ name: UnsafePointer<xmlChar>) -> UInt16? {
        let length = Int(xmlStrlen(name))
        let bytes = UnsafeBufferPointer(start: name, count: length)
        var slot = Self.hash(bytes) & mask
        while let key = keys[slot] {
            if key.count == length, key.elementsEqual(bytes) { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
