/// Namespace URIs Vigil's feed parsers recognise.
enum XMLNamespace {
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let media = "http://search.yahoo.com/mrss/"

    /// Namespaces whose elements are RSS core elements (besides no namespace at all).
    static let rssCore: Set<String> = [
        rss10, rss090, "http://backend.userland.com/rss2", "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/net/rss1.1#",
    ]

    /// Namespaces for prefixes that feeds use without declaring them.
    static let wellKnownPrefixes: [String: String] = [
        "atom": atom10, "dc": dc, "dcterms": dcterms, "content": content, "itunes": itunes, "media": media,
        "xhtml": xhtml, "rdf": rdf,
    ]

    /// Canonical form of a namespace URI for comparison: iTunes' URI is written in many casings.
    static func canonical(_ uri: String) -> String {
        let lowered = uri.lowercased()
        if lowered == itunes || lowered == "http://www.itunes.com/dtds/podcast-1.0.dtd/" { return itunes }
        if lowered == "http://purl.org/rss/1.0/modules/content" { return content }
        if lowered == "http://search.yahoo.com/mrss" { return media }
        if lowered == "http://purl.org/dc/elements/1.1" { return dc }
        return uri
    }
}
