import CLibXML2
import Foundation
import VigilCore

/// Reads Atom 1.0 and Atom 0.3 documents into a `FeedDocument`.
enum AtomParser {
    /// How an Atom text construct's value is to be read.
    enum TextKind {
        /// Plain text.
        case text
        /// HTML markup (escaped in the document, or decoded from base64).
        case html
        /// Inline XHTML, already serialised.
        case xhtml
    }

    /// Link relations that never name the entry's page.
    private static let nonPageRelations: Set<String> = [
        "self", "enclosure", "edit", "edit-media", "replies", "hub", "next", "previous", "prev", "first", "last",
        "license", "via", "related", "service.edit", "service.post", "service.feed",
    ]

    /// Reads the `feed` root element.
    static func read(root: XMLElementRef, format: FeedFormat, base: String?, context: FeedReadContext) -> FeedDocument {
        let atom03 = format == .atom03
        let feedBase = context.base(of: root, inherited: base)
        let core = unknownNamespace(QualifiedName(root).namespace)
        var document = FeedDocument(format: format)
        var title = FieldPick<String>()
        var link = FieldPick<String>()
        var subtitle = FieldPick<String>()
        var author = FieldPick<String>()
        var updated = FieldPick<Date>()
        var published = FieldPick<Date>()
        var language = FieldPick<String>()
        for child in root.children {
            let name = QualifiedName(child)
            switch (FeedModule.atom(name, rootNamespace: core), name.local) {
            case (.core, "title"):
                title.offer(
                    textConstruct(child, atom03: atom03, base: feedBase, context: context).flatMap(plain), rank: 0)
            case (.dc, "title"):
                title.offer(context.plainText(child), rank: 1)
            case (.core, "subtitle"), (.core, "tagline"):
                subtitle.offer(
                    textConstruct(child, atom03: atom03, base: feedBase, context: context).flatMap(markup), rank: 0)
            case (.dc, "description"):
                subtitle.offer(context.markup(child), rank: 1)
            case (.core, "link"):
                offerLink(child, base: feedBase, context: context, into: &link)
            case (.core, "author"):
                author.offer(personName(child, context: context), rank: 0)
            case (.dc, "creator"), (.dc, "author"):
                author.offer(context.text(child).flatMap(FeedReadContext.personName), rank: 1)
            case (.core, "updated"):
                updated.offerLast(context.date(child), rank: 0)
            case (.core, "modified"):
                updated.offerLast(context.date(child), rank: 1)
            case (.dc, "date"), (.dcterms, "modified"):
                updated.offer(context.date(child), rank: 2)
            case (.core, "published"), (.core, "issued"):
                published.offer(context.date(child), rank: 0)
            case (.dcterms, "issued"):
                published.offer(context.date(child), rank: 1)
            case (.dc, "language"):
                language.offer(FeedReadContext.language(context.text(child)), rank: 1)
            case (.core, "entry"):
                document.entries.append(
                    readEntry(child, atom03: atom03, core: core, base: feedBase, context: context))
            default:
                break
            }
        }
        language.offer(FeedReadContext.language(root.xmlLang(budget: context.budget)), rank: 0)
        language.offer(FeedReadContext.language(context.defaultLanguage), rank: 2)
        document.title = title.value
        document.link = link.value
        document.subtitle = subtitle.value
        document.author = author.value
        document.updated = updated.value
        document.published = published.value
        document.language = language.value
        return document
    }

    /// A root namespace that is neither Atom's nor absent (a renamed Atom namespace, as some feeds have).
    private static func unknownNamespace(_ namespace: String?) -> String? {
        guard let namespace, namespace != XMLNamespace.atom10, namespace != XMLNamespace.atom03 else { return nil }
        return namespace
    }

