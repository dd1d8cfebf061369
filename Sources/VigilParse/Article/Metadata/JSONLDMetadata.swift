/// What a page's JSON-LD blocks say about its article: the article-like object (`NewsArticle`, `Article`,
/// `BlogPosting`…; a `WebPage` only as a weaker fallback), its headline, authors, dates, body, language, publisher
/// and URL, plus the names of the organisations and sites the blocks describe (they help strip site names from
/// titles and tell a newsroom from a person).
struct JSONLDMetadata: Sendable {
    /// One author as JSON-LD gives it.
    struct Author: Sendable, Equatable {
        var name: String
        /// True for `Person`, false for `Organization` and its kin, nil when untyped (a bare string).
        var isPerson: Bool?
    }

    /// Fields of one schema.org object.
    struct Entity: Sendable {
        var headline: String?
        var name: String?
        var authors: [Author] = []
        var datePublished: String?
        var dateModified: String?
        var dateCreated: String?
        /// `articleBody` (or `text`) as plain paragraphs.
        var articleBody: String?
        var description: String?
        var language: String?
        var publisher: String?
        var url: String?
    }

    /// The article-like object, if any.
    var article: Entity?
    /// The page object (`WebPage` and kin), if any.
    var page: Entity?
    /// Names of `Organization`, `WebSite` and publisher objects.
    var siteNames: [String] = []
    var problems: [String] = []

    /// Reads every block; a block that cannot be read even leniently is recorded in `problems` and skipped, and one
    /// that is not strict JSON is recorded and used.
    init(blocks: [String]) {
        var objects: [JSONLDValue] = []
        for (index, block) in blocks.enumerated() where Self.mayDescribeArticleOrSite(block) {
            var lenient = false
            guard let value = Self.parse(block, lenient: &lenient) else {
                problems.append("invalid JSON-LD in block \(index + 1) of \(blocks.count)")
                continue
            }
            if lenient {
                problems.append("JSON-LD block \(index + 1) of \(blocks.count) is not valid JSON; read leniently")
            }
            Self.collect(value, into: &objects, depth: 0)
        }
        guard !objects.isEmpty else { return }
        var byID: [String: JSONLDValue] = [:]
        for object in objects {
            if let id = object["@id"]?.string, byID[id] == nil { byID[id] = object }
        }
        var bestRank = Int.max
        var bestHasHeadline = false
        var bestArticle: JSONLDValue?
        var bestPage: JSONLDValue?
        for object in objects {
            let types = Self.types(of: object)
            if let rank = Self.articleRank(types) {
                // The most article-like type wins; among equals, the first object with a headline.
                let hasHeadline = object["headline"] != nil
                if rank < bestRank || (rank == bestRank && hasHeadline && !bestHasHeadline) {
                    bestRank = rank
                    bestHasHeadline = hasHeadline
                    bestArticle = object
                }
            } else if bestPage == nil, types.contains(where: Self.pageTypes.contains) {
                bestPage = object
            }
            if types.contains(where: Self.organizationTypes.contains), let name = Self.text(object["name"]) {
                siteNames.append(name)
            }
        }
        if let bestArticle { article = Self.entity(bestArticle, byID: byID) }
        if let bestPage { page = Self.entity(bestPage, byID: byID) }
        for entity in [article, page] {
            if let publisher = entity?.publisher { siteNames.append(publisher) }
        }
    }

    // MARK: Parsing

