import Foundation
import VigilCore

/// Reads RSS 0.90–0.94, 2.0 and RSS 1.0 (RDF) documents into a `FeedDocument`, with the Dublin Core,
/// `content`, XHTML, iTunes, Media RSS and embedded Atom elements that feeds mix in.
enum RSSParser {
    /// Reads the `rss` or `rdf:RDF` root element.
    static func read(root: XMLElementRef, format: FeedFormat, base: String?, context: FeedReadContext) -> FeedDocument {
        let rootBase = context.base(of: root, inherited: base)
        var channel: XMLElementRef?
        var rootItems: [XMLElementRef] = []
        for child in root.children {
            let name = QualifiedName(child)
            guard FeedModule.rss(name, rootNamespace: context.rootNamespace) == .core else { continue }
            if name.local == "channel", channel == nil { channel = child }
            if name.local == "item" { rootItems.append(child) }
        }
        var document = FeedDocument(format: format)
        var language = FieldPick<String>()
        let channelBase = channel.map { context.base(of: $0, inherited: rootBase) } ?? rootBase
        if let channel {
            readChannel(channel, base: channelBase, context: context, into: &document, language: &language)
            language.offer(FeedReadContext.language(channel.xmlLang(budget: context.budget)), rank: 2)
            for child in channel.children {
                let name = QualifiedName(child)
                if FeedModule.rss(name, rootNamespace: context.rootNamespace) == .core, name.local == "item" {
                    document.entries.append(readItem(child, base: channelBase, context: context))
                }
            }
        }
        for item in rootItems {
            document.entries.append(readItem(item, base: rootBase, context: context))
        }
        language.offer(FeedReadContext.language(root.xmlLang(budget: context.budget)), rank: 3)
        language.offer(FeedReadContext.language(context.defaultLanguage), rank: 4)
        document.language = language.value
        return document
    }

    private static func readChannel(
        _ channel: XMLElementRef, base: String?, context: FeedReadContext, into document: inout FeedDocument,
        language: inout FieldPick<String>
    ) {
        var title = FieldPick<String>()
        var link = FieldPick<String>()
        var subtitle = FieldPick<String>()
        var author = FieldPick<String>()
        var updated = FieldPick<Date>()
        var published = FieldPick<Date>()
        for child in channel.children {
            let name = QualifiedName(child)
            switch (FeedModule.rss(name, rootNamespace: context.rootNamespace), name.local) {
            case (.core, "title"): title.offer(context.plainText(child), rank: 0)
            case (.dc, "title"): title.offer(context.plainText(child), rank: 1)
            case (.core, "link"): link.offerLast(rssLink(child, base: base, context: context), rank: 0)
            case (.atom, "link"): offerAtomLink(child, base: base, context: context, into: &link, rank: 1)
            case (.core, "description"): subtitle.offer(context.markup(child), rank: 0)
            case (.dc, "description"): subtitle.offer(context.markup(child), rank: 1)
            case (.itunes, "subtitle"): subtitle.offer(context.markup(child), rank: 2)
            case (.itunes, "summary"): subtitle.offer(context.markup(child), rank: 3)
            case (.core, "language"): language.offer(FeedReadContext.language(context.text(child)), rank: 0)
            case (.dc, "language"): language.offer(FeedReadContext.language(context.text(child)), rank: 1)
            case (.core, "managingeditor"): author.offer(personText(child, context), rank: 0)
            case (.dc, "creator"): author.offer(personText(child, context), rank: 1)
            case (.dc, "author"): author.offer(personText(child, context), rank: 2)
            case (.core, "author"): author.offer(personText(child, context), rank: 3)
            case (.itunes, "author"): author.offer(personText(child, context), rank: 4)
            case (.atom, "author"): author.offer(atomPersonName(child, context), rank: 5)
            case (.core, "webmaster"): author.offer(personText(child, context), rank: 6)
            case (.core, "pubdate"): published.offer(context.date(child), rank: 0)
            case (.dcterms, "issued"): published.offer(context.date(child), rank: 1)
            case (.atom, "published"): published.offer(context.date(child), rank: 2)
            case (.core, "lastbuilddate"): updated.offer(context.date(child), rank: 0)
            case (.dc, "date"): updated.offer(context.date(child), rank: 1)
            case (.dcterms, "modified"): updated.offer(context.date(child), rank: 2)
            case (.atom, "updated"): updated.offer(context.date(child), rank: 3)
            default: break
            }
        }
        document.title = title.value
        document.link = link.value
        document.subtitle = subtitle.value
        document.author = author.value
        document.updated = updated.value
        document.published = published.value
    }

