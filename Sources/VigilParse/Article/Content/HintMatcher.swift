#if canImport(Glibc)
    import Glibc
#endif

/// Finds the keywords that class names and ids use to say what an element is ("comment", "article-body",
/// "sidebar"…). Matching is a case-insensitive substring search over bytes, the way Readability's regular
/// expressions match: a bit set of (hashed) first three bytes of the keywords rejects most positions at once, and
/// the few left are compared against the keywords that start with that byte. No `String`, no regex.
struct HintMatcher: Sendable {
    /// Categories of keywords.
    struct Category: OptionSet, Sendable {
        let rawValue: UInt16
        /// Readability's "positive" pattern: the element probably holds the article.
        static let positive = Category(rawValue: 1 << 0)
        /// Readability's "negative" pattern: the element is probably not article text.
        static let negative = Category(rawValue: 1 << 1)
        /// Readability's "unlikely candidates": page furniture, removed early.
        static let unlikely = Category(rawValue: 1 << 2)
        /// Words that rescue an unlikely match ("main", "article", "content"…).
        static let maybe = Category(rawValue: 1 << 3)
        /// A byline.
        static let byline = Category(rawValue: 1 << 4)
        /// Holds "hid" or "share": whole-word tests follow.
        static let tokenCandidate = Category(rawValue: 1 << 5)
    }

    /// Keyword bytes, one after the other.
    private let pool: [UInt8]
    /// Per keyword, sorted by first byte: start in `pool`, length, categories.
    private let starts: [Int32]
    private let lengths: [Int32]
    private let categories: [Category]
    /// Keywords starting with byte b are `firstIndex[b] ..< firstIndex[b + 1]`.
    private let firstIndex: [Int32]
    /// Bit `triple(b0, b1, b2)` is set when a keyword starts with the bytes b0 b1 b2.
    private let tripleBits: [UInt64]

    /// The matcher used by the extractor.
    static let standard = HintMatcher()

    /// Builds the keyword tables from Readability's patterns.
    init() {
        var byWord: [String: Category] = [:]
        func add(_ words: [String], _ category: Category) {
            for word in words { byWord[word, default: []].insert(category) }
        }
        add(
            [
                "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus",
                "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
                "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
                "pagination", "pager", "popup", "yom-remote",
            ], .unlikely)
        add(["and", "article", "body", "column", "content", "main", "shadow"], .maybe)
        add(
            [
                "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
                "text", "blog", "story",
            ], .positive)
        add(
            [
                "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote",
                "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
            ], .negative)
        add(["byline", "author", "dateline", "writtenby", "p-author"], .byline)
        add(["hid", "share"], .tokenCandidate)
        let sorted = byWord.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var pool: [UInt8] = []
        var starts: [Int32] = []
        var lengths: [Int32] = []
        var categories: [Category] = []
        var firstIndex = [Int32](repeating: 0, count: 257)
        var tripleBits = [UInt64](repeating: 0, count: 1024)
        for (bytes, category) in sorted {
            starts.append(Int32(pool.count))
            lengths.append(Int32(bytes.count))
            categories.append(category)
            pool += bytes
            firstIndex[Int(bytes[0]) + 1] += 1
            precondition(bytes.count >= 3, "keywords have three bytes or more")
            let triple = Self.triple(bytes[0], bytes[1], bytes[2])
            tripleBits[triple >> 6] |= 1 << UInt64(triple & 63)
        }
        for b in 0..<256 { firstIndex[b + 1] += firstIndex[b] }
        self.pool = pool
        self.starts = starts
        self.lengths = lengths
        self.categories = categories
        self.firstIndex = firstIndex
        self.tripleBits = tripleBits
    }

