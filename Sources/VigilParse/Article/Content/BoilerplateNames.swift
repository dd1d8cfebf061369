/// Class and id names of boilerplate blocks (share bars, newsletter boxes, related links, comment sections, tag
/// lists, author boxes…), matched as whole words: a name is split into lower-case words at punctuation and at
/// camelCase humps, and a word (or a plural in -s) or a pair of adjacent words must be in the list. Whole words,
/// unlike Readability's substrings, keep "node-promoted" or "shared-layout" from matching.
enum BoilerplateNames {
    private static let words: Set<UInt64> = Set(
        [
            "share", "sharing", "shares", "sharebar", "sharetools", "social", "socials", "newsletter", "subscribe",
            "subscription", "related", "recommended", "recommendation", "recommendations", "promo", "promotion",
            "comment", "comments", "cookie", "cookies", "consent", "breadcrumb", "breadcrumbs", "pagination",
            "tags", "taglist", "tagcloud", "outbrain", "taboola", "disqus",
            "advertisement", "advert", "adslot", "sponsored", "authorbio", "authorbox", "byline", "signup",
            "readmore", "mostread", "mostpopular", "trending", "credit", "credits", "copyright", "photocredit", "nav",
            "navigation", "navbar", "menu", "submenu", "flyout",
            "print", "button", "buttons", "toolbar", "date", "dates", "dateline", "timestamp", "pubdate", "rating",
            "ratings", "dropdown", "sources", "meta", "metadata", "author", "authors", "counter", "controls",
            "thumbnails",
            "fullscreen",
        ].map { hash(Array($0.utf8)) })
    private static let captionWords: Set<UInt64> = Set(
        ["caption", "captions", "figcaption", "legend", "legende", "bildunterschrift"].map { hash(Array($0.utf8)) })
    private static let pairs: Set<UInt64> = Set(
        [
            "author-bio", "author-box", "author-info", "about-author", "author-card", "author-details",
            "more-stories", "more-articles", "read-more", "read-also", "see-also", "also-read", "most-read",
            "most-popular", "post-tags", "article-tags", "entry-tags", "tag-list", "tags-list", "sign-up",
            "you-may", "may-like", "further-reading", "next-article", "previous-article", "post-navigation",
            "article-footer", "entry-footer", "post-footer", "story-footer", "ad-container", "ad-slot",
            "ad-wrapper", "ad-unit", "social-links", "print-only", "view-more", "see-more", "load-more", "show-more",
            "more-news", "more-from", "also-like",
        ].map { hash(Array($0.utf8)) })

    /// Stems that make a word boilerplate when they start it ("relatedlinks", "socialmedia", "newsletterbox").
    private static let stems: Set<UInt64> = Set(
        ["related", "recommend", "newsletter", "subscri", "social", "breadcrumb", "outbrain", "taboola", "advert"]
            .map { hash(Array($0.utf8)) })

    /// Whether the name (a class list or an id) contains a boilerplate word or word pair.
    static func matches(_ value: ArraySlice<UInt8>) -> Bool {
        matches(value, words: words, pairs: pairs, stems: stems)
    }

    /// Whether the name says caption ("wp-caption", "image-caption", "legende").
    static func namesCaption(_ value: ArraySlice<UInt8>) -> Bool {
        matches(value, words: captionWords, pairs: [], stems: [])
    }

    private static func matches(
        _ value: ArraySlice<UInt8>, words: Set<UInt64>, pairs: Set<UInt64>, stems: Set<UInt64>
    ) -> Bool {
        var wordHash = seed
        var wordLength = 0
        var pairHash: UInt64 = 0
        var hasPrevious = false
        var previous = seed
        var previousLength = 0
        var last: UInt8 = 0
        func endWord() -> Bool {
            defer {
                if wordLength > 0 {
                    previous = wordHash
                    previousLength = wordLength
                    hasPrevious = true
                }
                wordHash = seed
                wordLength = 0
            }
            guard wordLength > 0 else { return false }
            if words.contains(wordHash) { return true }
            if hasPrevious, previousLength > 0, pairs.contains(pairHash) { return true }
            return false
        }
        for byte in value {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if !(isUpper || isLower || isDigit) {
                if endWord() { return true }
                last = byte
                continue
            }
            // A capital after a lower-case letter starts a word (camelCase).
            if isUpper, last >= 0x61 && last <= 0x7A {
                if endWord() { return true }
            }
            if wordLength == 0 {
                pairHash = hasPrevious ? step(previous, UInt8(ascii: "-")) : 0
            }
            let lower = isUpper ? byte | 0x20 : byte
            wordHash = step(wordHash, lower)
            pairHash = step(pairHash, lower)
            wordLength += 1
            if wordLength >= 6, !stems.isEmpty, stems.contains(wordHash) { return true }
            last = byte
        }
        return endWord()
    }

    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) private static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    private static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h = seed
        for byte in bytes { h = step(h, byte) }
        return h
    }
}
