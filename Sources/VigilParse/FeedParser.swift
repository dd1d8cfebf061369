import Foundation
import VigilCore

/// Parses feed documents (RSS 0.90–2.0, RSS 1.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) from bytes plus the
/// transport context they came with. Safe to call from several threads at once.
public enum FeedParser {
    /// Characters that reading one document may produce at least, whatever its size; bounds entity expansion.
    static let minimumOutputBudget = 16 * 1024 * 1024

    /// Parses `data` as a feed.
    ///
    /// Returns the document with `problems` filled and `wellFormed == false` when the bytes had to be repaired
    /// or recovered. An entry without a publication date takes its update date as `published`.
    /// - Throws: `FeedParseError` only when the bytes are not a feed at all: empty, an HTML page, binary data,
    ///   or XML/JSON of another kind.
    public static func parse(_ data: Data, context: DocumentContext) throws -> FeedDocument {
        let base = documentBase(context)
        let budget = ExpansionBudget(limit: max(minimumOutputBudget, data.count * 4))
        let reader = FeedReadContext(budget: budget, defaultLanguage: context.contentLanguage?.trimmedNonEmpty)
        guard let first = firstSignificantByte(data) else { throw FeedParseError.empty }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try JSONFeedParser.parse(data, base: base, context: reader)
        }
        if looksBinary(data) { throw FeedParseError.binary }

        let prepared = InputDecoding.prepare(data, contentType: context.contentType)
        reader.problems += prepared.problems
        var wellFormed = true
        var bytes = prepared.bytes
        if let repair = EntityRepair.repair(bytes) {
            bytes = repair.bytes
            if !repair.htmlEntities.isEmpty {
                let names = repair.htmlEntities.map { "&\($0);" }.joined(separator: " ")
                reader.problem("undefined HTML entities read as their characters: \(names)")
                if !repair.hasExternalSubset { wellFormed = false }
            }
            if repair.bareAmpersands > 0 {
                reader.problem("\(repair.bareAmpersands) unescaped '&' read as text")
                wellFormed = false
            }
            if repair.upperCaseHexReferences > 0 {
                reader.problem("\(repair.upperCaseHexReferences) character references written '&#X' read as '&#x'")
                wellFormed = false
            }
        }
        let (parsed, xmlProblems) = LibXMLDocument.parseXML(bytes, encoding: prepared.encoding)
        guard let parsed, let root = parsed.root else {
            throw FeedParseError.notXML.with(xmlProblems.first ?? "no root element")
        }
        let name = QualifiedName(root)
        let format = try format(of: root, name: name, context: reader)
        reader.rootNamespace = name.local == "rdf" ? nil : name.namespace
        var document: FeedDocument
        switch format {
        case .atom10, .atom03:
            document = AtomParser.read(root: root, format: format, base: base, context: reader)
        default:
            document = RSSParser.read(root: root, format: format, base: base, context: reader)
        }
        document.wellFormed = wellFormed && parsed.wellFormed
        document.problems = parsed.problems + reader.problems
        if budget.exhausted {
            document.wellFormed = false
            document.problems.append("text output limit reached (entity expansion); values were cut short")
        }
        return document
    }

    /// The base URI of the document: `Content-Location` resolved against the document URL when it is a
    /// safe http(s) URL, else the document URL.
    static func documentBase(_ context: DocumentContext) -> String? {
        let url = context.url?.trimmedNonEmpty
        if let location = context.contentLocation?.trimmedNonEmpty,
            let resolved = URIResolver.resolve(location, against: url),
            let scheme = URIResolver.scheme(of: resolved), scheme == "http" || scheme == "https"
        {
            return resolved
        }
        return url
    }

    private static func format(of root: XMLElementRef, name: QualifiedName, context: FeedReadContext) throws
        -> FeedFormat
    {
        switch name.local {
        case "rss":
            let version = root.attribute("version", budget: context.budget)?.trimmingCharacters(in: .whitespaces)
            switch version {
            case "0.90", "0.9": return .rss090
            case "0.91": return .rss091
            case "0.92": return .rss092
            case "0.93": return .rss093
            case "0.94": return .rss094
            default: return .rss20
            }
        case "rdf":
            let usesRSS090 = root.children.contains { QualifiedName($0).namespace == XMLNamespace.rss090 }
            return usesRSS090 || name.namespace == XMLNamespace.rss090 ? .rss090 : .rss10
        case "feed":
            if name.namespace == XMLNamespace.atom03 { return .atom03 }
            if name.namespace == XMLNamespace.atom10 { return .atom10 }
            let version = root.attribute("version", budget: context.budget)?.trimmingCharacters(in: .whitespaces)
            return version?.hasPrefix("0.") == true ? .atom03 : .atom10
        case "html":
            throw FeedParseError.html
        default:
            throw FeedParseError.unknownFormat.with("root element <\(root.name)>")
        }
    }

    /// The first byte that is not whitespace or a UTF-8 byte-order mark.
    private static func firstSignificantByte(_ data: Data) -> UInt8? {
        var index = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < data.endIndex {
            let byte = data[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
            index += 1
        }
        return nil
    }

    /// NUL bytes in the first kilobyte of a document that is not UTF-16/32 mean binary data.
    private static func looksBinary(_ data: Data) -> Bool {
        let head = data.prefix(1024)
        guard head.contains(0) else { return false }
        let bytes = [UInt8](head.prefix(4))
        guard bytes.count >= 2 else { return true }
        let wide =
            bytes[0] == 0 || bytes[1] == 0 || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
        return !wide
    }
}
