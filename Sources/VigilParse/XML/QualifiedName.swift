/// An element's name as the feed readers match it: canonical namespace URI (nil for none) and lower-cased
/// local name. Feeds vary the case of element names (`pubdate`, `TiTlE`) and readers tolerate it.
struct QualifiedName: Equatable {
    /// The canonical namespace URI, or nil for no namespace.
    var namespace: String?
    /// The local name, lower-cased.
    var local: String

    /// The name of `element`; an undeclared `prefix:name` is read through the well-known prefixes.
    init(_ element: XMLElementRef) {
        let name = element.name
        if let uri = element.namespaceURI {
            namespace = uri.isEmpty ? nil : XMLNamespace.canonical(uri)
            local = name.lowercased()
        } else if let colon = name.firstIndex(of: ":") {
            let prefix = name[..<colon].lowercased()
            namespace = XMLNamespace.wellKnownPrefixes[prefix] ?? "urn:vigil:undeclared:" + prefix
            local = name[name.index(after: colon)...].lowercased()
        } else {
            namespace = nil
            local = name.lowercased()
        }
    }
}
