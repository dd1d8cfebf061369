/// Text fingerprints that tell copies of one report apart from rewrites: a 64-bit SimHash over word 3-shingles
/// (syndicated copies differ by a few bits) and the shingle set of the lead, whose overlap shows two outlets
/// retelling the same wire story.
public enum NearDuplicate {
    /// Most bits two SimHashes may differ by for the texts to be one syndicated report.
    public static let syndicatedDistance = 3
    /// Words of the body read as the lead.
    public static let leadWords = 60
    /// Fewer shingles than this make a fingerprint too weak to call two texts copies.
    public static let minimumShingles = 12

    /// Hashes of the word 3-shingles of the body (the title when there is no body), in text order; with `limit`,
    /// only those of the first `limit` words. Punctuation is skipped, so "Kabul, Afghanistan" and
    /// "Kabul (Afghanistan)" shingle alike.
    public static func shingles(_ document: TextDocument, limit: Int? = nil) -> [UInt64] {
        var words: [UInt64] = []
        let hasBody = document.tokens.contains { Int($0.start) >= document.bodyStart && $0.kind != .punctuation }
        for token in document.tokens where token.kind != .punctuation {
            if hasBody, Int(token.start) < document.bodyStart { continue }
            words.append(token.folded)
            if let limit, words.count >= limit { break }
        }
        guard words.count >= 3 else { return words.isEmpty ? [] : [mix(words.reduce(0) { $0 &* 31 &+ $1 })] }
        return (0..<(words.count - 2)).map { i in
            mix(words[i] &* 0x9E37_79B9_7F4A_7C15 ^ rotate(words[i + 1], 21) ^ rotate(words[i + 2], 42))
        }
    }

    /// The SimHash of a shingle list: bit `b` is set when most shingles have it set.
    public static func simHash(_ shingles: [UInt64]) -> UInt64 {
        var votes = [Int](repeating: 0, count: 64)
        for shingle in shingles {
            for bit in 0..<64 { votes[bit] += (shingle >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var hash: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { hash |= 1 << UInt64(bit) }
        return hash
    }

    /// Number of bits two SimHashes differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// Whether two SimHashes are close enough for one text to be a copy of the other.
    public static func isSyndicated(_ a: UInt64, _ b: UInt64) -> Bool { distance(a, b) <= syndicatedDistance }

    /// Jaccard overlap of two shingle sets, 0–1 (0 when either is empty).
    public static func overlap(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = a.count < b.count ? a.intersection(b).count : b.intersection(a).count
        return Double(shared) / Double(a.count + b.count - shared)
    }

    @inline(__always) static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// SplitMix64's finaliser: FNV-combined hashes have weak high bits, and SimHash needs every bit to be fair.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
