/// Chooses the article's title among what the page offers: JSON-LD `headline`, `og:title`, `twitter:title` and
/// the other title metadata, the `<title>` element, and the `h1` headings.
///
/// Site names are first cut from the ends of every candidate ("Obama admits… - BBC News" → "Obama admits…") when
/// the cut part matches a known site name (`og:site_name`, the JSON-LD publisher, the host). Then the visible
/// headline wins when it agrees with the metadata: an `h1` equal to a cleaned candidate is the title as readers see
/// it; an `h1` that only adds a kicker in front of a candidate yields the candidate; an `h1` found inside a longer
/// candidate is the title. With no agreement, metadata wins in the order given (JSON-LD, OpenGraph, …), because a
/// lone `h1` is as often the site's logo or a section name as the headline.
struct TitleResolver {
    /// Names the site goes by.
    var siteNames: SiteNames

    /// The title; nil when the page offers none.
    func resolve(metadata: [String], documentTitle: String?, headings allHeadings: [String]) -> String? {
        // A heading that is the site's name (a logo in an h1) is never the title.
        var headings: [String] = []
        var headingKeys: [TextKey] = []
        for heading in allHeadings {
            let key = TextKey(heading)
            if !siteNames.isSiteSegment(heading, key: key) {
                headings.append(heading)
                headingKeys.append(key)
            }
        }
        let headingSet = Set(headingKeys.filter { !$0.isEmpty })
        // Metadata titles often repeat each other (og:title = twitter:title): clean each text once.
        var seen: [String] = []
        var candidates: [String] = []
        var candidateKeys: [TextKey] = []
        for title in metadata + [documentTitle].compactMap({ $0 })
        where !seen.contains(where: { $0.utf8.elementsEqual(title.utf8) }) {
            seen.append(title)
            let (cleaned, key) = clean(title, headings: headingSet)
            candidates.append(cleaned)
            candidateKeys.append(key)
        }

        // The visible headline, when the metadata agrees with it.
        for (heading, key) in zip(headings, headingKeys) where !key.isEmpty && candidateKeys.contains(key) {
            return heading
        }
        // A heading that puts a kicker before a candidate: the candidate.
        for key in headingKeys where key.count >= 10 {
            for (candidate, candidateKey) in zip(candidates, candidateKeys)
            where candidateKey.count >= 10 && key.count > candidateKey.count
                && key.hasSuffix(candidateKey)
            {
                return candidate
            }
        }
        // A heading inside a candidate that adds a kicker or a tail: the heading, if it is most of the candidate
        // or its end (a short heading at the start is more often the site's or section's name).
        for (heading, key) in zip(headings, headingKeys) where key.count >= 10 {
            for candidateKey in candidateKeys where candidateKey.contains(key) {
                if candidateKey.hasSuffix(key) || key.count * 2 >= candidateKey.count { return heading }
            }
        }
        for (candidate, key) in zip(candidates, candidateKeys)
        where !candidate.isEmpty && !siteNames.isSiteSegment(candidate, key: key) {
            return candidate
        }
        return headings.first(where: { !$0.isEmpty }) ?? candidates.first
    }

    /// Separators between a title and a site name, as UTF-8; spaced ones first so that they win over the bare ones.
    private static let separators: [[UInt8]] = [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " • ", " ~ ", " > ", "|", "_", " -", " –",
    ].map { Array($0.utf8) }

    /// The candidate without site-name segments at either end (when a segment equals an `h1`, that segment), and
    /// its comparison key.
    func clean(_ title: String, headings: Set<TextKey>) -> (String, TextKey) {
        let bytes = Array(title.utf8)
        let segments = Self.segments(bytes)
        guard segments.count > 1 else {
            // A dangling separator with nothing after it ("Title -").
            if let only = segments.first, only.count < bytes.count {
                let text = String(decoding: bytes[only], as: UTF8.self)
                return (text, TextKey(text))
            }
            return (title, TextKey(title))
        }
        let texts = segments.map { String(decoding: bytes[$0], as: UTF8.self) }
        let keys = texts.map(TextKey.init)
        var isSite: [Bool?] = Array(repeating: nil, count: texts.count)
        func site(_ index: Int) -> Bool {
            if let known = isSite[index] { return known }
            let value = siteNames.isSiteSegment(texts[index], key: keys[index])
            isSite[index] = value
            return value
        }
        for index in texts.indices where headings.contains(keys[index]) && !site(index) {
            return (texts[index], keys[index])
        }
        var first = 0
        var last = segments.count - 1
        while last > first, site(last) { last -= 1 }
        while first < last, site(first) { first += 1 }
        guard first != 0 || last != segments.count - 1 else { return (title, TextKey(title)) }
        if first == last { return (texts[first], keys[first]) }
        let kept = String(decoding: bytes[segments[first].lowerBound..<segments[last].upperBound], as: UTF8.self)
        return (kept, TextKey(kept))
    }

    /// Byte ranges of the parts between separators, trimmed (empty parts dropped).
    static func segments(_ bytes: [UInt8]) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var start = 0
        var i = 0
        func close(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, bytes[lower] == 0x20 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
            if lower < upper { segments.append(lower..<upper) }
        }
        while i < bytes.count {
            let byte = bytes[i]
            // Every separator starts with a space, '|', '_' or a non-ASCII lead byte of '–', '—'… after a space.
            guard byte == 0x20 || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "_") else {
                i += 1
                continue
            }
            var matched = 0
            for separator in separators where bytes.count - i >= separator.count {
                var k = 0
                while k < separator.count, bytes[i + k] == separator[k] { k += 1 }
                if k == separator.count {
                    matched = separator.count
                    break
                }
            }
            if matched > 0 {
                close(i)
                i += matched
                start = i
            } else {
                i += 1
            }
        }
        close(bytes.count)
        return segments
    }
}