    private static func readEntry(
        _ element: XMLElementRef, atom03: Bool, core: String?, base: String?, context: FeedReadContext
    ) -> FeedEntry {
        let entryBase = context.base(of: element, inherited: base)
        var entry = FeedEntry()
        var id = FieldPick<String>()
        var title = FieldPick<String>()
        var link = FieldPick<String>()
        var summary = FieldPick<String>()
        var author = FieldPick<String>()
        var published = FieldPick<Date>()
        var updated = FieldPick<Date>()
        for child in element.children {
            let name = QualifiedName(child)
            switch (FeedModule.atom(name, rootNamespace: core), name.local) {
            case (.core, "id"):
                // Atom ids are IRIs; a relative one is resolved as feedparser does, an absolute one kept verbatim.
                let raw = context.text(child)
                let childBase = context.base(of: child, inherited: entryBase)
                id.offer(
                    raw.map { URIResolver.scheme(of: $0) == nil ? context.link($0, base: childBase) ?? $0 : $0 },
                    rank: 0)
            case (.core, "title"):
                title.offer(
                    textConstruct(child, atom03: atom03, base: entryBase, context: context).flatMap(plain), rank: 0)
            case (.dc, "title"):
                title.offer(context.plainText(child), rank: 1)
            case (.core, "link"):
                offerLink(child, base: entryBase, context: context, into: &link)
                if let enclosure = enclosure(child, base: entryBase, context: context) {
                    entry.enclosures.append(enclosure)
                }
            case (.core, "summary"):
                summary.offer(
                    textConstruct(child, atom03: atom03, base: entryBase, context: context).flatMap(markup), rank: 0)
            case (.dc, "description"):
                summary.offer(context.markup(child), rank: 1)
            case (.core, "content"):
                if let value = textConstruct(child, atom03: atom03, base: entryBase, context: context).flatMap(markup) {
                    entry.content.append(value)
                }
            case (.content, "encoded"):
                if let value = context.markup(child) { entry.content.append(value) }
            case (.core, "author"):
                author.offer(personName(child, context: context), rank: 0)
            case (.dc, "creator"), (.dc, "author"):
                author.offer(context.text(child).flatMap(FeedReadContext.personName), rank: 1)
            case (.core, "published"):
                published.offer(context.date(child), rank: 0)
            case (.core, "issued"):
                published.offer(context.date(child), rank: 1)
            case (.dcterms, "issued"):
                published.offer(context.date(child), rank: 2)
            case (.core, "created"), (.dcterms, "created"):
                published.offer(context.date(child), rank: 3)
            case (.core, "updated"):
                updated.offerLast(context.date(child), rank: 0)
            case (.core, "modified"):
                updated.offerLast(context.date(child), rank: 1)
            case (.dc, "date"), (.dcterms, "modified"):
                updated.offer(context.date(child), rank: 2)
            case (.core, "category"):
                let term =
                    child.attribute("term", budget: context.budget)?.trimmedNonEmpty
                    ?? child.attribute("label", budget: context.budget)?.trimmedNonEmpty ?? context.text(child)
                if let term { entry.tags.append(term) }
            case (.dc, "subject"):
                if let term = context.text(child) { entry.tags.append(term) }
            default:
                break
            }
        }
        entry.id = id.value
        entry.title = title.value
        entry.link = link.value
        entry.summary = summary.value
        entry.author = author.value
        entry.updated = updated.value
        entry.published = published.value ?? updated.value
        return entry
    }

    /// Offers an Atom `link` to the page-link pick: `alternate` (or no `rel`) first, then any other relation
    /// that can name a page.
    private static func offerLink(
        _ element: XMLElementRef, base: String?, context: FeedReadContext, into pick: inout FieldPick<String>
    ) {
        let rel = element.attribute("rel", budget: context.budget)?.trimmedNonEmpty?.lowercased() ?? "alternate"
        guard !nonPageRelations.contains(rel) else { return }
        let linkBase = context.base(of: element, inherited: base)
        let href = element.attribute("href", budget: context.budget) ?? context.text(element)
        let rank = rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate" ? 0 : 1
        pick.offer(context.link(href, base: linkBase), rank: rank)
    }

    /// An Atom `link rel="enclosure"` as an enclosure.
    static func enclosure(_ element: XMLElementRef, base: String?, context: FeedReadContext) -> Enclosure? {
        let rel = element.attribute("rel", budget: context.budget)?.trimmedNonEmpty?.lowercased()
        guard rel == "enclosure" else { return nil }
        let linkBase = context.base(of: element, inherited: base)
        guard let href = context.link(element.attribute("href", budget: context.budget), base: linkBase) else {
            return nil
        }
        let type = element.attribute("type", budget: context.budget)?.trimmedNonEmpty
        let length = element.attribute("length", budget: context.budget)?.trimmedNonEmpty.flatMap { Int($0) }
        return Enclosure(href: href, type: type, length: length)
    }