    private static func readItem(_ item: XMLElementRef, base: String?, context: FeedReadContext) -> FeedEntry {
        let itemBase = context.base(of: item, inherited: base)
        var entry = FeedEntry()
        var id = FieldPick<String>()
        var link = FieldPick<String>()
        var title = FieldPick<String>()
        var summary = FieldPick<String>()
        var author = FieldPick<String>()
        var published = FieldPick<Date>()
        var updated = FieldPick<Date>()
        var permalink: String?
        var sawCoreSummary = false
        for child in item.children {
            let name = QualifiedName(child)
            switch (FeedModule.rss(name, rootNamespace: context.rootNamespace), name.local) {
            case (.core, "guid"):
                guard let guid = context.text(child) else { break }
                id.offer(guid, rank: 0)
                let isPermaLink = child.attribute("isPermaLink", budget: context.budget)?.trimmedNonEmpty?.lowercased()
                if isPermaLink != "false", permalink == nil {
                    permalink = context.link(guid, base: context.base(of: child, inherited: itemBase))
                        .flatMap { CanonicalURL.isHTTP($0) ? $0 : nil }
                }
            case (.core, "link"): link.offerLast(rssLink(child, base: itemBase, context: context), rank: 0)
            case (.atom, "link"):
                offerAtomLink(child, base: itemBase, context: context, into: &link, rank: 1)
                if let enclosure = AtomParser.enclosure(child, base: itemBase, context: context) {
                    entry.enclosures.append(enclosure)
                }
            case (.core, "title"): title.offer(context.plainText(child), rank: 0)
            case (.dc, "title"): title.offer(context.plainText(child), rank: 1)
            case (.media, "title"): title.offer(context.plainText(child), rank: 2)
            case (.atom, "title"):
                title.offer(
                    AtomParser.textConstruct(child, atom03: false, base: itemBase, context: context)
                        .flatMap(AtomParser.plain), rank: 3)
            case (.core, "description"), (.core, "summary"):
                // A second summary-like element (both `description` and `summary`) is kept as content.
                guard let value = context.markup(child) else { break }
                if sawCoreSummary {
                    entry.content.append(value)
                } else {
                    summary.offer(value, rank: 0)
                    sawCoreSummary = true
                }
            case (.dc, "description"): summary.offer(context.markup(child), rank: 1)
            case (.itunes, "summary"): summary.offer(context.markup(child), rank: 2)
            case (.atom, "summary"):
                summary.offer(
                    AtomParser.textConstruct(child, atom03: false, base: itemBase, context: context)
                        .flatMap(AtomParser.markup), rank: 3)
            case (.content, "encoded"), (.core, "fullitem"), (.core, "body"):
                if let value = context.markup(child) { entry.content.append(value) }
            case (.xhtml, "body"), (.xhtml, "div"):
                if let value = child.innerMarkup(budget: context.budget).trimmedNonEmpty { entry.content.append(value) }
            case (.atom, "content"):
                if let value = AtomParser.textConstruct(child, atom03: false, base: itemBase, context: context)
                    .flatMap(AtomParser.markup)
                {
                    entry.content.append(value)
                }
            case (.core, "author"): author.offer(personText(child, context), rank: 0)
            case (.dc, "creator"): author.offer(personText(child, context), rank: 1)
            case (.dc, "author"): author.offer(personText(child, context), rank: 2)
            case (.itunes, "author"): author.offer(personText(child, context), rank: 3)
            case (.atom, "author"): author.offer(atomPersonName(child, context), rank: 4)
            case (.core, "pubdate"): published.offer(context.date(child), rank: 0)
            case (.dcterms, "issued"): published.offer(context.date(child), rank: 1)
            case (.atom, "published"): published.offer(context.date(child), rank: 2)
            case (.dc, "date"): updated.offer(context.date(child), rank: 0)
            case (.dcterms, "modified"): updated.offer(context.date(child), rank: 1)
            case (.atom, "updated"): updated.offer(context.date(child), rank: 2)
            case (.core, "enclosure"):
                if let enclosure = rssEnclosure(child, base: itemBase, context: context) {
                    entry.enclosures.append(enclosure)
                }
            case (.core, "category"), (.dc, "subject"), (.media, "category"):
                if let term = context.text(child) { entry.tags.append(term) }
            case (.core, "tags"), (.itunes, "keywords"):
                if let list = context.text(child) { entry.tags += FeedReadContext.terms(list) }
            case (.itunes, "category"):
                entry.tags += itunesCategories(child, context: context)
            case (.atom, "category"):
                let term = child.attribute("term", budget: context.budget)?.trimmedNonEmpty ?? context.text(child)
                if let term { entry.tags.append(term) }
            default:
                break
            }
        }
        if id.value == nil, let about = item.attribute("about", namespace: XMLNamespace.rdf, budget: context.budget) {
            id.offer(about.trimmedNonEmpty, rank: 1)
        }
        link.offer(permalink, rank: 2)
        entry.id = id.value
        entry.link = link.value
        entry.title = title.value
        entry.summary = summary.value
        entry.author = author.value
        entry.updated = updated.value
        entry.published = published.value ?? updated.value
        return entry
    }

