import CLibXML2
import Foundation

/// A document parsed by libxml2 with Vigil's safe options, owning the tree until it is released.
///
/// Not `Sendable`: it lives inside one parse call on one thread.
final class LibXMLDocument {
    /// Options for every XML parse: recover from errors, never touch the network, collect errors through the
    /// per-context handler instead of printing them, keep line numbers above 65535. Never `NOENT`, `DTDLOAD`,
    /// `DTDATTR` or `HUGE`: entities stay references (expanded later under a budget) and no DTD is read.
    static let xmlOptions: Int32 = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Options for HTML fragments (libxml2's HTML parser), with the same safety as `xmlOptions`.
    static let htmlOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)

    /// The tree; freed in `deinit`.
    let doc: xmlDocPtr
    /// Whether libxml2 parsed the bytes without a well-formedness error.
    let wellFormed: Bool
    /// Errors libxml2 reported, as `line N: message`, the first few only.
    let problems: [String]
    /// The line of the first error libxml2 reported, when it gave one.
    let firstErrorLine: Int?

    private init(doc: xmlDocPtr, wellFormed: Bool, problems: [String], firstErrorLine: Int?) {
        self.doc = doc
        self.wellFormed = wellFormed
        self.problems = problems
        self.firstErrorLine = firstErrorLine
    }

    deinit { xmlFreeDoc(doc) }

    /// The root element, if the parser recovered one.
    var root: XMLElementRef? {
        xmlDocGetRootElement(doc).map(XMLElementRef.init)
    }

    /// Parses XML bytes. `encoding`, when given, overrides the document's own declaration.
    /// Returns nil only when libxml2 produced no tree at all; `problems` then says why.
    static func parseXML(_ bytes: [UInt8], encoding: String?) -> (document: LibXMLDocument?, problems: [String]) {
        var options = xmlOptions
        if encoding != nil { options |= Int32(XML_PARSE_IGNORE_ENC.rawValue) }
        return parse(bytes, encoding: encoding, options: options, html: false)
    }

    /// Parses an HTML fragment or page with libxml2's HTML parser (UTF-8 unless `encoding` says otherwise).
    static func parseHTML(_ bytes: [UInt8], encoding: String? = "UTF-8") -> LibXMLDocument? {
        parse(bytes, encoding: encoding, options: htmlOptions, html: true).document
    }

    private static func parse(
        _ bytes: [UInt8], encoding: String?, options: Int32, html: Bool
    ) -> (document: LibXMLDocument?, problems: [String]) {
        XMLRuntime.initialize()
        XMLRuntime.silenceThreadErrors()
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return (nil, ["document is empty or too large"]) }
        let context: xmlParserCtxtPtr? = html ? htmlNewParserCtxt() : xmlNewParserCtxt()
        guard let context else { return (nil, ["libxml2 could not allocate a parser"]) }
        defer { html ? htmlFreeParserCtxt(context) : xmlFreeParserCtxt(context) }

        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.serror = collectError

        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                html
                    ? htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, encoding, options)
                    : xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, encoding, options)
            }
        }
        context.pointee._private = nil
        guard let doc else { return (nil, collector.summary) }
        let wellFormed = context.pointee.wellFormed != 0
        let document = LibXMLDocument(
            doc: doc, wellFormed: wellFormed, problems: collector.summary, firstErrorLine: collector.firstLine)
        return (document, collector.summary)
    }
}

/// Gathers the errors of one parse; reached from the C callback through the parser context's `_private`.
private final class ErrorCollector {
    static let kept = 10
    var messages: [String] = []
    var dropped = 0
    var firstLine: Int?
    var lastMessage: String?

    func add(line: Int, message: String) {
        if firstLine == nil, line > 0 { firstLine = line }
        guard messages.count < Self.kept else {
            dropped += 1
            return
        }
        let text = message.trimmed
        // libxml2 repeats some errors once per entity reference; keep one of a run.
        guard text != lastMessage else {
            dropped += 1
            return
        }
        lastMessage = text
        messages.append(line > 0 ? "line \(line): \(text)" : text)
    }

    var summary: [String] {
        dropped > 0 ? messages + ["\(dropped) more XML errors"] : messages
    }
}

/// The per-context structured error handler: libxml2 passes the parser context as `userData` (and in the
/// error), so concurrent parses on other threads never see each other's errors.
private let collectError: xmlStructuredErrorFunc = { userData, error in
    guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    guard let raw = error.pointee.ctxt ?? userData else { return }
    let context = raw.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let owner = context.pointee._private else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(owner).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
    collector.add(line: Int(error.pointee.line), message: message)
}
