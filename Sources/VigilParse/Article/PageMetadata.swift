import Foundation
import VigilCore

/// A page's metadata, from JSON-LD, OpenGraph and `<meta>` tags, microdata, `<time>`, `<link rel=canonical>`,
/// `<html lang>`, the URL and the document itself.
///
/// Sources per field, most trusted first (the first that gives a usable value wins, except for the title, which is
/// reconciled across sources by `TitleResolver`):
/// - title: JSON-LD `headline`, `og:title`, `twitter:title`, `dc.title`, JSON-LD `name`, `<title>`, each with the
///   site name cut off, checked against the page's `h1` headings;
/// - author: JSON-LD `Person` authors; `author`, `article:author` (unless a URL), `byl`, `dc.creator`,
///   `parsely-author`, `sailthru.author`, `citation_author` metas (unless they name the site); the byline in the
///   page (`BylineFinder`); JSON-LD `Organization` authors; user names as a last resort;
/// - published: JSON-LD `datePublished`; `article:published_time`; microdata `datePublished`; `date`-like metas;
///   the `WebPage`'s `datePublished` and `dateCreated`; `<time datetime>` (the one marked as publication first); a
///   date in the URL; a written date in a `<time>` or in a date-classed element (`DateFinder`); the modification
///   date. A time given in UTC takes the offset another source writes the same instant with;
/// - modified: JSON-LD `dateModified`, `article:modified_time`, `og:updated_time`, microdata, `dcterms.modified`;
/// - language: `<html lang>`, `og:locale`, JSON-LD `inLanguage`, `content-language`;
/// - site name: `og:site_name`, JSON-LD publisher, `application-name`;
/// - canonical URL: `<link rel=canonical>`, `og:url`, JSON-LD `url`, made absolute against the page URL;
/// - summary: `og:description`, `description`, `twitter:description`, JSON-LD `description`.
struct PageMetadata: Sendable, Equatable {
    /// The article's headline, without the site's name.
    var title: String?
    /// Author names, joined with "; " when several.
    var author: String?
    /// When the article was first published.
    var published: Date?
    /// Seconds east of UTC the publication time was written in, when the page said; `published` in that zone
    /// gives the calendar date the page meant.
    var publishedUTCOffset: Int?
    /// When the article was last changed.
    var modified: Date?
    /// BCP 47 tag as the page declares it (`og:locale`'s underscore made a hyphen).
    var language: String?
    var siteName: String?
    /// Absolute http(s) URL.
    var canonicalURL: String?
    /// The page's own summary.
    var summary: String?
    /// JSON-LD `articleBody`, when the page carries one (a fallback for the main text), as plain paragraphs.
    var articleBody: String?
    /// JSON-LD blocks that could not be read, or only leniently.
    var problems: [String] = []

    /// Reads the metadata of a parsed page. `jsonLD` holds the bodies of its JSON-LD scripts (see `HTMLInput`);
    /// `url` is where the page came from, used to resolve relative links and as a last source of dates.
    static func extract(tree: HTMLTree, jsonLD: [String], url: String?) -> PageMetadata {
        var metadata = PageMetadata()
        let scan = MetadataScan(tree: tree)
        let ld = JSONLDMetadata(blocks: jsonLD)
        metadata.problems = ld.problems
        let article = ld.article

        metadata.language = firstValue([
            scan.htmlLanguage, scan.meta("og:locale").map { String($0.map { $0 == "_" ? "-" : $0 }) },
            article?.language, ld.page?.language, scan.meta("content-language"), scan.meta("dc.language"),
            scan.meta("language"),
        ])
        metadata.siteName = firstValue([
            scan.meta("og:site_name"), article?.publisher, scan.meta("application-name"), ld.siteNames.first,
        ])
        metadata.canonicalURL = canonicalURL(scan: scan, ld: ld, url: url)
        metadata.summary = firstValue([
            scan.meta("og:description"), scan.meta("description"), scan.meta("twitter:description"),
            article?.description, ld.page?.description,
        ])

        let siteNames = SiteNames(scan: scan, ld: ld, urls: [metadata.canonicalURL, url])
        metadata.title = title(tree: tree, scan: scan, ld: ld, siteNames: siteNames)
        metadata.author = author(tree: tree, scan: scan, ld: ld, siteNames: siteNames, language: metadata.language)
        let published = published(
            tree: tree, scan: scan, ld: ld, urls: [metadata.canonicalURL, url],
            language: metadata.language)
        metadata.published = published?.date
        metadata.publishedUTCOffset = published?.utcOffset
        metadata.modified = modified(tree: tree, scan: scan, ld: ld)?.date
        metadata.articleBody = articleBody(article, summary: metadata.summary)
        return metadata
    }

    /// The first non-empty value.
    private static func firstValue(_ values: [String?]) -> String? {
        for value in values { if let value, !value.isEmpty { return value } }
        return nil
    }

