/// The names a site goes by (`og:site_name`, the JSON-LD publisher and organisations, application names, the host
/// and its main label), kept as comparison keys, to tell a site's name from a title or an author.
struct SiteNames: Sendable {
    /// The key of each name, without repeats.
    let keys: [TextKey]

    init(_ names: [String]) {
        var keys: [TextKey] = []
        for name in names {
            let key = TextKey(name)
            if key.count >= 2, !keys.contains(key) { keys.append(key) }
        }
        self.keys = keys
    }

    /// The names of a page: its metadata's and its URLs' hosts (whole, and the label before the public suffix:
    /// "spiegel" for www.spiegel.de, "bbc" for www.bbc.co.uk).
    init(scan: MetadataScan, ld: JSONLDMetadata, urls: [String?]) {
        var names = ld.siteNames
        for key in ["og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site", "publisher"] {
            names += scan.metas(key).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        }
        // Some pages put the article's title in these fields: a name of more than six words, or one equal to the
        // title, is not the site's.
        let titles = [scan.meta("og:title"), ld.article?.headline].compactMap { $0 }
        names.removeAll { name in MetadataText.wordCount(name) > 6 || titles.contains(name) }
        for url in urls {
            guard let url, var labels = Self.hostLabels(url) else { continue }
            if labels.first == "www" || labels.first == "m" || labels.first == "amp" { labels.removeFirst() }
            names.append(labels.joined(separator: "."))
            if labels.count >= 2 {
                let secondLevel: Set<Substring> = ["co", "com", "org", "net", "gov", "ac", "edu"]
                let index =
                    labels.count >= 3 && secondLevel.contains(labels[labels.count - 2])
                    ? labels.count - 3 : labels.count - 2
                names.append(String(labels[index]))
            }
        }
        self.init(names)
    }

    /// The dot-separated labels of an http(s) URL's host, lower-cased.
    private static func hostLabels(_ url: String) -> [Substring]? {
        let bytes = Array(url.utf8.prefix(300))
        var start = 0
        while start + 2 < bytes.count,
            !(bytes[start] == UInt8(ascii: ":") && bytes[start + 1] == UInt8(ascii: "/")
                && bytes[start + 2] == UInt8(ascii: "/"))
        {
            start += 1
        }
        guard start + 3 < bytes.count else { return nil }
        var host: [UInt8] = []
        for byte in bytes[(start + 3)...] {
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "#")
            {
                break
            }
            host.append(HTMLTree.lower(byte))
        }
        guard !host.isEmpty else { return nil }
        return String(decoding: host, as: UTF8.self).split(separator: ".")
    }

    /// Whether a name is the site's: equal to one of its names, or one of them with a little more ("Spiegel
    /// Online" for "spiegel").
    func isSite(_ name: String) -> Bool {
        let key = TextKey(name)
        guard !key.isEmpty else { return false }
        for site in keys {
            if key == site { return true }
            if site.count >= 4, key.hasPrefix(site), key.count < site.count + 8 { return true }
        }
        return false
    }

    /// Whether a title segment is the site's name: equal to one, contained in one ("AOC media" in "AOC media -
    /// Analyse Opinion Critique"), or a short segment that starts or ends with one ("BBC News" for host "bbc").
    func isSiteSegment(_ segment: String, key: TextKey? = nil) -> Bool {
        let key = key ?? TextKey(segment)
        guard !key.isEmpty else { return true }
        for site in keys {
            if key == site { return true }
            if key.count >= 3, site.contains(key) { return true }
            if site.count >= 4, key.hasPrefix(site) || key.hasSuffix(site), MetadataText.wordCount(segment) <= 4 {
                return true
            }
        }
        return false
    }
}
