/// Finds the keywords that class names and ids use to say what an element is ("comment", "article-body",
/// "share-bar"…). Matching is a case-insensitive substring search over bytes, the way Readability's regular
/// expressions match, done with one table of keywords bucketed by their first byte: no `String`, no regex.
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
    }

    private struct Keyword {
        var bytes: [UInt8]
        var category: Category
    }

    /// Keywords by first byte.
    private var buckets: [[Keyword]]

    /// The matcher used by the extractor.
    static let standard = HintMatcher()

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
        var buckets = [[Keyword]](repeating: [], count: 256)
        for (word, category) in byWord.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(word.utf8)
            buckets[Int(bytes[0])].append(Keyword(bytes: bytes, category: category))
        }
        self.buckets = buckets
    }

    /// The categories of every keyword found in `value` (ASCII letters compared case-insensitively).
    func categories(in value: ArraySlice<UInt8>) -> Category {
        var found: Category = []
        let start = value.startIndex
        let end = value.endIndex
        var i = start
        while i < end {
            let first = Self.lower(value[i])
            let bucket = buckets[Int(first)]
            if !bucket.isEmpty {
                for keyword in bucket where !found.isSuperset(of: keyword.category) {
                    let length = keyword.bytes.count
                    guard i + length <= end else { continue }
                    var k = 1
                    while k < length, Self.lower(value[i + k]) == keyword.bytes[k] { k += 1 }
                    if k == length { found.formUnion(keyword.category) }
                }
            }
            i += 1
        }
        return found
    }

    /// Whether `value` holds `word` as a whole token, tokens being split at characters other than ASCII letters
    /// and digits (so `share` matches `share-bar` and `post_share` but not `shares`).
    static func hasToken(_ word: StaticString, in value: ArraySlice<UInt8>) -> Bool {
        let length = word.utf8CodeUnitCount
        let bytes = word.utf8Start
        var i = value.startIndex
        let end = value.endIndex
        while i < end {
            // Start of a token?
            if isAlphanumeric(value[i]), i == value.startIndex || !isAlphanumeric(value[i - 1]) {
                var k = 0
                while k < length, i + k < end, lower(value[i + k]) == bytes[k] { k += 1 }
                if k == length, i + k == end || !isAlphanumeric(value[i + k]) { return true }
            }
            i += 1
        }
        return false
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let l = byte | 0x20
        return (l >= 0x61 && l <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