    // MARK: URL and site

    /// The first canonical-URL source that resolves to an absolute http(s) URL.
    private static func canonicalURL(scan: MetadataScan, ld: JSONLDMetadata, url: String?) -> String? {
        for candidate in [scan.canonicalHref, scan.meta("og:url"), ld.article?.url, ld.page?.url] {
            guard let candidate = candidate?.trimmed, !candidate.isEmpty else { continue }
            if let resolved = URIResolver.resolve(candidate, against: url),
                resolved.hasPrefix("https://") || resolved.hasPrefix("http://")
            {
                return resolved
            }
        }
        return nil
    }

    // MARK: Title

    /// The title: metadata candidates and `h1` texts (with a kicker split off) reconciled by `TitleResolver`.
    private static func title(tree: HTMLTree, scan: MetadataScan, ld: JSONLDMetadata, siteNames: SiteNames)
        -> String?
    {
        let metadata = [
            ld.article?.headline, scan.meta("og:title"), scan.meta("twitter:title"), scan.meta("dc.title"),
            scan.meta("dcterms.title"), scan.meta("headline"), ld.article?.name, scan.meta("citation_title"),
            scan.meta("parsely-title"), scan.meta("sailthru.title"), scan.meta("title"),
        ].compactMap { $0 }
        var headings: [String] = []
        for (property, node) in scan.itemProperties where property == .headline && tree.tag(node) != .h1 {
            if let text = MetadataText.tidy(tree.collapsedText(node, limit: 600)), text.utf8.count < 600 {
                headings.append(text)
            }
            break
        }
        for node in scan.headings {
            guard let text = MetadataText.tidy(tree.collapsedText(node, limit: 600)), text.utf8.count < 600 else {
                continue
            }
            headings.append(text)
            // A kicker in its own element before the headline ("<h1><span>Olympia</span> Getränke…</h1>"): the
            // rest is a heading too.
            if let kicker = leadingChildText(tree, node), text.hasPrefix(kicker),
                kicker.utf8.count * 2 < text.utf8.count
            {
                let rest = AuthorNames.trim(String(text.dropFirst(kicker.count)))
                if MetadataText.wordCount(rest) >= 2 { headings.append(rest) }
            }
        }
        let resolver = TitleResolver(siteNames: siteNames)
        return resolver.resolve(metadata: metadata, documentTitle: scan.documentTitle, headings: headings)
    }

    /// The text of an element's first child when that child is an element (not text), tidied.
    private static func leadingChildText(_ tree: HTMLTree, _ node: HTMLTree.NodeID) -> String? {
        for child in tree.children(node) {
            if tree.isText(child) {
                if tree.collapsedText(child).isEmpty { continue }
                return nil
            }
            return MetadataText.tidy(tree.collapsedText(child, limit: 200))
        }
        return nil
    }

    // MARK: Author

    /// The author names, joined with "; ": persons first, from JSON-LD, then author metas, then the page's
    /// byline; newsrooms, the site and user names only when nothing better exists.
    private static func author(
        tree: HTMLTree, scan: MetadataScan, ld: JSONLDMetadata, siteNames: SiteNames, language: String?
    ) -> String? {
        let isSite = siteNames.isSite
        var handles: [String] = []
        var organizations: [String] = []

        // JSON-LD persons (and untyped names).
        var persons: [String] = []
        for entry in ld.article?.authors ?? [] {
            let names = AuthorNames.names(in: entry.name, language: language).filter(AuthorNames.isPlausible)
            for name in names {
                if entry.isPerson == false || isSite(name) {
                    organizations.append(name)
                } else if AuthorNames.looksLikeHandle(name) {
                    handles.append(name)
                } else {
                    persons.append(name)
                }
            }
        }
        if let joined = AuthorNames.join(persons) { return joined }

        // Author metas, unless they name the site.
        var siteAuthors: [String] = []
        for key in [
            "author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
            "citation_author", "og:article:author", "cxenseparse:author", "book:author",
        ] {
            var own: [String] = []
            for value in scan.metas(key) where !MetadataText.isURL(value) && !value.hasPrefix("@") {
                if isSite(value) {
                    siteAuthors.append(value)
                    continue
                }
                for name in AuthorNames.names(in: value, language: language)
                where AuthorNames.isPlausible(name) && name.lowercased() != "null" {
                    if isSite(name) {
                        siteAuthors.append(name)
                    } else if AuthorNames.looksLikeHandle(name) {
                        handles.append(name)
                    } else {
                        own.append(name)
                    }
                }
            }
            if let joined = AuthorNames.join(own) { return joined }
        }

        // The byline in the page.
        let byline = BylineFinder.names(tree: tree, scan: scan, language: language)
        if let joined = AuthorNames.join(byline.filter { !isSite($0) }) { return joined }
        siteAuthors += byline
        // A newsroom or the site itself is still better than nothing; a user name last.
        return AuthorNames.join(organizations) ?? AuthorNames.join(siteAuthors) ?? AuthorNames.join(handles)
    }

