import CLibXML2

/// Rewrites what makes many real feeds ill-formed before libxml2 sees them: HTML named entities used without a
/// DTD (`&aacute;`, `&nbsp;`) become numeric character references, and an `&` that starts no valid reference
/// (`?a=1&b=2`, `&doesnotexist;`) becomes `&amp;`. The five XML entities, character references and entities
/// declared in the internal DTD subset are left alone, as are comments, CDATA sections and processing
/// instructions. Works on bytes of any ASCII-compatible encoding.
enum EntityRepair {
    /// What the rewrite changed.
    struct Result {
        /// The rewritten document.
        var bytes: [UInt8]
        /// HTML entity names replaced by their characters (first few, without duplicates).
        var htmlEntities: [String]
        /// Ampersands escaped because they started no valid reference.
        var bareAmpersands: Int
        /// `&#X…;` references rewritten as `&#x…;`.
        var upperCaseHexReferences: Int
        /// Whether the document names an external DTD subset (undeclared entities are then not a
        /// well-formedness error, only a validity one).
        var hasExternalSubset: Bool
    }

    private static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
    private static let amp: [UInt8] = Array("&amp;".utf8)

    /// The repaired bytes, or nil when the document needs no change.
    static func repair(_ bytes: [UInt8]) -> Result? {
        guard bytes.contains(UInt8(ascii: "&")) else { return nil }
        return bytes.withUnsafeBufferPointer { input in
            var scanner = Scanner(input: input)
            scanner.run()
            guard let output = scanner.output else { return nil }
            return Result(
                bytes: output, htmlEntities: scanner.htmlEntities, bareAmpersands: scanner.bareAmpersands,
                upperCaseHexReferences: scanner.upperCaseHexReferences, hasExternalSubset: scanner.hasExternalSubset)
        }
    }

