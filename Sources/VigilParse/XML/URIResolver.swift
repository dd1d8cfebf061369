/// RFC 3986 reference resolution (§5.2), on strings, so IRIs keep their non-ASCII characters as written.
enum URIResolver {
    /// Schemes whose URLs would run code or embed data; never used as a base and never returned as a link.
    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "data", "about"]

    /// The scheme of an absolute URI, lower-cased, or nil for a relative reference.
    static func scheme(of uri: String) -> String? {
        guard let colon = uri.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let candidate = uri.utf8[uri.utf8.startIndex..<colon]
        guard let first = candidate.first, isAlpha(first),
            candidate.allSatisfy({ isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
            )
        else { return nil }
        return String(decoding: candidate, as: UTF8.self).lowercased()
    }

    /// Whether `uri` is absolute with a scheme that may serve as a base or a link.
    static func isSafeAbsolute(_ uri: String) -> Bool {
        guard let scheme = scheme(of: uri) else { return false }
        return !unsafeSchemes.contains(scheme)
    }

    /// Resolves `reference` against `base` (itself absolute, or nil). Returns the reference unchanged when
    /// there is no usable base, and nil when the result would use an unsafe scheme.
    static func resolve(_ reference: String, against base: String?) -> String? {
        let reference = reference.trimmingASCIIWhitespace()
        if let scheme = scheme(of: reference) {
            return unsafeSchemes.contains(scheme) ? nil : reference
        }
        guard let base, let baseParts = Parts(base), baseParts.scheme != nil else { return reference }
        guard let ref = Parts(reference) else { return reference }
        var target = Parts()
        if ref.authority != nil {
            target.authority = ref.authority
            target.path = removeDotSegments(ref.path)
            target.query = ref.query
        } else {
            if ref.path.isEmpty {
                target.path = baseParts.path
                target.query = ref.query ?? baseParts.query
            } else {
                if ref.path.hasPrefix("/") {
                    target.path = removeDotSegments(ref.path)
                } else {
                    target.path = removeDotSegments(merge(base: baseParts, path: ref.path))
                }
                target.query = ref.query
            }
            target.authority = baseParts.authority
        }
        target.scheme = baseParts.scheme
        target.fragment = ref.fragment
        return target.recomposed
    }

    /// The five components of a URI reference (RFC 3986 appendix B).
    private struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init?(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let scheme = URIResolver.scheme(of: String(rest)) {
                self.scheme = scheme
                rest = rest[rest.index(rest.startIndex, offsetBy: scheme.count + 1)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        var recomposed: String {
            var result = ""
            if let scheme { result += scheme + ":" }
            if let authority { result += "//" + authority }
            result += path
            if let query { result += "?" + query }
            if let fragment { result += "#" + fragment }
            return result
        }
    }

    private static func merge(base: Parts, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 §5.2.4.
    private static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var result = ""
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                removeLastSegment(&result)
            } else if input == "/.." {
                input = "/"
                removeLastSegment(&result)
            } else if input == "." || input == ".." {
                input = ""
            } else {
                var end = input.index(after: input.startIndex)
                if input.first != "/" { end = input.startIndex }
                let next = input[end...].firstIndex(of: "/") ?? input.endIndex
                result += input[..<next]
                input = input[next...]
            }
        }
        return result
    }

    private static func removeLastSegment(_ result: inout String) {
        if let slash = result.lastIndex(of: "/") {
            result = String(result[..<slash])
        } else {
            result = ""
        }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
}

extension String {
    /// The string without ASCII whitespace at either end.
    func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 > 0x20 }) else { return "" }
        guard let last = bytes.lastIndex(where: { $0 > 0x20 }) else { return "" }
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return self }
        return String(self[first...last])
    }
}
