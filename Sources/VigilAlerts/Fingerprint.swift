/// Stable alert ids: FNV-1a (64-bit) over a text, in 16 lowercase hex digits.
///
/// Not cryptographic: the ids only need to be stable across runs, platforms and restarts, so that every sink can
/// drop a record it has already seen, and Swift's `Hasher` is seeded per process.
public enum Fingerprint {
    /// The FNV-1a 64 hash of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The id of an alert: the hash of its fields joined by "|" (nil fields are empty), in 16 hex digits.
    public static func id(_ fields: [String?]) -> String {
        let hex = String(fnv1a64(fields.map { $0 ?? "" }.joined(separator: "|")), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