    // MARK: Dates

    /// The publication date: machine-readable sources in order of trust, then the URL, then dates written in
    /// the page, then the modification date.
    private static func published(
        tree: HTMLTree, scan: MetadataScan, ld: JSONLDMetadata, urls: [String?], language: String?
    ) -> PageDate? {
        var machine: [String?] = [ld.article?.datePublished]
        for key in [
            "article:published_time", "og:article:published_time", "article:published", "og:published_time",
            "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
            "dc.date.created", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
            "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date", "citation_online_date",
            "article.published", "datecreated", "original-publish-date", "date.available",
        ] {
            machine.append(scan.meta(key))
            if key == "datepublished" { machine += microdataDates(tree, scan, .datePublished) }
        }
        machine += scan.metas(withKeySuffix: "citation_date") + scan.metas(withKeySuffix: "citation_publication_date")
        machine += [ld.page?.datePublished, ld.article?.dateCreated, ld.page?.dateCreated]
        var chosen: PageDate?
        var next = 0
        while next < machine.count, chosen == nil {
            if let value = machine[next] { chosen = PageDate.parse(value) }
            next += 1
        }
        // `<time datetime>` is read when the metadata gave no date, or a date in UTC whose local offset a `<time>`
        // may show.
        if chosen?.utcOffset ?? 0 == 0 { machine += timeValues(tree: tree, scan: scan) }
        while next < machine.count, chosen == nil {
            if let value = machine[next] { chosen = PageDate.parse(value) }
            next += 1
        }
        if var date = chosen {
            // A time given in UTC may be written with its local offset elsewhere on the page: keep that offset,
            // so that the calendar date is the page's.
            if date.utcOffset ?? 0 == 0 {
                for other in machine[next...].prefix(12) {
                    if let other, let alternative = PageDate.parse(other), let offset = alternative.utcOffset,
                        offset != 0, abs(alternative.date.timeIntervalSince(date.date)) < 60
                    {
                        date.utcOffset = offset
                        break
                    }
                }
            }
            return date
        }
        for url in urls {
            if let url, let date = PageDate.fromURL(url) { return date }
        }
        for node in scan.times {
            if let date = PageDate.parseWritten(tree.collapsedText(node, limit: 200), language: language) {
                return date
            }
        }
        if let date = DateFinder.date(tree: tree, scan: scan, language: language) { return date }
        return modified(tree: tree, scan: scan, ld: ld)
    }

    /// `datetime` values of `<time>` elements, those marked as the publication time first.
    private static func timeValues(tree: HTMLTree, scan: MetadataScan) -> [String?] {
        var marked: [String?] = []
        var unmarked: [String?] = []
        for node in scan.times {
            guard let value = tree.attribute(.datetime, of: node) else { continue }
            if tree.hasAttribute(.pubdate, node) || tree.attribute(.itemprop, of: node, contains: "published")
                || tree.attribute(.class, of: node, contains: "publish")
            {
                marked.append(value)
            } else {
                unmarked.append(value)
            }
        }
        return marked + unmarked
    }

    /// The modification date from JSON-LD, metas and microdata.
    private static func modified(tree: HTMLTree, scan: MetadataScan, ld: JSONLDMetadata) -> PageDate? {
        var machine: [String?] = [ld.article?.dateModified]
        for key in [
            "article:modified_time", "og:updated_time", "og:article:modified_time", "article:modified",
            "datemodified", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod",
        ] {
            machine.append(scan.meta(key))
            if key == "datemodified" { machine += microdataDates(tree, scan, .dateModified) }
        }
        machine.append(ld.page?.dateModified)
        for value in machine {
            if let value, let date = PageDate.parse(value) { return date }
        }
        return nil
    }

    /// Values of microdata date elements: `datetime`, then `content`, then the text.
    private static func microdataDates(_ tree: HTMLTree, _ scan: MetadataScan, _ property: MetadataScan.ItemProperty)
        -> [String?]
    {
        scan.itemProperties.filter { $0.property == property }.prefix(2).map { _, node in
            tree.attribute(.datetime, of: node) ?? tree.attribute(.content, of: node)
                ?? tree.collapsedText(node, limit: 100)
        }
    }

    // MARK: Body

    /// JSON-LD `articleBody` as paragraphs, when it is long enough to be the article and more than its summary.
    private static func articleBody(_ article: JSONLDMetadata.Entity?, summary: String?) -> String? {
        guard let plain = article?.articleBody else { return nil }
        // Long enough, and more than the summary said again.
        let length = plain.utf8.count
        guard length >= 200 else { return nil }
        for description in [summary, article?.description] {
            if let description, length < description.utf8.count + 100 { return nil }
        }
        return plain
    }
}
