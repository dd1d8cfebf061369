import CLibXML2

/// Reading text and markup out of a libxml2 tree, expanding internal entities within a budget.
enum XMLText {
    /// HTML elements that never have content, serialised as `<br />`.
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Appends the text of a sibling list (and of its descendants) to `text`.
    static func appendText(of first: xmlNodePtr?, to text: inout String, budget: ExpansionBudget, depth: Int) {
        guard depth < XMLElementRef.maxDepth else { return }
        var node = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    guard budget.take(Int(xmlStrlen(content))) else { return }
                    text += String(cString: content)
                }
            case XML_ENTITY_REF_NODE:
                appendEntity(current, budget: budget, depth: depth) { children in
                    appendText(of: children, to: &text, budget: budget, depth: depth + 1)
                } raw: { raw in
                    text += raw
                }
            case XML_ELEMENT_NODE:
                appendText(of: current.pointee.children, to: &text, budget: budget, depth: depth + 1)
            default:
                break
            }
            if budget.exhausted { return }
            node = current.pointee.next
        }
    }

    /// Appends a sibling list serialised as XHTML-compatible HTML: XHTML elements by local name, other
    /// namespaces (MathML, SVG) with their declarations, void elements as `<br />`; comments and processing
    /// instructions dropped.
    static func appendMarkup(of first: xmlNodePtr?, to markup: inout String, budget: ExpansionBudget, depth: Int) {
        guard depth < XMLElementRef.maxDepth else { return }
        var node = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let escaped = escape(String(cString: content), quotes: false)
                    guard budget.take(escaped.utf8.count) else { return }
                    markup += escaped
                }
            case XML_ENTITY_REF_NODE:
                appendEntity(current, budget: budget, depth: depth) { children in
                    appendMarkup(of: children, to: &markup, budget: budget, depth: depth + 1)
                } raw: { raw in
                    markup += escape(raw, quotes: false)
                }
            case XML_ELEMENT_NODE:
                appendElement(current, to: &markup, budget: budget, depth: depth)
            default:
                break
            }
            if budget.exhausted { return }
            node = current.pointee.next
        }
    }

    private static func appendElement(
        _ element: xmlNodePtr, to markup: inout String, budget: ExpansionBudget, depth: Int
    ) {
        let local = element.pointee.name.map { String(cString: $0) } ?? "div"
        var name = local
        let href = element.pointee.ns?.pointee.href.map { String(cString: $0) }
        if href != nil, href != XMLNamespace.xhtml, let prefix = element.pointee.ns?.pointee.prefix {
            name = String(cString: prefix) + ":" + local
        }
        var open = "<" + name
        var definition = element.pointee.nsDef
        while let current = definition {
            let uri = current.pointee.href.map { String(cString: $0) } ?? ""
            if uri != XMLNamespace.xhtml {
                let prefix = current.pointee.prefix.map { ":" + String(cString: $0) } ?? ""
                open += " xmlns" + prefix + "=\"" + escape(uri, quotes: true) + "\""
            }
            definition = current.pointee.next
        }
        var attr = element.pointee.properties
        while let current = attr {
            if let rawName = current.pointee.name {
                var attrName = String(cString: rawName)
                if let ns = current.pointee.ns {
                    if let href = ns.pointee.href, String(cString: href) == XMLNamespace.xml {
                        attrName = "xml:" + attrName
                    } else if let prefix = ns.pointee.prefix {
                        attrName = String(cString: prefix) + ":" + attrName
                    }
                }
                var value = ""
                appendText(of: current.pointee.children, to: &value, budget: budget, depth: depth + 1)
                open += " " + attrName + "=\"" + escape(value, quotes: true) + "\""
            }
            attr = current.pointee.next
        }
        let isVoid = element.pointee.children == nil && voidElements.contains(local.lowercased())
        open += isVoid ? " />" : ">"
        guard budget.take(open.utf8.count) else { return }
        markup += open
        guard !isVoid else { return }
        appendMarkup(of: element.pointee.children, to: &markup, budget: budget, depth: depth + 1)
        let close = "</" + name + ">"
        guard budget.take(close.utf8.count) else { return }
        markup += close
    }

    /// Follows an entity reference: into the entity's parsed content when libxml2 built it, else its raw
    /// replacement text.
    private static func appendEntity(
        _ reference: xmlNodePtr, budget: ExpansionBudget, depth: Int,
        children: (xmlNodePtr?) -> Void, raw: (String) -> Void
    ) {
        guard depth + 1 < XMLElementRef.maxDepth, let declaration = reference.pointee.children,
            declaration.pointee.type == XML_ENTITY_DECL
        else { return }
        if let content = declaration.pointee.children {
            children(content)
            return
        }
        let entity = UnsafeMutableRawPointer(declaration).assumingMemoryBound(to: xmlEntity.self)
        guard let content = entity.pointee.content, budget.take(Int(xmlStrlen(content))) else { return }
        raw(String(cString: content))
    }

    /// Escapes text for HTML: `&`, `<`, `>` always, `"` inside attribute values.
    static func escape(_ text: String, quotes: Bool) -> String {
        let needs = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (quotes && byte == UInt8(ascii: "\""))
        }
        guard needs else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
