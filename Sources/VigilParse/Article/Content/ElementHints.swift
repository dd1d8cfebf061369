/// What an element's attributes say about it (class and id keywords, visibility, role, microdata), worked out once
/// per element from the attribute bytes.
struct ElementHints: OptionSet, Sendable {
    let rawValue: UInt32

    static let classPositive = ElementHints(rawValue: 1 << 0)
    static let classNegative = ElementHints(rawValue: 1 << 1)
    static let idPositive = ElementHints(rawValue: 1 << 2)
    static let idNegative = ElementHints(rawValue: 1 << 3)
    /// Class or id names page furniture (Readability's unlikely candidates)…
    static let unlikely = ElementHints(rawValue: 1 << 4)
    /// …unless they also say "main", "article", "content"…
    static let maybeCandidate = ElementHints(rawValue: 1 << 5)
    /// A byline: `rel=author`, `itemprop` with "author", or a byline class/id.
    static let byline = ElementHints(rawValue: 1 << 6)
    /// A share bar (`share` or `sharedaddy` as a class/id token).
    static let share = ElementHints(rawValue: 1 << 7)
    /// Not shown: `hidden`, `aria-hidden=true`, or an inline style hiding it.
    static let hidden = ElementHints(rawValue: 1 << 8)
    /// A role that is never the article (menu, navigation, complementary, alert, dialog).
    static let unlikelyRole = ElementHints(rawValue: 1 << 9)
    /// `itemprop=articleBody`.
    static let articleBody = ElementHints(rawValue: 1 << 11)
    /// An embedded video player we keep (YouTube, Vimeo…).
    static let video = ElementHints(rawValue: 1 << 12)
    /// `role=presentation` (a layout table).
    static let presentation = ElementHints(rawValue: 1 << 13)
    /// A link to a fragment of the same page (`href="#…"`), which weighs less in link density.
    static let fragmentLink = ElementHints(rawValue: 1 << 14)
    /// Has a non-empty class attribute.
    static let hasClass = ElementHints(rawValue: 1 << 15)

    /// Readability's class weight: ±25 for a positive or negative class, and again for the id.
    var classWeight: Int {
        var weight = 0
        if contains(.classNegative) { weight -= 25 }
        if contains(.classPositive) { weight += 25 }
        if contains(.idNegative) { weight -= 25 }
        if contains(.idPositive) { weight += 25 }
        return weight
    }

    /// The hints of an element. `attributes` and `values` are the tree's attribute arrays.
    static func of(
        _ element: HTMLTree.Node, attributes: UnsafeBufferPointer<HTMLTree.Attribute>,
        values: UnsafeBufferPointer<UInt8>, matcher: HintMatcher, memo: inout HintMatcher.Memo
    ) -> ElementHints {
        var hints: ElementHints = []
        var classFound: HintMatcher.Category = []
        var idFound: HintMatcher.Category = []
        var classValue = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for index in Int(element.start)..<Int(element.start + element.count) {
            let attribute = attributes[index]
            let range = Int(attribute.valueStart)..<Int(attribute.valueStart + attribute.valueLength)
            let value = UnsafeBufferPointer(rebasing: values[range])
            switch attribute.name {
            case .class:
                guard !value.isEmpty else { break }
                hints.insert(.hasClass)
                classValue = value
                classFound = memo.categories(of: range, in: values, matcher: matcher)
                if classFound.contains(.positive) { hints.insert(.classPositive) }
                if classFound.contains(.negative) { hints.insert(.classNegative) }
                if classFound.contains(.tokenCandidate) {
                    let tokens = tokenHints(value)
                    if tokens.hid { hints.insert(.classNegative) }
                    if tokens.share { hints.insert(.share) }
                }
            case .id:
                guard !value.isEmpty else { break }
                idFound = memo.categories(of: range, in: values, matcher: matcher)
                if idFound.contains(.positive) { hints.insert(.idPositive) }
                if idFound.contains(.negative) { hints.insert(.idNegative) }
                if idFound.contains(.tokenCandidate), tokenHints(value).share { hints.insert(.share) }
            case .hidden:
                hints.insert(.hidden)
            case .ariaHidden:
                if equalsIgnoringCase(value, "true") { hints.insert(.hidden) }
            case .style:
                if styleHides(value) { hints.insert(.hidden) }
            case .role:
                for role in unlikelyRoles where equalsIgnoringCase(value, role) { hints.insert(.unlikelyRole) }
                if equalsIgnoringCase(value, "presentation") { hints.insert(.presentation) }
            case .rel:
                if equalsIgnoringCase(value, "author") { hints.insert(.byline) }
            case .itemprop:
                if contains(value, "author") { hints.insert(.byline) }
                if equalsIgnoringCase(value, "articlebody") { hints.insert(.articleBody) }
            case .href:
                if value.count > 1, value[0] == UInt8(ascii: "#") { hints.insert(.fragmentLink) }
            case .src:
                if TagTraits.of(element.tag).contains(.embed), isVideo(value) { hints.insert(.video) }
            default:
                break
            }
        }
        let both = classFound.union(idFound)
        if both.contains(.unlikely) { hints.insert(.unlikely) }
        if both.contains(.maybe) { hints.insert(.maybeCandidate) }
        if both.contains(.byline) { hints.insert(.byline) }
        if hints.contains(.hidden), contains(classValue, "fallback-image") {
            // Readability keeps aria-hidden "fallback-image" elements (maths rendered as images).
            hints.remove(.hidden)
        }
        return hints
    }