    /// An RSS `link`: its text, or an `href` attribute some feeds use instead.
    private static func rssLink(_ element: XMLElementRef, base: String?, context: FeedReadContext) -> String? {
        let linkBase = context.base(of: element, inherited: base)
        let value = context.text(element) ?? element.attribute("href", budget: context.budget)
        return context.link(value, base: linkBase)
    }

    /// An embedded `atom:link`: only `alternate` (or no `rel`) names the page.
    private static func offerAtomLink(
        _ element: XMLElementRef, base: String?, context: FeedReadContext, into pick: inout FieldPick<String>,
        rank: Int
    ) {
        let rel = element.attribute("rel", budget: context.budget)?.trimmedNonEmpty?.lowercased() ?? "alternate"
        guard rel == "alternate" else { return }
        let linkBase = context.base(of: element, inherited: base)
        pick.offer(context.link(element.attribute("href", budget: context.budget), base: linkBase), rank: rank)
    }

    private static func rssEnclosure(_ element: XMLElementRef, base: String?, context: FeedReadContext) -> Enclosure? {
        let linkBase = context.base(of: element, inherited: base)
        guard let href = context.link(element.attribute("url", budget: context.budget), base: linkBase) else {
            return nil
        }
        let type = element.attribute("type", budget: context.budget)?.trimmedNonEmpty
        let length = element.attribute("length", budget: context.budget)?.trimmedNonEmpty.flatMap { Int($0) }
        return Enclosure(href: href, type: type, length: length)
    }

    /// `itunes:category text="…"`, with its nested subcategories, in document order.
    private static func itunesCategories(_ element: XMLElementRef, context: FeedReadContext) -> [String] {
        var terms: [String] = []
        if let text = element.attribute("text", budget: context.budget)?.trimmedNonEmpty { terms.append(text) }
        for child in element.children where QualifiedName(child) == QualifiedName(element) {
            terms += itunesCategories(child, context: context)
        }
        return terms
    }

    /// A person as RSS writes it (`me@example.com (Name)`); the name is read before any markup is removed, so
    /// `Name <me@example.com>` is not taken for a tag.
    private static func personText(_ element: XMLElementRef, _ context: FeedReadContext) -> String? {
        guard let name = context.text(element).flatMap(FeedReadContext.personName) else { return nil }
        return FeedReadContext.looksLikeMarkup(name) ? MarkupText.plainText(fromMarkup: name).trimmedNonEmpty : name
    }

    private static func atomPersonName(_ element: XMLElementRef, _ context: FeedReadContext) -> String? {
        for child in element.children where QualifiedName(child).local == "name" {
            if let name = context.plainText(child) { return name }
        }
        return element.hasElementChildren ? nil : personText(element, context)
    }
}