    /// The categories of every keyword found in `value` (ASCII letters compared case-insensitively).
    func categories(in value: UnsafeBufferPointer<UInt8>) -> Category {
        let n = value.count
        guard n >= 3 else { return [] }
        var found: Category = []
        pool.withUnsafeBufferPointer { pool in
            tripleBits.withUnsafeBufferPointer { bits in
                var b0 = Self.lower(value[0])
                var b1 = Self.lower(value[1])
                for i in 0..<(n - 2) {
                    let b2 = Self.lower(value[i + 2])
                    let triple = Self.triple(b0, b1, b2)
                    let first = b0
                    b0 = b1
                    b1 = b2
                    guard bits[triple >> 6] & (1 << UInt64(triple & 63)) != 0 else { continue }
                    for k in Int(firstIndex[Int(first)])..<Int(firstIndex[Int(first) + 1]) {
                        let length = Int(lengths[k])
                        guard i + length <= n, !found.isSuperset(of: categories[k]) else { continue }
                        let start = Int(starts[k])
                        var j = 1
                        while j < length, Self.lower(value[i + j]) == pool[start + j] { j += 1 }
                        if j == length { found.formUnion(categories[k]) }
                    }
                }
            }
        }
        return found
    }

    /// Remembers the categories of class and id values already matched on a page: most values repeat (every menu
    /// item, every card), and hashing a value costs a fraction of matching it.
    struct Memo {
        /// Per slot: the value's hash (0 for an empty slot), where its first occurrence lies in the page's attribute
        /// bytes, and its categories.
        private var hashes: [UInt64]
        private var starts: [UInt32]
        private var lengths: [UInt32]
        private var found: [Category]
        private var used = 0
        private let mask: Int

        /// Values shorter than this are matched directly.
        static let minimumLength = 12

        /// A memo for about `values` distinct values (it stops remembering when three quarters full).
        init(values: Int) {
            var size = 256
            while size < values * 2, size < 1 << 16 { size <<= 1 }
            hashes = [UInt64](repeating: 0, count: size)
            starts = [UInt32](repeating: 0, count: size)
            lengths = [UInt32](repeating: 0, count: size)
            found = [Category](repeating: [], count: size)
            mask = size - 1
        }

        /// The categories of `values[range]`, matched by `matcher` unless seen before.
        mutating func categories(
            of range: Range<Int>, in values: UnsafeBufferPointer<UInt8>, matcher: HintMatcher
        ) -> Category {
            let value = UnsafeBufferPointer(rebasing: values[range])
            guard value.count >= Self.minimumLength, let base = value.baseAddress, let origin = values.baseAddress
            else { return matcher.categories(in: value) }
            let hash = Self.hash(base, count: value.count)
            var slot = Int(truncatingIfNeeded: hash >> 40) & mask
            while hashes[slot] != 0 {
                if hashes[slot] == hash, Int(lengths[slot]) == value.count,
                    memcmp(origin + Int(starts[slot]), base, value.count) == 0
                {
                    return found[slot]
                }
                slot = (slot + 1) & mask
            }
            let categories = matcher.categories(in: value)
            if used * 4 < (mask + 1) * 3 {
                hashes[slot] = hash
                starts[slot] = UInt32(truncatingIfNeeded: range.lowerBound)
                lengths[slot] = UInt32(truncatingIfNeeded: value.count)
                found[slot] = categories
                used += 1
            }
            return categories
        }

        /// A non-zero hash of the bytes, eight at a time.
        private static func hash(_ base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
            let raw = UnsafeRawPointer(base)
            var h = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
            var i = 0
            while i + 8 <= count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            if i < count {
                // The last eight bytes (overlapping what was hashed), so that every byte counts.
                h = (h ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
                h ^= h >> 29
            }
            return h | 1
        }
    }

    /// A 16-bit hash of three bytes.
    @inline(__always) private static func triple(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int {
        let key = UInt32(b0) << 16 | UInt32(b1) << 8 | UInt32(b2)
        return Int((key &* 0x9E37_79B1) >> 16)
    }

    /// ASCII lower case.
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// An ASCII letter or digit.
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let l = byte | 0x20
        return (l >= 0x61 && l <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
