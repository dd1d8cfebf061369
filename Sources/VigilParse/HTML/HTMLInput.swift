import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An HTML page made ready for parsing: decoded to UTF-8, with scripts, styles, comments, SVG, `noscript` and
/// `template` content cut out (they are half the bytes of a modern page and never article text), and the
/// JSON-LD blocks kept aside for metadata.
public struct HTMLInput: Sendable {
    /// UTF-8 bytes of the page without the cut-out blocks.
    public var bytes: [UInt8]
    /// The character set the page was decoded from (lower-case IANA name, e.g. `utf-8`, `windows-1252`).
    public var charset: String
    /// Bodies of `<script type="application/ld+json">` blocks, in document order.
    public var jsonLD: [String]
    /// What went wrong while decoding (a bad charset, invalid bytes, a page cut short).
    public var problems: [String]
    /// The bytes are not text (an image, an archive, compressed data served as `text/html`): nothing was decoded.
    public var isBinary = false

    /// Largest page read (decoded and stripped: linear passes); longer pages are cut, and a problem recorded.
    public static let maxInputBytes = 32 * 1024 * 1024
    /// Largest markup handed to the parser once scripts, styles and comments are out: the bound on parsing time and
    /// tree size. The cut is made after stripping, so that megabytes of inline script or SVG before the article
    /// cannot push it out.
    public static let maxMarkupBytes = 8 * 1024 * 1024

    /// Decodes and prepares `data`. `contentType` is the HTTP `Content-Type` header, whose charset is used when
    /// the bytes are not valid UTF-8.
    public init(_ data: Data, contentType: String?) {
        var problems: [String] = []
        if data.count > Self.maxInputBytes {
            problems.append("page cut at \(Self.maxInputBytes) of \(data.count) bytes")
        }
        var charset = "binary"
        var jsonLD: [String] = []
        // The page is read where it lies (no copy): most pages are UTF-8 and go straight to `strip`.
        let stripped: [UInt8]? = data.withUnsafeBytes { rawBytes in
            rawBytes.withMemoryRebound(to: UInt8.self) { whole -> [UInt8]? in
                var raw = UnsafeBufferPointer(rebasing: whole.prefix(Self.maxInputBytes))
                if Self.looksBinary(raw) { return nil }
                // A UTF-8 character cut in two would make the whole page look like another charset.
                if whole.count > raw.count { raw = Self.withoutIncompleteUTF8Tail(raw) }
                let decoded: [UInt8]?
                (decoded, charset) = Self.decode(raw, contentType: contentType, problems: &problems)
                guard let decoded else { return Self.strip(raw, jsonLD: &jsonLD, limit: Self.maxMarkupBytes) }
                return decoded.withUnsafeBufferPointer {
                    Self.strip($0, jsonLD: &jsonLD, limit: Self.maxMarkupBytes)
                }
            }
        }
        guard var stripped else {
            bytes = []
            self.charset = "binary"
            self.jsonLD = []
            self.problems = []
            isBinary = true
            return
        }
        if stripped.count > Self.maxMarkupBytes {
            Self.cut(&stripped, at: Self.maxMarkupBytes)
            problems.append(
                "page cut at \(Self.maxMarkupBytes) bytes of markup (after removing scripts, styles and comments) "
                    + "of \(data.count) bytes")
        }
        Self.removeNULs(&stripped)
        bytes = stripped
        self.charset = charset
        self.jsonLD = jsonLD
        self.problems = problems
    }

    /// `bytes` without a last UTF-8 sequence that lacks continuation bytes.
    static func withoutIncompleteUTF8Tail(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lead = bytes.count - 1
        while lead >= 0, bytes.count - lead <= 3, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= 0, bytes[lead] >= 0xC0 else { return bytes }
        let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
        return length > bytes.count - lead ? UnsafeBufferPointer(rebasing: bytes[..<lead]) : bytes
    }

    /// Cuts UTF-8 `bytes` to at most `limit` bytes, at a character boundary.
    static func cut(_ bytes: inout [UInt8], at limit: Int) {
        guard bytes.count > limit else { return }
        var end = limit
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        bytes.removeSubrange(end...)
    }

    /// Drops NUL bytes, at which libxml2's parser would stop reading (browsers ignore them).
    static func removeNULs(_ bytes: inout [UInt8]) {
        let hasNUL = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
        if hasNUL { bytes.removeAll { $0 == 0 } }
    }

