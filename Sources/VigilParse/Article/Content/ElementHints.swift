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

    /// The hints of element `node`, and a hash of its class attribute (0 when it has none).
    static func of(_ node: HTMLTree.NodeID, in tree: HTMLTree, matcher: HintMatcher) -> (ElementHints, UInt64) {
        let element = tree.nodes[Int(node)]
        guard element.count > 0 else { return ([], 0) }
        var hints: ElementHints = []
        var classHash: UInt64 = 0
        let values = tree.attributeValues
        var classFound: HintMatcher.Category = []
        var idFound: HintMatcher.Category = []
        for index in Int(element.start)..<Int(element.start + element.count) {
            let attribute = tree.attributes[index]
            let start = Int(attribute.valueStart)
            let value = values[start..<start + Int(attribute.valueLength)]
            switch attribute.name {
            case .class:
                guard !value.isEmpty else { break }
                hints.insert(.hasClass)
                classFound = matcher.categories(in: value)
                if classFound.contains(.positive) { hints.insert(.classPositive) }
                if classFound.contains(.negative) || HintMatcher.hasToken("hid", in: value) {
                    hints.insert(.classNegative)
                }
                if HintMatcher.hasToken("share", in: value) || HintMatcher.hasToken("sharedaddy", in: value) {
                    hints.insert(.share)
                }
                classHash = hash(value)
            case .id:
                guard !value.isEmpty else { break }
                idFound = matcher.categories(in: value)
                if idFound.contains(.positive) { hints.insert(.idPositive) }
                if idFound.contains(.negative) { hints.insert(.idNegative) }
                if HintMatcher.hasToken("share", in: value) || HintMatcher.hasToken("sharedaddy", in: value) {
                    hints.insert(.share)
                }
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
                if equalsIgnoringCase(value, "articleBody") { hints.insert(.articleBody) }
            case .href:
                if value.count > 1, value.first == UInt8(ascii: "#") { hints.insert(.fragmentLink) }
            case .src:
                if isVideo(value) { hints.insert(.video) }
            default:
                break
            }
        }
        let both = classFound.union(idFound)
        if both.contains(.unlikely) { hints.insert(.unlikely) }
        if both.contains(.maybe) { hints.insert(.maybeCandidate) }
        if both.contains(.byline) { hints.insert(.byline) }
        if hints.contains(.hidden), hints.contains(.hasClass),
            let names = tree.attribute(.class, of: node), names.contains("fallback-image")
        {
            // Readability keeps aria-hidden "fallback-image" elements (maths rendered as images).
            hints.remove(.hidden)
        }
        return (hints, classHash)
    }

    private static let unlikelyRoles: [StaticString] = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    ]

    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h | 1
    }

    private static func equalsIgnoringCase(_ value: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        let trimmed = trim(value)
        guard trimmed.count == word.utf8CodeUnitCount else { return false }
        var k = 0
        for byte in trimmed {
            guard HintMatcher.lower(byte) == HintMatcher.lower(word.utf8Start[k]) else { return false }
            k += 1
        }
        return true
    }

    private static func contains(_ value: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard value.count >= length else { return false }
        var i = value.startIndex
        while i + length <= value.endIndex {
            var k = 0
            while k < length, HintMatcher.lower(value[i + k]) == word.utf8Start[k] { k += 1 }
            if k == length { return true }
            i += 1
        }
        return false
    }

    private static func trim(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = value
        while let first = slice.first, first <= 0x20 { slice = slice.dropFirst() }
        while let last = slice.last, last <= 0x20 { slice = slice.dropLast() }
        return slice
    }

    /// `display: none` or `visibility: hidden` in an inline style.
    private static func styleHides(_ value: ArraySlice<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(value.count)
        for byte in value where byte > 0x20 { compact.append(HintMatcher.lower(byte)) }
        let slice = compact[...]
        return contains(slice, "display:none") || contains(slice, "visibility:hidden")
    }

    /// Players Readability keeps as article media.
    private static func isVideo(_ value: ArraySlice<UInt8>) -> Bool {
        contains(value, "youtube.com") || contains(value, "youtube-nocookie.com") || contains(value, "vimeo.com")
            || contains(value, "dailymotion.com")
    }
}
