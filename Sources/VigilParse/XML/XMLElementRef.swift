import CLibXML2

/// A borrowed view of one element of a `LibXMLDocument`, valid while the document is alive.
struct XMLElementRef {
    /// The libxml2 node (type `XML_ELEMENT_NODE`).
    let node: xmlNodePtr

    /// Deepest element nesting followed when reading text or markup; libxml2 itself stops at 256.
    static let maxDepth = 512

    /// The local name as written (libxml2 keeps an undeclared `prefix:name` whole).
    var name: String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI, or the well-known namespace of an undeclared prefix (`atom:link` written without
    /// `xmlns:atom`), which feeds in the wild do and readers tolerate.
    var namespaceURI: String? {
        if let href = node.pointee.ns?.pointee.href { return String(cString: href) }
        return nil
    }

    /// The source line of the start tag (1-based; 0 when unknown).
    var line: Int {
        Int(xmlGetLineNo(node))
    }

    /// The element children, in document order.
    var children: [XMLElementRef] {
        var result: [XMLElementRef] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementRef(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// Whether the element has at least one element child.
    var hasElementChildren: Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// The value of an attribute by local name, in no namespace (or in `namespace` when given).
    /// Entity references inside the value are expanded within `budget`.
    func attribute(_ localName: String, namespace: String? = nil, budget: ExpansionBudget) -> String? {
        var attr = node.pointee.properties
        while let current = attr {
            defer { attr = current.pointee.next }
            guard let rawName = current.pointee.name, String(cString: rawName) == localName else { continue }
            let attrNamespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            guard attrNamespace == namespace else { continue }
            var text = ""
            XMLText.appendText(of: current.pointee.children, to: &text, budget: budget, depth: 0)
            return text
        }
        return nil
    }

    /// Every attribute as (namespace URI, local name, value), in document order.
    func attributes(budget: ExpansionBudget) -> [(namespace: String?, name: String, value: String)] {
        var result: [(namespace: String?, name: String, value: String)] = []
        var attr = node.pointee.properties
        while let current = attr {
            if let rawName = current.pointee.name {
                var text = ""
                XMLText.appendText(of: current.pointee.children, to: &text, budget: budget, depth: 0)
                let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
                result.append((namespace, String(cString: rawName), text))
            }
            attr = current.pointee.next
        }
        return result
    }

    /// The element's `xml:base`, if any.
    func xmlBase(budget: ExpansionBudget) -> String? {
        attribute("base", namespace: XMLNamespace.xml, budget: budget)
    }

    /// The element's `xml:lang`, if any.
    func xmlLang(budget: ExpansionBudget) -> String? {
        attribute("lang", namespace: XMLNamespace.xml, budget: budget)
    }

    /// All descendant text (character data, CDATA, expanded entities), untrimmed.
    func text(budget: ExpansionBudget) -> String {
        var text = ""
        XMLText.appendText(of: node.pointee.children, to: &text, budget: budget, depth: 0)
        return text
    }

    /// The element's content serialised as (X)HTML markup, without the element's own tags.
    func innerMarkup(budget: ExpansionBudget) -> String {
        var markup = ""
        XMLText.appendMarkup(of: node.pointee.children, to: &markup, budget: budget, depth: 0)
        return markup
    }
}
