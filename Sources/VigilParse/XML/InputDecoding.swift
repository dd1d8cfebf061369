import CLibXML2
import Foundation

/// Decides how the bytes of an XML document are decoded: byte-order mark first, then the HTTP charset (which
/// overrides the XML declaration), then the declaration itself (left to libxml2). UTF-16 and UTF-32 documents
/// are converted to UTF-8 here so the entity repair can work on ASCII-compatible bytes.
enum InputDecoding {
    /// Bytes ready for libxml2 and the encoding to force, if any.
    struct Prepared {
        /// ASCII-compatible document bytes, without a byte-order mark when one was consumed.
        var bytes: [UInt8]
        /// The encoding libxml2 must use, ignoring the XML declaration; nil lets libxml2 decide.
        var encoding: String?
        /// Problems met (an unknown charset, undecodable bytes).
        var problems: [String] = []
    }

    /// Prepares `data`, honouring the charset parameter of `contentType`.
    static func prepare(_ data: Data, contentType: String?) -> Prepared {
        let bytes = [UInt8](data)
        if let (wide, bomLength) = wideEncoding(of: bytes) {
            return transcode(bytes, from: wide, skipping: bomLength)
        }
        var body = bytes
        var bom = false
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body.removeFirst(3)
            bom = true
        }
        guard let charset = contentType.flatMap(charset(fromContentType:)) else {
            return Prepared(bytes: body, encoding: bom ? "UTF-8" : nil)
        }
        if bom { return Prepared(bytes: body, encoding: "UTF-8") }
        let lowered = charset.lowercased()
        if lowered.hasPrefix("utf-16") || lowered.hasPrefix("utf-32") || lowered.hasPrefix("ucs") {
            let encoding: String.Encoding =
                switch lowered {
                case "utf-16le": .utf16LittleEndian
                case "utf-32le": .utf32LittleEndian
                case "utf-32", "utf-32be": .utf32BigEndian
                default: .utf16BigEndian
                }
            return transcode(bytes, from: encoding, skipping: 0)
        }
        guard isKnownEncoding(charset) else {
            return Prepared(bytes: body, encoding: nil, problems: ["unknown charset \(charset) in Content-Type"])
        }
        return Prepared(bytes: body, encoding: charset)
    }

    /// The `charset` parameter of a `Content-Type` value, unquoted.
    static func charset(fromContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let charset = parts[1].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return charset.isEmpty ? nil : charset
        }
        return nil
    }

    /// A UTF-16/32 encoding recognised from a byte-order mark or from how `<?` or `<` is spelt.
    private static func wideEncoding(of bytes: [UInt8]) -> (String.Encoding, Int)? {
        guard bytes.count >= 4 else {
            if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
            if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
            return nil
        }
        let b = (bytes[0], bytes[1], bytes[2], bytes[3])
        switch b {
        case (0x00, 0x00, 0xFE, 0xFF): return (.utf32BigEndian, 4)
        case (0xFF, 0xFE, 0x00, 0x00): return (.utf32LittleEndian, 4)
        case (0xFE, 0xFF, _, _): return (.utf16BigEndian, 2)
        case (0xFF, 0xFE, _, _): return (.utf16LittleEndian, 2)
        case (0x00, 0x00, 0x00, 0x3C): return (.utf32BigEndian, 0)
        case (0x3C, 0x00, 0x00, 0x00): return (.utf32LittleEndian, 0)
        case (0x00, 0x3C, 0x00, _): return (.utf16BigEndian, 0)
        case (0x3C, 0x00, _, 0x00): return (.utf16LittleEndian, 0)
        default: return nil
        }
    }

    private static func transcode(_ bytes: [UInt8], from encoding: String.Encoding, skipping bom: Int) -> Prepared {
        let body = Data(bytes[min(bom, bytes.count)...])
        if let text = String(data: body, encoding: encoding) {
            return Prepared(bytes: Array(text.utf8), encoding: "UTF-8")
        }
        // Undecodable as a whole (odd length, lone surrogates): let libxml2 decode what it can.
        return Prepared(bytes: bytes, encoding: nil, problems: ["document bytes are not valid \(encoding)"])
    }

    private static func isKnownEncoding(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
