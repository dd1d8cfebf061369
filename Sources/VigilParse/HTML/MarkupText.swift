import CLibXML2

/// Turns an HTML fragment (an item's summary or content) into readable plain text.
public enum MarkupText {
    /// Elements whose content is never text a reader sees.
    private static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "applet", "svg",
        "math", "select", "button",
    ]
    /// Elements that stand as their own paragraph: a blank line before and after.
    private static let paragraphs: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header",
        "footer", "aside", "nav", "main", "figure", "figcaption", "address", "table", "ul", "ol", "dl", "form",
        "fieldset", "details", "hr", "center",
    ]
    /// Elements that start a new line.
    private static let lines: Set<String> = ["br", "li", "tr", "dt", "dd", "summary", "caption", "option", "legend"]
    /// Table cells, separated by a space.
    private static let cells: Set<String> = ["td", "th"]

    /// Plain text of an HTML fragment: scripts and styles dropped, entities decoded, whitespace collapsed
    /// inside paragraphs, line breaks for `br`, `li` and the like, and paragraphs (`p`, `div`, headings…)
    /// separated by a blank line. Text with neither `<` nor `&` is only trimmed.
    public static func plainText(fromMarkup markup: String) -> String {
        let hasMarkup = markup.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
        guard hasMarkup else { return markup.trimmed }
        // The wrapper gives the fragment one parent, so leading text is kept whatever the fragment starts with.
        let wrapped = "<html><body>" + markup + "</body></html>"
        guard let document = LibXMLDocument.parseHTML(Array(wrapped.utf8)) else {
            return markup.trimmed
        }
        var writer = TextWriter()
        walk(document.doc.pointee.children, into: &writer, depth: 0, preformatted: false)
        return writer.text
    }

    private static func walk(_ first: xmlNodePtr?, into writer: inout TextWriter, depth: Int, preformatted: Bool) {
        guard depth < XMLElementRef.maxDepth else { return }
        var node = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    writer.write(String(cString: content), preformatted: preformatted)
                }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if dropped.contains(name) { break }
                let isParagraph = paragraphs.contains(name)
                let isLine = lines.contains(name)
                if isParagraph { writer.breakLine(blank: true) } else if isLine { writer.breakLine(blank: false) }
                if cells.contains(name) { writer.space() }
                walk(
                    current.pointee.children, into: &writer, depth: depth + 1,
                    preformatted: preformatted || name == "pre")
                if isParagraph {
                    writer.breakLine(blank: true)
                } else if name == "li" || name == "tr" {
                    writer.breakLine(blank: false)
                }
            default:
                break
            }
            node = current.pointee.next
        }
    }

    /// Accumulates text with collapsed whitespace and pending line breaks.
    private struct TextWriter {
        private(set) var text = ""
        /// 0: none, 1: new line, 2: blank line.
        private var pendingBreak = 0
        private var pendingSpace = false

        mutating func write(_ piece: String, preformatted: Bool) {
            for scalar in piece.unicodeScalars {
                if scalar == "\n", preformatted {
                    breakLine(blank: false)
                } else if scalar.properties.isWhitespace && scalar != "\u{A0}" {
                    pendingSpace = true
                } else {
                    flush()
                    text.unicodeScalars.append(scalar == "\u{A0}" ? " " : scalar)
                }
            }
        }

        mutating func space() { pendingSpace = true }

        mutating func breakLine(blank: Bool) {
            pendingBreak = max(pendingBreak, blank ? 2 : 1)
            pendingSpace = false
        }

        private mutating func flush() {
            if pendingBreak > 0 {
                if !text.isEmpty { text += pendingBreak == 2 ? "\n\n" : "\n" }
            } else if pendingSpace, !text.isEmpty {
                text += " "
            }
            pendingBreak = 0
            pendingSpace = false
        }
    }
}