    private struct Scanner {
        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8]?
        var copied = 0
        var declared: Set<String> = []
        var htmlEntities: [String] = []
        var bareAmpersands = 0
        var upperCaseHexReferences = 0
        var hasExternalSubset = false

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
        }

        mutating func run() {
            var i = 0
            let n = input.count
            while i < n {
                let byte = input[i]
                if byte == UInt8(ascii: "<") {
                    i = skipMarkupDeclaration(at: i)
                } else if byte == UInt8(ascii: "&") {
                    i = reference(at: i)
                } else {
                    i += 1
                }
            }
            if output != nil { output?.append(contentsOf: input[copied..<n]) }
        }

        /// Skips a comment, CDATA section, processing instruction or DOCTYPE starting at `i`; else one byte.
        mutating func skipMarkupDeclaration(at i: Int) -> Int {
            if has("<!--", at: i) { return end(of: "-->", from: i + 4) }
            if has("<![CDATA[", at: i) { return end(of: "]]>", from: i + 9) }
            if has("<?", at: i) { return end(of: "?>", from: i + 2) }
            if has("<!DOCTYPE", at: i) { return doctype(from: i + 9) }
            return i + 1
        }

        /// Reads a DOCTYPE: notes an external subset and the general entities of the internal subset.
        mutating func doctype(from start: Int) -> Int {
            var i = start
            var quote: UInt8? = nil
            var sawExternalKeyword = false
            while i < input.count {
                let byte = input[i]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if has("SYSTEM", at: i) || has("PUBLIC", at: i) {
                    sawExternalKeyword = true
                } else if byte == UInt8(ascii: "[") {
                    i = internalSubset(from: i + 1)
                    continue
                } else if byte == UInt8(ascii: ">") {
                    hasExternalSubset = hasExternalSubset || sawExternalKeyword
                    return i + 1
                }
                i += 1
            }
            hasExternalSubset = hasExternalSubset || sawExternalKeyword
            return i
        }

        mutating func internalSubset(from start: Int) -> Int {
            var i = start
            while i < input.count {
                let byte = input[i]
                if byte == UInt8(ascii: "]") { return i + 1 }
                if has("<!--", at: i) {
                    i = end(of: "-->", from: i + 4)
                } else if has("<!ENTITY", at: i) {
                    i += 8
                    while i < input.count, isSpace(input[i]) { i += 1 }
                    if i < input.count, input[i] != UInt8(ascii: "%") {
                        let nameStart = i
                        while i < input.count, isNameByte(input[i]) { i += 1 }
                        declared.insert(String(decoding: input[nameStart..<i], as: UTF8.self))
                    }
                    i = skipDeclaration(from: i)
                } else if byte == UInt8(ascii: "<") {
                    i = skipDeclaration(from: i + 1)
                } else {
                    i += 1
                }
            }
            return i
        }

        /// Skips to just after the `>` closing a declaration, honouring quoted strings.
        func skipDeclaration(from start: Int) -> Int {
            var i = start
            var quote: UInt8? = nil
            while i < input.count {
                let byte = input[i]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return i + 1
                }
                i += 1
            }
            return i
        }

        /// Handles an `&` at `i`; returns the index to continue from.
        mutating func reference(at i: Int) -> Int {
            let n = input.count
            var j = i + 1
            if j < n, input[j] == UInt8(ascii: "#") {
                j += 1
                var digits = 0
                var upperX = false
                if j < n, input[j] == UInt8(ascii: "x") || input[j] == UInt8(ascii: "X") {
                    upperX = input[j] == UInt8(ascii: "X")
                    j += 1
                    while j < n, isHexDigit(input[j]) {
                        j += 1
                        digits += 1
                    }
                } else {
                    while j < n, input[j] >= 0x30, input[j] <= 0x39 {
                        j += 1
                        digits += 1
                    }
                }
                if digits > 0, j < n, input[j] == UInt8(ascii: ";") {
                    // `&#X41;` is HTML, not XML: XML spells hexadecimal references with a lower-case x.
                    if upperX {
                        upperCaseHexReferences += 1
                        replace(from: i + 2, to: i + 3, with: [UInt8(ascii: "x")])
                    }
                    return j + 1
                }
                escapeAmpersand(at: i)
                return i + 1
            }
            let nameStart = j
            while j < n, j - nameStart <= 32, isNameByte(input[j]) { j += 1 }
            guard j > nameStart, j < n, input[j] == UInt8(ascii: ";"), !isDigit(input[nameStart]) else {
                escapeAmpersand(at: i)
                return i + 1
            }
            let name = String(decoding: input[nameStart..<j], as: UTF8.self)
            if EntityRepair.predefined.contains(name) || declared.contains(name) { return j + 1 }
            if let entity = name.withCString({
                htmlEntityLookup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
            }) {
                replace(from: i, to: j + 1, with: Array("&#\(entity.pointee.value);".utf8))
                if htmlEntities.count < 10, !htmlEntities.contains(name) { htmlEntities.append(name) }
                return j + 1
            }
            escapeAmpersand(at: i)
            return i + 1
        }

        mutating func escapeAmpersand(at i: Int) {
            bareAmpersands += 1
            replace(from: i, to: i + 1, with: EntityRepair.amp)
        }

        mutating func replace(from start: Int, to end: Int, with replacement: [UInt8]) {
            if output == nil {
                var fresh: [UInt8] = []
                fresh.reserveCapacity(input.count + input.count / 16 + 64)
                output = fresh
            }
            output?.append(contentsOf: input[copied..<start])
            output?.append(contentsOf: replacement)
            copied = end
        }

        func has(_ literal: StaticString, at i: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard i + count <= input.count else { return false }
            let pointer = literal.utf8Start
            for k in 0..<count where input[i + k] != pointer[k] { return false }
            return true
        }

        /// Index just after `terminator`, searching from `start`; the end of input when it never comes.
        func end(of terminator: StaticString, from start: Int) -> Int {
            let first = terminator.utf8Start[0]
            var i = start
            while i < input.count {
                if input[i] == first, has(terminator, at: i) { return i + terminator.utf8CodeUnitCount }
                i += 1
            }
            return input.count
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
        func isNameByte(_ byte: UInt8) -> Bool {
            isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte >= 0x80
        }
    }
}
