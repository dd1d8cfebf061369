/// The vocabulary an element belongs to, from its namespace, as the feed readers dispatch on it.
enum FeedModule {
    case core, atom, dc, dcterms, content, xhtml, itunes, media, rdf, other

    /// The module of a name in an RSS document: no namespace and the RSS namespaces are core.
    /// `rootNamespace` (the namespace of the document's root, whatever it is) counts as core too.
    static func rss(_ name: QualifiedName, rootNamespace: String? = nil) -> FeedModule {
        guard let namespace = name.namespace else { return .core }
        if XMLNamespace.rssCore.contains(namespace) || namespace == rootNamespace { return .core }
        return extensionModule(namespace)
    }

    /// The module of a name in an Atom document: no namespace and the Atom namespaces are core.
    /// `rootNamespace` (the namespace of the document's root, whatever it is) counts as core too.
    static func atom(_ name: QualifiedName, rootNamespace: String? = nil) -> FeedModule {
        guard let namespace = name.namespace else { return .core }
        if namespace == XMLNamespace.atom10 || namespace == XMLNamespace.atom03 || namespace == rootNamespace {
            return .core
        }
        return extensionModule(namespace)
    }

    private static func extensionModule(_ namespace: String) -> FeedModule {
        switch namespace {
        case XMLNamespace.atom10, XMLNamespace.atom03: .atom
        case XMLNamespace.dc: .dc
        case XMLNamespace.dcterms: .dcterms
        case XMLNamespace.content: .content
        case XMLNamespace.xhtml: .xhtml
        case XMLNamespace.itunes: .itunes
        case XMLNamespace.media: .media
        case XMLNamespace.rdf: .rdf
        default: .other
        }
    }
}