    /// Whether a block names a type this extractor reads; breadcrumbs, images, videos, events, products and FAQ
    /// blocks are not parsed at all.
    static func mayDescribeArticleOrSite(_ block: String) -> Bool {
        var block = block
        return block.withUTF8 { bytes in
            // One pass: look closer only at the first letters of "article", "posting", "page", "report", "@graph".
            var i = 0
            let n = bytes.count
            while i < n {
                let c = HTMLTree.lower(bytes[i])
                if c == UInt8(ascii: "a") || c == UInt8(ascii: "p") || c == UInt8(ascii: "r")
                    || c == UInt8(ascii: "@")
                {
                    let rest = bytes[i...]
                    switch c {
                    case UInt8(ascii: "a"): if startsWith(rest, "article") { return true }
                    case UInt8(ascii: "p"): if startsWith(rest, "posting") || startsWith(rest, "page") { return true }
                    case UInt8(ascii: "r"): if startsWith(rest, "report") { return true }
                    default: if startsWith(rest, "@graph") { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether the bytes start with `word` (lower-case ASCII), ignoring ASCII case.
    private static func startsWith(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        var i = bytes.startIndex
        for k in 0..<count {
            guard HTMLTree.lower(bytes[i]) == word.utf8Start[k] else { return false }
            i += 1
        }
        return true
    }

    /// The JSON value of a block, without the `<![CDATA[ … ]]>` or `<!-- … -->` wrapper some pages put around it.
    static func parse(_ block: String, lenient: inout Bool) -> JSONLDValue? {
        var block = block
        return block.withUTF8 { all in
            var start = 0
            var end = all.count
            unwrap(all, &start, &end)
            guard start < end else { return nil }
            return JSONLDValue.parse(UnsafeBufferPointer(rebasing: all[start..<end]), lenient: &lenient)
        }
    }

    /// Narrows `start..<end` past white space and CDATA or comment wrappers (with the `//` some pages put before
    /// them).
    private static func unwrap(_ bytes: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        func trim() {
            while start < end, bytes[start] <= 0x20 { start += 1 }
            while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        }
        func hasPrefix(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard end - start >= count else { return false }
            for k in 0..<count where bytes[start + k] != word.utf8Start[k] { return false }
            return true
        }
        func hasSuffix(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard end - start >= count else { return false }
            for k in 0..<count where bytes[end - count + k] != word.utf8Start[k] { return false }
            return true
        }
        trim()
        for (open, close): (StaticString, StaticString) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
            if hasPrefix("//") {
                start += 2
                trim()
            }
            if hasPrefix(open) {
                start += open.utf8CodeUnitCount
                trim()
            }
            if hasSuffix(close) {
                end -= close.utf8CodeUnitCount
                trim()
                if hasSuffix("//") {
                    end -= 2
                    trim()
                }
            }
        }
    }

    /// The UTF-8 text of a JSON string's escaped bytes (without the quotes); raw control characters become
    /// spaces.
    static func unescapedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < end else {
                out.append(byte < 0x20 ? 0x20 : byte)
                i += 1
                continue
            }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"): out.append(0x20)
            case UInt8(ascii: "u"):
                guard var scalar = hex(bytes, i) else { continue }
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 6 <= end, bytes[i] == UInt8(ascii: "\\"),
                    bytes[i + 1] == UInt8(ascii: "u"), let low = hex(bytes, i + 2), low >= 0xDC00, low < 0xE000
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                if let value = Unicode.Scalar(scalar) { MetadataText.appendUTF8(value, to: &out) }
            default: out.append(escaped)
            }
        }
        return out
    }

    /// Four hex digits at `at`, or nil.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in at..<at + 4 {
            let c = bytes[k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Gathers the objects a block describes: the block itself, array members, `@graph` members, and the main
    /// entity of a page.
    private static func collect(_ value: JSONLDValue, into objects: inout [JSONLDValue], depth: Int) {
        guard depth < 6, objects.count < 200 else { return }
        if let array = value.array {
            for member in array { collect(member, into: &objects, depth: depth + 1) }
        } else if value.isObject {
            objects.append(value)
            if let graph = value["@graph"] { collect(graph, into: &objects, depth: depth + 1) }
            if let main = value["mainEntity"], main.isObject, main["@type"] != nil {
                collect(main, into: &objects, depth: depth + 1)
            }
        }
    }

    // MARK: Types

    /// `@type` values without any vocabulary prefix ("schema:NewsArticle", "http://schema.org/NewsArticle").
    static func types(of object: JSONLDValue) -> [String] {
        let raw: [String]
        switch object["@type"] {
        case .string(let single)?: raw = [single]
        case .array(let many)?: raw = many.compactMap(\.string)
        default: raw = []
        }
        return raw.map { type in
            if let cut = type.lastIndex(where: { $0 == "/" || $0 == ":" || $0 == "#" }) {
                return String(type[type.index(after: cut)...])
            }
            return type
        }
    }

    /// Lower is more article-like; nil for objects that are not articles.
    static func articleRank(_ types: [String]) -> Int? {
        var best: Int?
        for type in types {
            let rank: Int?
            if type.hasSuffix("NewsArticle") || type == "LiveBlogPosting" || type == "SatiricalArticle" {
                rank = 0
            } else if type == "Article" || type == "BlogPosting" || type == "Report" || type == "ScholarlyArticle"
                || type == "TechArticle" || type == "OpinionArticle" || type == "SocialMediaPosting"
                || type == "DiscussionForumPosting" || type == "MedicalScholarlyArticle"
            {
                rank = 1
            } else if type.hasSuffix("Article") || type.hasSuffix("Posting") {
                rank = 2
            } else {
                rank = nil
            }
            if let rank, rank < (best ?? Int.max) { best = rank }
        }
        return best
    }

    static let pageTypes: Set<String> = [
        "WebPage", "ItemPage", "CollectionPage", "ProfilePage", "AboutPage", "FAQPage", "QAPage", "MedicalWebPage",
    ]
    static let organizationTypes: Set<String> = [
        "Organization", "NewsMediaOrganization", "WebSite", "Corporation", "LocalBusiness", "EducationalOrganization",
        "GovernmentOrganization", "NGO", "OnlineBusiness",
    ]

    // MARK: Fields

    /// The fields of an object, with `@id` references to authors and publishers resolved.
    private static func entity(_ object: JSONLDValue, byID: [String: JSONLDValue]) -> Entity {
        var entity = Entity()
        entity.headline = text(object["headline"]) ?? text(object["alternativeHeadline"])
        entity.name = text(object["name"])
        entity.authors = authors(object["author"], byID: byID, depth: 0)
        if entity.authors.isEmpty { entity.authors = authors(object["creator"], byID: byID, depth: 0) }
        entity.datePublished = text(object["datePublished"])
        entity.dateModified = text(object["dateModified"])
        entity.dateCreated = text(object["dateCreated"])
        if let body = object["articleBody"]?.string ?? object["text"]?.string {
            entity.articleBody = MetadataText.paragraphs(fromBody: body)
        }
        entity.description = text(object["description"])
        entity.language = language(object["inLanguage"])
        entity.publisher = name(object["publisher"], byID: byID)
        entity.url = url(object["url"]) ?? url(object["mainEntityOfPage"])
        return entity
    }

    /// A string value, tidied; the first string of an array.
    static func text(_ value: JSONLDValue?) -> String? {
        switch value {
        case .string(let string)?: return MetadataText.tidy(string)
        case .array(let array)?:
            for member in array { if let string = member.string { return MetadataText.tidy(string) } }
            return nil
        default: return nil
        }
    }

    /// Authors from a string, an object (or an `@id` reference to one), or an array of them.
    private static func authors(_ value: JSONLDValue?, byID: [String: JSONLDValue], depth: Int) -> [Author] {
        guard let value, depth < 3 else { return [] }
        switch value {
        case .string(let string):
            guard let name = MetadataText.tidy(string), !MetadataText.isURL(name) else { return [] }
            return [Author(name: name, isPerson: nil)]
        case .array(let array):
            return array.flatMap { authors($0, byID: byID, depth: depth + 1) }
        case .object:
            var object = value
            if object["name"] == nil, let id = object["@id"]?.string, let resolved = byID[id] { object = resolved }
            guard let name = text(object["name"]) ?? joinedName(object) else { return [] }
            let types = Self.types(of: object)
            let isPerson: Bool? =
                types.contains("Person") ? true : types.contains(where: organizationTypes.contains) ? false : nil
            return [Author(name: name, isPerson: isPerson)]
        default:
            return []
        }
    }

    /// "givenName familyName" for persons without a `name`.
    private static func joinedName(_ object: JSONLDValue) -> String? {
        let parts = [text(object["givenName"]), text(object["familyName"])].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The name of a publisher given as a string, an object, a reference or an array.
    private static func name(_ value: JSONLDValue?, byID: [String: JSONLDValue]) -> String? {
        switch value {
        case .string(let string)?: return MetadataText.tidy(string)
        case .array(let array)?: return array.first.flatMap { name($0, byID: byID) }
        case .object?:
            guard var object = value else { return nil }
            if object["name"] == nil, let id = object["@id"]?.string, let resolved = byID[id] { object = resolved }
            return text(object["name"])
        default: return nil
        }
    }

    /// `inLanguage` as a string or as a `Language` object.
    private static func language(_ value: JSONLDValue?) -> String? {
        switch value {
        case .string(let string)?: return MetadataText.tidy(string)
        case .object?: return text(value?["alternateName"]) ?? text(value?["name"])
        case .array(let array)?: return array.first.flatMap { language($0) }
        default: return nil
        }
    }

    /// A URL given as a string or as an object with `@id` or `url`.
    private static func url(_ value: JSONLDValue?) -> String? {
        switch value {
        case .string(let string)?: return MetadataText.tidy(string)
        case .object?: return text(value?["@id"]) ?? text(value?["url"])
        default: return nil
        }
    }
}