    // MARK: Binary content

    /// Whether the bytes are binary: a known file signature, or control characters (other than tab, line breaks,
    /// form feed and escape) in more than 1 in 20 of the first 1,024 bytes. UTF-16 pages have a BOM (see
    /// `decode`) and are let through.
    static func looksBinary(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) { return false }
        let signatures: [[UInt8]] = [
            [0x1F, 0x8B], [0x89, 0x50, 0x4E, 0x47], [0x47, 0x49, 0x46, 0x38], [0xFF, 0xD8, 0xFF],
            [0x25, 0x50, 0x44, 0x46], [0x50, 0x4B, 0x03, 0x04], [0x28, 0xB5, 0x2F, 0xFD], [0x42, 0x5A, 0x68],
        ]
        for signature in signatures where raw.starts(with: signature) { return true }
        let head = raw.prefix(1024)
        guard !head.isEmpty else { return false }
        var control = 0
        for byte in head
        where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C
            && byte != 0x1B
        {
            control += 1
        }
        return control * 20 > head.count
    }

    // MARK: Character sets

    /// The page as UTF-8 (nil when `raw` already is) and the charset used. Order: BOM; valid UTF-8 with multi-byte
    /// sequences (pages often declare a charset they do not use); HTTP charset; `<meta charset>`; windows-1252.
    static func decode(
        _ raw: UnsafeBufferPointer<UInt8>, contentType: String?, problems: inout [String]
    ) -> ([UInt8]?, String) {
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (repairUTF8(UnsafeBufferPointer(rebasing: raw.dropFirst(3))), "utf-8")
        }
        if raw.starts(with: [0xFF, 0xFE]) { return (convert(raw, from: "UTF-16LE") ?? [], "utf-16le") }
        if raw.starts(with: [0xFE, 0xFF]) { return (convert(raw, from: "UTF-16BE") ?? [], "utf-16be") }
        let validity = utf8Validity(raw)
        if validity == .validMultibyte { return (nil, "utf-8") }
        let declared = charset(fromContentType: contentType) ?? metaCharset(raw)
        if validity == .ascii { return (nil, declared.map(normalize) ?? "utf-8") }
        if let declared {
            let name = normalize(declared)
            if name == "utf-8" {
                problems.append("page declares utf-8 but holds invalid bytes; they were replaced")
                return (repairUTF8(raw), "utf-8")
            }
            if let converted = convert(raw, from: name) { return (converted, name) }
            problems.append("unknown or unusable charset '\(declared)'; read as windows-1252")
        }
        return (convert(raw, from: "windows-1252") ?? repairUTF8(raw), "windows-1252")
    }

    enum UTF8Validity { case ascii, validMultibyte, invalid }

    static func utf8Validity(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Validity {
        guard let base = bytes.baseAddress else { return .ascii }
        var sawMultibyte = false
        var i = 0
        let n = bytes.count
        while i < n {
            // Skip ASCII 32, then eight bytes at a time.
            while i + 32 <= n {
                let raw = UnsafeRawPointer(base + i)
                let any =
                    raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 != 0 { break }
                i += 32
            }
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 {
                length = 2
            } else if b & 0xF0 == 0xE0 {
                length = 3
            } else if b & 0xF8 == 0xF0, b <= 0xF4 {
                length = 4
            } else {
                return .invalid
            }
            guard i + length <= n else { return .invalid }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return .invalid }
            sawMultibyte = true
            i += length
        }
        return sawMultibyte ? .validMultibyte : .ascii
    }

    static func repairUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// The charset parameter of a `Content-Type` value.
    static func charset(fromContentType value: String?) -> String? {
        guard let value else { return nil }
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmed.lowercased() == "charset" else { continue }
            let name = pair[1].trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// `<meta charset=...>` or `<meta http-equiv=content-type content="...; charset=...">` in the first 8 KB.
    static func metaCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = UnsafeBufferPointer(rebasing: bytes.prefix(8192))
        let n = head.count
        var i = 0
        while let lt = findByte(head, UInt8(ascii: "<"), from: i) {
            i = lt + 1
            guard lt + 5 <= n, HTMLTree.startsWith(head[(lt + 1)...], "meta") else { continue }
            let end = findByte(head, UInt8(ascii: ">"), from: lt + 5) ?? n
            var k = lt + 5
            while k + 7 <= end {
                defer { k += 1 }
                guard head[k] | 0x20 == UInt8(ascii: "c"), HTMLTree.startsWith(head[k..<end], "charset") else {
                    continue
                }
                var j = k + 7
                while j < end, head[j] == UInt8(ascii: " ") { j += 1 }
                guard j < end, head[j] == UInt8(ascii: "=") else { break }
                j += 1
                while j < end, head[j] == 0x20 || head[j] == UInt8(ascii: "\"") || head[j] == UInt8(ascii: "'") {
                    j += 1
                }
                var nameEnd = j
                while nameEnd < end, head[nameEnd] != UInt8(ascii: "\""), head[nameEnd] != UInt8(ascii: "'"),
                    head[nameEnd] != 0x20, head[nameEnd] != UInt8(ascii: ";"), head[nameEnd] != UInt8(ascii: "/")
                {
                    nameEnd += 1
                }
                guard nameEnd > j else { break }
                return String(decoding: head[j..<nameEnd], as: UTF8.self).lowercased()
            }
            i = end
        }
        return nil
    }

    /// IANA-ish normalisation, and the WHATWG rule that latin-1 and ascii labels mean windows-1252.
    static func normalize(_ name: String) -> String {
        let lower = name.lowercased().trimmed
        switch lower {
        case "utf8", "utf-8", "unicode-1-1-utf-8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252",
            "x-cp1252":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "cp936": return "gbk"
        case "sjis", "shift-jis", "x-sjis", "ms_kanji": return "shift_jis"
        default: return lower
        }
    }

    /// Converts bytes to UTF-8 with iconv; invalid sequences are skipped. Nil when iconv does not know `charset`.
    static func convert(_ bytes: UnsafeBufferPointer<UInt8>, from charset: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", charset.uppercased())
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var produced = 0
        var input = Array(bytes)
        input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                guard let inBase = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                    let outBase = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = inBase
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBase
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    if iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { break }
                    guard errno == EILSEQ || errno == EINVAL, inLeft > 0 else { break }
                    inPointer = inPointer.map { $0 + 1 }  // skip one undecodable byte and go on
                    inLeft -= 1
                }
                produced = outBuffer.count - outLeft
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    // MARK: Stripping

    /// Elements whose whole content is cut out before parsing.
    private static let cutElements: [[UInt8]] = ["script", "style", "noscript", "template", "svg", "math"].map {
        Array($0.utf8)
    }
    /// Index in `cutElements` of the first foreign element (`svg`, `math`), whose `<x/>` closes itself.
    private static let firstForeignElement = 4

    /// Copies `input` without comments and without the content of script-like elements; JSON-LD script bodies go
    /// to `jsonLD`. A cut element keeps its (empty) tags so that the tree still shows where it was.
    /// Stops soon after `limit` bytes of output (the caller cuts what is over).
    static func strip(_ bytes: UnsafeBufferPointer<UInt8>, jsonLD: inout [String], limit: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(bytes.count / 2, limit) + 1024)
        do {
            let n = bytes.count
            var copyFrom = 0
            var i = 0
            var keptRanges: [Range<Int>] = []
            keptRanges.reserveCapacity(16)
            let firstBytes = FirstByteSet.attributeNames
            var preDepth = 0
            // Where the last tag ended (just after its '>'; -1 when unknown), and whether it was a block.
            var lastTagEnd = -1
            var lastWasBlock = false
            while i < n, output.count + (i - copyFrom) <= limit {
                // Next '<'.
                guard let lt = nextLessThan(bytes, from: i) else { break }
                i = lt
                let name = TagName(bytes, at: lt)
                let isBlock = name.kind.contains(.block)
                if preDepth == 0 {
                    blankRun(
                        bytes, before: lt, dropAfter: lastWasBlock && isBlock ? lastTagEnd : -1, output: &output,
                        copyFrom: &copyFrom)
                }
                if name.kind.contains(.pre) { preDepth = max(0, preDepth + (name.isEnd ? -1 : 1)) }
                lastTagEnd = -1
                lastWasBlock = isBlock
                if lt + 3 < n, bytes[lt + 1] == UInt8(ascii: "!"), bytes[lt + 2] == UInt8(ascii: "-"),
                    bytes[lt + 3] == UInt8(ascii: "-")
                {
                    // Comment: cut through the next "-->" (or the end).
                    output.append(contentsOf: bytes[copyFrom..<lt])
                    let end = find(bytes, "-->", from: lt + 4).map { $0 + 3 } ?? n
                    i = end
                    copyFrom = end
                    continue
                }
                if lt + 1 < n, bytes[lt + 1] == UInt8(ascii: "/") {
                    // An end tag: skipped whole (to know where it ends) unless another '<' comes first.
                    var k = lt + 2
                    while k < n, bytes[k] != UInt8(ascii: ">"), bytes[k] != UInt8(ascii: "<") { k += 1 }
                    if k < n, bytes[k] == UInt8(ascii: ">") {
                        i = k + 1
                        lastTagEnd = i
                    } else {
                        i = lt + 1
                    }
                    continue
                }
                guard let element = name.kind.cutElement else {
                    if let next = rewriteStartTag(
                        bytes, at: lt, tag: name.kind.tagClass, output: &output, copyFrom: &copyFrom,
                        keptRanges: &keptRanges, firstBytes: firstBytes)
                    {
                        i = next
                        lastTagEnd = next
                    } else {
                        i += 1
                    }
                    continue
                }
                // Find the end of the start tag, then the matching close tag.
                guard let tagEnd = findByte(bytes, UInt8(ascii: ">"), from: lt + 1) else { break }
                if element >= firstForeignElement, bytes[tagEnd - 1] == UInt8(ascii: "/") {
                    // `<svg/>`: foreign elements close themselves; nothing to cut.
                    i = tagEnd + 1
                    continue
                }
                let closing = findCloseTag(bytes, element, from: tagEnd + 1) ?? n
                if element == 0, isJSONLD(bytes[lt...tagEnd]) {
                    jsonLD.append(String(decoding: bytes[(tagEnd + 1)..<closing], as: UTF8.self))
                }
                // The start tag without its attributes: nothing reads them.
                output.append(contentsOf: bytes[copyFrom..<lt])
                output.append(UInt8(ascii: "<"))
                output.append(contentsOf: cutElements[element])
                output.append(UInt8(ascii: ">"))
                i = closing
                copyFrom = closing
            }
            output.append(contentsOf: bytes[copyFrom..<min(n, copyFrom + max(0, limit + 1 - output.count))])
        }
        return output
    }

    /// The white space just before a `<` (indentation between tags, mostly): dropped when it is all there is
    /// between two block tags (it starts at `dropAfter`, where the block tag before it ended), else collapsed to
    /// one byte, a line break if it holds one, else a space. Everything downstream collapses white space outside
    /// `<pre>` and ends paragraphs at blocks anyway; libxml2 reads text one character at a time, and every blank
    /// text node is a node to build and walk.
    @inline(__always) private static func blankRun(
        _ bytes: UnsafeBufferPointer<UInt8>, before lt: Int, dropAfter: Int, output: inout [UInt8],
        copyFrom: inout Int
    ) {
        guard lt > copyFrom, isTagSpace(bytes[lt - 1]) else { return }
        var start = lt - 1
        while start > copyFrom, isTagSpace(bytes[start - 1]) { start -= 1 }
        if start == dropAfter {
            output.append(contentsOf: bytes[copyFrom..<start])
            copyFrom = lt
            return
        }
        guard lt - start >= 2 else { return }
        var hasLineBreak = false
        for k in start..<lt where bytes[k] == 0x0A {
            hasLineBreak = true
            break
        }
        output.append(contentsOf: bytes[copyFrom..<start])
        output.append(hasLineBreak ? 0x0A : 0x20)
        copyFrom = lt
    }

    /// What the stripper needs to know about a tag name, looked up once per tag.
    struct TagKind: OptionSet {
        let rawValue: UInt16

        /// A block (or a tag of the head, or a cut element): white space between two of them means nothing.
        static let block = TagKind(rawValue: 1 << 0)
        /// `pre`: white space inside is kept.
        static let pre = TagKind(rawValue: 1 << 1)
        /// `<link>`, `<iframe>`/`<embed>`/`<object>`, `<meta>`, `<html>` (see `TagClass`), in bits 2–4.
        static let classShift: UInt16 = 2
        /// 1 + the index in `cutElements`, in bits 5–7; 0 for other names.
        static let cutShift: UInt16 = 5

        /// The element whose content is cut, as an index in `cutElements`.
        var cutElement: Int? {
            let value = Int(rawValue >> Self.cutShift) & 7
            return value == 0 ? nil : value - 1
        }

        var tagClass: TagClass {
            switch (rawValue >> Self.classShift) & 7 {
            case 1: return .link
            case 2: return .embed
            case 3: return .meta
            case 4: return .html
            default: return .other
            }
        }

        /// Kinds by name (lower-case).
        static let byName: [String: TagKind] = {
            var kinds: [String: TagKind] = [:]
            for name in [
                "html", "head", "body", "title", "meta", "link", "base", "script", "style", "noscript", "template",
                "div", "p", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table",
                "thead", "tbody", "tfoot", "tr", "caption", "colgroup", "col", "section", "article", "header",
                "footer", "nav", "aside", "main", "figure", "form", "fieldset", "legend", "address", "details",
                "summary", "dialog", "menu", "center", "hgroup", "pre", "option", "select",
            ] {
                kinds[name, default: []].insert(.block)
            }
            kinds["pre", default: []].insert(.pre)
            for (name, tagClass) in [("link", 1), ("iframe", 2), ("embed", 2), ("object", 2), ("meta", 3), ("html", 4)]
            {
                kinds[name, default: []].formUnion(TagKind(rawValue: UInt16(tagClass) << classShift))
            }
            for (index, name) in cutElements.enumerated() {
                kinds[String(decoding: name, as: UTF8.self), default: []].formUnion(
                    TagKind(rawValue: UInt16(index + 1) << cutShift))
            }
            return kinds
        }()

        /// `byName` packed for lookup: names of up to eight bytes as integers (see `TagName`), open addressing; 0 is
        /// an empty slot.
        static let keys: [UInt64] = packed.keys
        /// The kinds, slot by slot.
        static let kinds: [TagKind] = packed.kinds

        private static var packed: (keys: [UInt64], kinds: [TagKind]) {
            var keys = [UInt64](repeating: 0, count: 256)
            var kinds = [TagKind](repeating: [], count: 256)
            for (name, kind) in byName {
                let key = name.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                var slot = TagName.slot(key)
                while keys[slot] != 0 { slot = (slot + 1) & 255 }
                keys[slot] = key
                kinds[slot] = kind
            }
            return (keys, kinds)
        }
    }

    /// The name of the tag at a `<`: start or end, and its kind (empty for names of more than eight bytes, names
    /// followed by anything but white space, `>` or `/`, and whatever is not a tag).
    struct TagName {
        var isEnd = false
        var kind: TagKind = []

        @inline(__always) static func slot(_ key: UInt64) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
        }

        @inline(__always) init(_ bytes: UnsafeBufferPointer<UInt8>, at lt: Int) {
            var j = lt + 1
            let n = bytes.count
            if j < n, bytes[j] == UInt8(ascii: "/") {
                isEnd = true
                j += 1
            }
            var key: UInt64 = 0
            let start = j
            while j < n, j - start < 9 {
                let byte = bytes[j]
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    key = key << 8 | UInt64(lower)
                } else if byte >= 0x31 && byte <= 0x36 && j - start == 1 {
                    key = key << 8 | UInt64(byte)
                } else {
                    break
                }
                j += 1
            }
            guard j > start, j - start <= 8, j < n else { return }
            let after = bytes[j]
            guard HTMLInput.isTagSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/") else {
                return
            }
            var slot = Self.slot(key)
            while true {
                let entry = TagKind.keys[slot]
                if entry == key {
                    kind = TagKind.kinds[slot]
                    return
                }
                if entry == 0 { return }
                slot = (slot + 1) & 255
            }
        }
    }

    /// Whether an attribute is worth parsing: only names the tree keeps (see `HTMLAttributeName`), and of those
    /// only the values something reads. The others are dropped here, before libxml2 spends time parsing and
    /// copying them (attribute values are the bytes it handles slowest): `src` outside embedded players, `href`
    /// outside `<link>` unless it is a fragment or an author page (a `<link>` keeps it when canonical, see
    /// `rewriteStartTag`), `style` unless it can hide the element, `name`/`property`/`http-equiv` outside `<meta>`,
    /// `lang` outside `<html>`. Returns the name when kept.
    private static func keptAttribute(
        _ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, value: Range<Int>, tag: TagClass,
        firstBytes: FirstByteSet
    ) -> HTMLAttributeName? {
        let length = name.count
        guard length > 0, length <= 32, firstBytes.contains(bytes[name.lowerBound] | 0x20),
            let code = lookupLowercased(bytes, name.lowerBound, length)
        else { return nil }
        switch code {
        case .src:
            return tag == .embed ? code : nil
        case .href:
            if tag == .link { return code }
            let href = UnsafeBufferPointer(rebasing: bytes[value])
            return (href.count > 1 && href[0] == UInt8(ascii: "#")) || linksToAuthorPage(href) ? code : nil
        case .name, .property, .httpEquiv:
            return tag == .meta ? code : nil
        case .lang:
            return tag == .html ? code : nil
        case .style:
            let style = UnsafeBufferPointer(rebasing: bytes[value])
            return HTMLTree.contains(style, "none") || HTMLTree.contains(style, "hidden") ? code : nil
        default:
            return code
        }
    }

    /// `BylineFinder.linksToAuthorPage`, jumping from slash to slash with `memchr` (it runs on every link).
    private static func linksToAuthorPage(_ href: UnsafeBufferPointer<UInt8>) -> Bool {
        var from = 0
        while let slash = findByte(href, UInt8(ascii: "/"), from: from) {
            // The longest segment it looks for is "/journalist".
            let window = UnsafeBufferPointer(rebasing: href[slash..<min(href.count, slash + 12)])
            if BylineFinder.linksToAuthorPage(window) { return true }
            from = slash + 1
        }
        return false
    }

    /// What a start tag's name says about which attribute values matter.
    enum TagClass {
        /// `<link>`: its `href` is read when it is the canonical URL.
        case link
        /// `<iframe>`, `<embed>`, `<object>`: their `src` says whether they are a video player.
        case embed
        /// `<meta>`: its keys (`name`, `property`, `http-equiv`) are read.
        case meta
        /// `<html>`: its `lang` is the page's language.
        case html
        case other
    }

    /// A set of bytes (the first letters of the kept attribute names), to reject most names with one test.
    struct FirstByteSet {
        private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// The first bytes (ASCII letters lower-cased) of `HTMLAttributeName`'s names.
        static let attributeNames: FirstByteSet = {
            var set = FirstByteSet()
            for name in HTMLAttributeName.byName.keys {
                if let first = name.utf8.first { set.insert(first | 0x20) }
            }
            return set
        }()

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }

        @inline(__always) func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return bits.0 & bit != 0
            case 1: return bits.1 & bit != 0
            case 2: return bits.2 & bit != 0
            default: return bits.3 & bit != 0
            }
        }
    }

    /// Looks an attribute name up in `HTMLAttributeName`'s table, ASCII letters lower-cased.
    private static func lookupLowercased(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int
    ) -> HTMLAttributeName? {
        guard let base = bytes.baseAddress,
            let raw = HTMLAttributeName.byteTable.lookupLowercasing(base + start, count: length)
        else { return nil }
        return HTMLAttributeName(rawValue: UInt8(truncatingIfNeeded: raw))
    }

    @inline(__always) private static func isTagSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// At a start tag (`<` and a letter), copies it to `output` without the attributes not worth parsing (see
    /// `keptAttribute`) and returns the index after it. Returns nil, changing nothing, for anything that does not
    /// parse plainly (an unterminated quote, a `<` inside the tag): libxml2 then sees those bytes as they are. A tag
    /// that loses no attribute is left in place (only skipped, so that a `<` inside a quoted value is not taken for
    /// a tag).
    private static func rewriteStartTag(
        _ bytes: UnsafeBufferPointer<UInt8>, at lt: Int, tag: TagClass, output: inout [UInt8], copyFrom: inout Int,
        keptRanges: inout [Range<Int>], firstBytes: FirstByteSet
    ) -> Int? {
        let n = bytes.count
        var j = lt + 1
        guard j < n, (bytes[j] | 0x20) >= 0x61, (bytes[j] | 0x20) <= 0x7A else { return nil }
        while j < n, !isTagSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/"),
            bytes[j] != UInt8(ascii: "<")
        {
            j += 1
        }
        let nameEnd = j
        keptRanges.removeAll(keepingCapacity: true)
        var dropped = false
        var linkHref: Int?  // index in keptRanges of a `<link>`'s href
        var canonical = false
        var close = -1  // index of the closing '>'
        var selfClosing = false
        while true {
            while j < n, isTagSpace(bytes[j]) { j += 1 }
            guard j < n else { return nil }
            let byte = bytes[j]
            if byte == UInt8(ascii: ">") {
                close = j
                break
            }
            if byte == UInt8(ascii: "/") {
                if j + 1 < n, bytes[j + 1] == UInt8(ascii: ">") {
                    close = j + 1
                    selfClosing = true
                    break
                }
                j += 1
                continue
            }
            if byte == UInt8(ascii: "<") { return nil }
            let nameStart = j
            while j < n, !isTagSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"),
                bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: "<")
            {
                j += 1
            }
            let attributeNameEnd = j
            guard attributeNameEnd > nameStart else { return nil }
            var value = j..<j
            var k = j
            while k < n, isTagSpace(bytes[k]) { k += 1 }
            if k < n, bytes[k] == UInt8(ascii: "=") {
                k += 1
                while k < n, isTagSpace(bytes[k]) { k += 1 }
                guard k < n else { return nil }
                let quote = bytes[k]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let closing = findByte(bytes, quote, from: k + 1) else { return nil }
                    value = (k + 1)..<closing
                    j = closing + 1
                } else {
                    let valueStart = k
                    while k < n, !isTagSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                    value = valueStart..<k
                    j = k
                }
            }
            if let kept = keptAttribute(
                bytes, name: nameStart..<attributeNameEnd, value: value, tag: tag, firstBytes: firstBytes)
            {
                if tag == .link {
                    if kept == .href { linkHref = keptRanges.count }
                    if kept == .rel, HTMLTree.contains(UnsafeBufferPointer(rebasing: bytes[value]), "canonical") {
                        canonical = true
                    }
                }
                keptRanges.append(nameStart..<j)
            } else {
                dropped = true
            }
        }
        if let linkHref, !canonical {
            keptRanges.remove(at: linkHref)
            dropped = true
        }
        if dropped {
            output.append(contentsOf: bytes[copyFrom..<nameEnd])
            for range in keptRanges {
                output.append(0x20)
                output.append(contentsOf: bytes[range])
            }
            if selfClosing { output.append(UInt8(ascii: "/")) }
            output.append(UInt8(ascii: ">"))
            copyFrom = close + 1
        }
        return close + 1
    }

    /// Index of the next `<` from `from`.
    private static func nextLessThan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(UInt8(ascii: "<")), bytes.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Index of the next `byte` from `from`.
    private static func findByte(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Index of the next occurrence of `needle` from `from`.
    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let first = needle.utf8Start[0]
        var i = from
        while let hit = findByte(bytes, first, from: i) {
            if hit + needle.utf8CodeUnitCount > bytes.count { return nil }
            var match = true
            for k in 1..<needle.utf8CodeUnitCount where bytes[hit + k] != needle.utf8Start[k] {
                match = false
                break
            }
            if match { return hit }
            i = hit + 1
        }
        return nil
    }

    /// Position of `</name` (case-insensitive) after `from`.
    private static func findCloseTag(_ bytes: UnsafeBufferPointer<UInt8>, _ element: Int, from: Int) -> Int? {
        let name = cutElements[element]
        var i = from
        while let lt = nextLessThan(bytes, from: i) {
            if lt + 2 + name.count <= bytes.count, bytes[lt + 1] == UInt8(ascii: "/") {
                var match = true
                for k in 0..<name.count where bytes[lt + 2 + k] | 0x20 != name[k] {
                    match = false
                    break
                }
                if match { return lt }
            }
            i = lt + 1
        }
        return nil
    }

    /// Whether a script start tag says `application/ld+json` (ASCII case-insensitive).
    private static func isJSONLD(_ tag: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let needle: StaticString = "application/ld+json"
        let length = needle.utf8CodeUnitCount
        guard tag.count >= length else { return false }
        var i = tag.startIndex
        while i + length <= tag.endIndex {
            var k = 0
            while k < length, tag[i + k] | 0x20 == needle.utf8Start[k] | 0x20 { k += 1 }
            if k == length { return true }
            i += 1
        }
        return false
    }
}
