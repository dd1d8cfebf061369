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
        let headings = allHeadings.filter { !siteNames.isSiteSegment($0) }
        let headingKeys = headings.map(MetadataText.key)
        let headingSet = Set(headingKeys.filter { !$0.isEmpty })
        // Metadata titles often repeat each other (og:title = twitter:title): clean each text once.
        var seen: Set<String> = []
        var candidates: [String] = []
        for title in metadata + [documentTitle].compactMap({ $0 }) where seen.insert(title).inserted {
            candidates.append(clean(title, headings: headingSet))
        }
        let candidateKeys = candidates.map(MetadataText.key)

        // The visible headline, when the metadata agrees with it.
        for (heading, key) in zip(headings, headingKeys) where !key.isEmpty && candidateKeys.contains(key) {
            return heading
        }
        // A heading that puts a kicker before a candidate: the candidate.
        for key in headingKeys where key.count >= 10 {
            for (candidate, candidateKey) in zip(candidates, candidateKeys)
            where candidateKey.count >= 10 && key.count > candidateKey.count && key.hasSuffix(candidateKey) {
                return candidate
            }
        }
        // A heading inside a candidate that adds a kicker or a tail: the heading, if it is most of the candidate
        // or its end (a short heading at the start is more often the site's or section's name).
        for (heading, key) in zip(headings, headingKeys) where key.count >= 10 {
            for candidateKey in candidateKeys where MetadataText.contains(candidateKey, key) {
                if candidateKey.hasSuffix(key) || key.count * 2 >= candidateKey.count { return heading }
            }
        }
        if let first = candidates.first(where: { !$0.isEmpty && !siteNames.isSiteSegment($0) }) { return first }
        return headings.first(where: { !$0.isEmpty }) ?? candidates.first
    }

    /// Separators between a title and a site name, as UTF-8; spaced ones first so that they win over the bare ones.
    private static let separators: [[UInt8]] = [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " • ", " ~ ", " > ", "|", "_", " -", " –",
    ].map { Array($0.utf8) }

    /// The candidate without site-name segments at either end; when a segment equals an `h1`, that segment.
    func clean(_ title: String, headings: Set<String>) -> String {
        let bytes = Array(title.utf8)
        let segments = Self.segments(bytes)
        guard segments.count > 1 else { return title }
        let texts = segments.map { String(decoding: bytes[$0], as: UTF8.self) }
        for text in texts where headings.contains(MetadataText.key(text)) && !siteNames.isSiteSegment(text) {
            return text
        }
        var first = 0
        var last = segments.count - 1
        while last > first, siteNames.isSiteSegment(texts[last]) { last -= 1 }
        while first < last, siteNames.isSiteSegment(texts[first]) { first += 1 }
        guard first != 0 || last != segments.count - 1 else { return title }
        return String(decoding: bytes[segments[first].lowerBound..<segments[last].upperBound], as: UTF8.self)
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
