import Foundation

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

    /// Reads every block; a block that is not JSON even after cheap repairs is recorded in `problems` and skipped.
    init(blocks: [String]) {
        var objects: [[String: Any]] = []
        for (index, block) in blocks.enumerated() where Self.mayDescribeArticleOrSite(block) {
            guard let value = Self.parse(block) else {
                problems.append("invalid JSON-LD in block \(index + 1) of \(blocks.count)")
                continue
            }
            Self.collect(value, into: &objects, depth: 0)
        }
        guard !objects.isEmpty else { return }
        var byID: [String: [String: Any]] = [:]
        for object in objects {
            if let id = object["@id"] as? String, byID[id] == nil || object.count > (byID[id]?.count ?? 0) {
                byID[id] = object
            }
        }
        var bestRank = Int.max
        var bestHasHeadline = false
        var bestArticle: [String: Any]?
        var bestPage: [String: Any]?
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
            for word: StaticString in ["article", "posting", "page", "@graph", "organization", "website", "report"]
            where HTMLTree.contains(bytes, word) {
                return true
            }
            return false
        }
    }

    /// The JSON value of a block, after cheap repairs when the first parse fails: CDATA and comment wrappers,
    /// raw control characters inside strings, trailing commas, and anything after the first complete value.
    static func parse(_ block: String) -> Any? {
        var bytes = Array(block.utf8)
        unwrap(&bytes)
        guard !bytes.isEmpty else { return nil }
        if let value = try? JSONSerialization.jsonObject(with: Data(bytes)) { return value }
        let repaired = repair(bytes)
        return try? JSONSerialization.jsonObject(with: Data(repaired))
    }

    /// Drops white space and `<![CDATA[ … ]]>` / `<!-- … -->` wrappers (with the `//` some pages put before them).
    private static func unwrap(_ bytes: inout [UInt8]) {
        func trim() {
            while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
            var start = 0
            while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
            if start > 0 { bytes.removeFirst(start) }
        }
        trim()
        for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
            let openBytes = Array(open.utf8)
            let closeBytes = Array(close.utf8)
            var start = 0
            if bytes.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) { start = 2 }
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
            if bytes[start...].starts(with: openBytes) {
                bytes.removeFirst(start + openBytes.count)
                trim()
            }
            if bytes.count >= closeBytes.count, Array(bytes.suffix(closeBytes.count)) == closeBytes {
                bytes.removeLast(closeBytes.count)
                trim()
                if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") {
                    bytes.removeLast(2)
                    trim()
                }
            }
        }
    }

    /// One pass that keeps strings intact, turns raw control characters in strings into spaces, drops commas
    /// before `}` or `]`, and stops after the first complete top-level value.
    private static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false
        var escaped = false
        var depth = 0
        var pendingComma = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                out.append(byte < 0x20 ? 0x20 : byte)
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: ","):
                if pendingComma { continue }  // ",," : keep one
                pendingComma = true
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                pendingComma = false
                depth -= 1
                out.append(byte)
                if depth <= 0 { return out }
                continue
            default:
                break
            }
            if pendingComma {
                out.append(UInt8(ascii: ","))
                pendingComma = false
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            default: break
            }
            out.append(byte)
        }
        return out
    }

    /// Gathers the objects a block describes: the block itself, array members, `@graph` members, and the main
    /// entity of a page.
    private static func collect(_ value: Any, into objects: inout [[String: Any]], depth: Int) {
        guard depth < 6, objects.count < 200 else { return }
        if let array = value as? [Any] {
            for member in array { collect(member, into: &objects, depth: depth + 1) }
        } else if let object = value as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { collect(graph, into: &objects, depth: depth + 1) }
            if let main = object["mainEntity"] as? [String: Any], main["@type"] != nil {
                collect(main, into: &objects, depth: depth + 1)
            }
        }
    }

    // MARK: Types

    /// `@type` values without any vocabulary prefix ("schema:NewsArticle", "http://schema.org/NewsArticle").
    static func types(of object: [String: Any]) -> [String] {
        let raw: [String]
        if let single = object["@type"] as? String {
            raw = [single]
        } else if let many = object["@type"] as? [Any] {
            raw = many.compactMap { $0 as? String }
        } else {
            raw = []
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

    private static func entity(_ object: [String: Any], byID: [String: [String: Any]]) -> Entity {
        var entity = Entity()
        entity.headline = text(object["headline"]) ?? text(object["alternativeHeadline"])
        entity.name = text(object["name"])
        entity.authors = authors(object["author"], byID: byID, depth: 0)
        if entity.authors.isEmpty { entity.authors = authors(object["creator"], byID: byID, depth: 0) }
        entity.datePublished = text(object["datePublished"])
        entity.dateModified = text(object["dateModified"])
        entity.dateCreated = text(object["dateCreated"])
        if let body = object["articleBody"] as? String ?? object["text"] as? String { entity.articleBody = body }
        entity.description = text(object["description"])
        entity.language = language(object["inLanguage"])
        entity.publisher = name(object["publisher"], byID: byID)
        entity.url = url(object["url"]) ?? url(object["mainEntityOfPage"])
        return entity
    }

    /// A string value, tidied; the first string of an array.
    static func text(_ value: Any?) -> String? {
        if let string = value as? String { return MetadataText.tidy(string) }
        if let array = value as? [Any] {
            for member in array { if let string = member as? String { return MetadataText.tidy(string) } }
        }
        return nil
    }

    private static func authors(_ value: Any?, byID: [String: [String: Any]], depth: Int) -> [Author] {
        guard let value, depth < 3 else { return [] }
        if let string = value as? String {
            guard let name = MetadataText.tidy(string), !MetadataText.isURL(name) else { return [] }
            return [Author(name: name, isPerson: nil)]
        }
        if let array = value as? [Any] {
            return array.flatMap { authors($0, byID: byID, depth: depth + 1) }
        }
        guard var object = value as? [String: Any] else { return [] }
        if object["name"] == nil, let id = object["@id"] as? String, let resolved = byID[id] { object = resolved }
        guard let name = text(object["name"]) ?? joinedName(object) else { return [] }
        let types = Self.types(of: object)
        let isPerson: Bool? =
            types.contains("Person") ? true : types.contains(where: organizationTypes.contains) ? false : nil
        return [Author(name: name, isPerson: isPerson)]
    }

    /// "givenName familyName" for persons without a `name`.
    private static func joinedName(_ object: [String: Any]) -> String? {
        let parts = [text(object["givenName"]), text(object["familyName"])].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private static func name(_ value: Any?, byID: [String: [String: Any]]) -> String? {
        if let string = value as? String { return MetadataText.tidy(string) }
        if let array = value as? [Any], let first = array.first { return name(first, byID: byID) }
        guard var object = value as? [String: Any] else { return nil }
        if object["name"] == nil, let id = object["@id"] as? String, let resolved = byID[id] { object = resolved }
        return text(object["name"])
    }

    private static func language(_ value: Any?) -> String? {
        if let string = value as? String { return MetadataText.tidy(string) }
        if let object = value as? [String: Any] {
            return text(object["alternateName"]) ?? text(object["name"])
        }
        if let array = value as? [Any], let first = array.first { return language(first) }
        return nil
    }

    private static func url(_ value: Any?) -> String? {
        if let string = value as? String { return MetadataText.tidy(string) }
        if let object = value as? [String: Any] { return text(object["@id"]) ?? text(object["url"]) }
        return nil
    }
}