    /// The `name` of an Atom person construct (Atom 0.3 and 1.0), as plain text.
    private static func personName(_ element: XMLElementRef, context: FeedReadContext) -> String? {
        for child in element.children where QualifiedName(child).local == "name" {
            if let name = context.plainText(child) { return name }
        }
        for child in element.children where QualifiedName(child).local == "email" {
            if let email = context.text(child) { return email }
        }
        // Some feeds write the name as the author element's text.
        return element.hasElementChildren ? nil : context.text(element).flatMap(FeedReadContext.personName)
    }

    /// Reads an Atom text construct (`title`, `subtitle`, `summary`, `content`, 0.3 `tagline`) with its type
    /// and, for Atom 0.3, its mode. Nil when empty.
    static func textConstruct(
        _ element: XMLElementRef, atom03: Bool, base: String?, context: FeedReadContext
    ) -> (value: String, kind: TextKind)? {
        let type = element.attribute("type", budget: context.budget)?.trimmedNonEmpty?.lowercased() ?? "text"
        let mode = element.attribute("mode", budget: context.budget)?.trimmedNonEmpty?.lowercased()
        let isHTMLType = type == "html" || type == "text/html"
        let isXHTMLType = type == "xhtml" || type == "application/xhtml+xml"
        let isTextType = type == "text" || type == "text/plain" || (type.hasPrefix("text/") && !isHTMLType)
        let isXMLType = isXHTMLType || type.hasSuffix("+xml") || type.hasSuffix("/xml")

        if mode == "base64" || (!atom03 && !isTextType && !isHTMLType && !isXMLType && mode == nil) {
            guard let encoded = context.text(element) else { return nil }
            let compact = encoded.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact, options: .ignoreUnknownCharacters),
                let decoded = String(data: data, encoding: .utf8)?.trimmedNonEmpty
            else {
                context.problem("line \(element.line): <\(element.name)> is not valid base64")
                return nil
            }
            let declared = element.attribute("type", budget: context.budget)?.trimmedNonEmpty?.lowercased()
            return (decoded, declared == "text/plain" || declared == "text" ? .text : .html)
        }
        if element.hasElementChildren && mode != "escaped" && !isHTMLType {
            // Inline markup. Atom 1.0 wraps XHTML in a div that is not part of the content.
            let content = element.children
            if !atom03, isXHTMLType, content.count == 1, QualifiedName(content[0]).local == "div",
                !hasSignificantText(element, context: context)
            {
                return content[0].innerMarkup(budget: context.budget).trimmedNonEmpty.map { ($0, .xhtml) }
            }
            return element.innerMarkup(budget: context.budget).trimmedNonEmpty.map { ($0, .xhtml) }
        }
        guard let text = context.text(element) else { return nil }
        if mode == "escaped" || isHTMLType { return (text, .html) }
        return (text, .text)
    }

    /// Whether an element has non-whitespace text directly inside it (beside its child elements).
    private static func hasSignificantText(_ element: XMLElementRef, context: FeedReadContext) -> Bool {
        var child = element.node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content,
                !String(cString: content).allSatisfy(\.isWhitespace)
            {
                return true
            }
            child = current.pointee.next
        }
        return false
    }

    /// A text construct as plain text.
    static func plain(_ construct: (value: String, kind: TextKind)) -> String? {
        switch construct.kind {
        case .text: construct.value
        case .html, .xhtml: MarkupText.plainText(fromMarkup: construct.value).trimmedNonEmpty
        }
    }

    /// A text construct as markup: plain text is escaped so that it reads back as the same text.
    static func markup(_ construct: (value: String, kind: TextKind)) -> String? {
        switch construct.kind {
        case .text: XMLText.escape(construct.value, quotes: false)
        case .html, .xhtml: construct.value
        }
    }
}