    /// Whole-word tokens (split at anything but ASCII letters and digits): `hid`, and `share` or `sharedaddy`.
    private static func tokenHints(_ value: UnsafeBufferPointer<UInt8>) -> (hid: Bool, share: Bool) {
        var hid = false
        var share = false
        var start = 0
        let n = value.count
        while start < n {
            while start < n, !HintMatcher.isAlphanumeric(value[start]) { start += 1 }
            var end = start
            while end < n, HintMatcher.isAlphanumeric(value[end]) { end += 1 }
            let token = UnsafeBufferPointer(rebasing: value[start..<end])
            switch token.count {
            case 3: hid = hid || equalsIgnoringCase(token, "hid")
            case 5: share = share || equalsIgnoringCase(token, "share")
            case 10: share = share || equalsIgnoringCase(token, "sharedaddy")
            default: break
            }
            start = end
        }
        return (hid, share)
    }

    private static let unlikelyRoles: [StaticString] = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    ]

    /// Whether the value, without surrounding whitespace, is `word` (given in lower case) in any case.
    private static func equalsIgnoringCase(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        var start = 0
        var end = value.count
        while start < end, value[start] <= 0x20 { start += 1 }
        while end > start, value[end - 1] <= 0x20 { end -= 1 }
        guard end - start == word.utf8CodeUnitCount else { return false }
        for k in 0..<(end - start) where HintMatcher.lower(value[start + k]) != word.utf8Start[k] { return false }
        return true
    }

    /// Whether the value contains `word` (given in lower case) in any case.
    private static func contains(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard value.count >= length else { return false }
        for i in 0...(value.count - length) {
            var k = 0
            while k < length, HintMatcher.lower(value[i + k]) == word.utf8Start[k] { k += 1 }
            if k == length { return true }
        }
        return false
    }

    /// `display: none` or `visibility: hidden` in an inline style.
    private static func styleHides(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard contains(value, "none") || contains(value, "hidden") else { return false }
        var compact: [UInt8] = []
        compact.reserveCapacity(value.count)
        for byte in value where byte > 0x20 { compact.append(HintMatcher.lower(byte)) }
        return compact.withUnsafeBufferPointer { contains($0, "display:none") || contains($0, "visibility:hidden") }
    }

    /// Players Readability keeps as article media.
    private static func isVideo(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(value, "youtube.com") || contains(value, "youtube-nocookie.com") || contains(value, "vimeo.com")
            || contains(value, "dailymotion.com")
    }
}
