import Foundation

/// What an inbox file holds, decided from its bytes.
public enum DocumentKind: Sendable, Equatable {
    /// An RSS, RDF, Atom or JSON Feed document.
    case feed
    /// An HTML page.
    case html
    /// JSON Lines: every non-empty line a JSON object.
    case jsonLines
    /// Text in UTF-8 (or UTF-16/32 with a byte-order mark).
    case plainText
    /// Bytes that are not text.
    case binary
    /// Nothing, or only whitespace.
    case empty
}

/// Decides what kind of document an inbox file is, looking at its content first and its name only to settle
/// ties.
public enum DocumentSniffer {
    /// Bytes examined for the XML/HTML decision.
    static let headLength = 4096

    /// The kind of `data`; `fileName` (e.g. `report.html`) only breaks ties the content leaves open.
    public static func kind(of data: Data, fileName: String?) -> DocumentKind {
        let fileExtension = fileName.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        guard let text = decodeText(data) else { return .binary }
        let trimmed = text.prefix(headLength * 2).drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        guard let first = trimmed.first else { return .empty }
        if first == "<" {
            let head = String(trimmed.prefix(headLength))
            switch rootName(head) {
            case "rss", "rdf", "feed": return .feed
            case "html": return .html
            default: break
            }
            let lowered = head.lowercased()
            if lowered.contains("<!doctype html") || lowered.contains("<html") { return .html }
            if ["html", "htm", "xhtml"].contains(fileExtension) { return .html }
            return .plainText
        }
        if first == "{" {
            if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let version = object["version"] as? String, JSONFeedParser.isJSONFeedVersion(version)
            {
                return .feed
            }
            if isJSONLines(text) { return .jsonLines }
        }
        return .plainText
    }

    /// The text of `data`, or nil when it is binary: NUL bytes (outside UTF-16/32) or invalid UTF-8.
    private static func decodeText(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) {
            return String(data: data.dropFirst(4), encoding: .utf32LittleEndian)
        }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return String(data: data.dropFirst(4), encoding: .utf32BigEndian) }
        if bytes.starts(with: [0xFF, 0xFE]) { return String(data: data.dropFirst(2), encoding: .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return String(data: data.dropFirst(2), encoding: .utf16BigEndian) }
        if data.contains(0) { return nil }
        return String(validating: data, as: UTF8.self)
    }

    /// The lower-cased local name of the first element, skipping the XML declaration, comments, processing
    /// instructions and the DOCTYPE.
    static func rootName(_ head: String) -> String? {
        var rest = Substring(head)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[open...]
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!") {
                // DOCTYPE, possibly with an internal subset.
                if rest.lowercased().hasPrefix("<!doctype html") { return "html" }
                guard let end = endOfDoctype(rest) else { return nil }
                rest = rest[end...]
            } else {
                let name = rest.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
                let local = name.split(separator: ":").last.map(String.init) ?? String(name)
                return local.isEmpty ? nil : local.lowercased()
            }
        }
        return nil
    }

    private static func endOfDoctype(_ text: Substring) -> Substring.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case ">" where depth <= 0: return text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func isJSONLines(_ text: String) -> Bool {
        var sawLine = false
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard trimmed.hasPrefix("{"),
                (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) is [String: Any]
            else { return false }
            sawLine = true
        }
        return sawLine
    }
}
