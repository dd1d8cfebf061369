import Foundation
import VigilCore

/// Finds the main text of a page in its tree: Readability-style scoring (`ArticleFinder`, retried with fewer
/// removals while it finds under 500 characters), Readability's cleaning (`ArticleCleaner`), trafilatura-style
/// boilerplate removal (`BoilerplateFilter`), the lead between headline and body (`LeadParagraphs`) and plain-text
/// output (`ParagraphWriter`); JSON-LD `articleBody` when the page shows only part of the article, and a reason in
/// `problems` when no text is found.
struct MainText: Sendable, Equatable {
    var text: String
    var problems: [String] = []

    /// Inputs besides the tree.
    struct Inputs: Sendable {
        /// Page metadata (title, author, JSON-LD `articleBody`).
        var metadata: PageMetadata
        /// The page's JSON-LD blocks, read for `articleBody` when the metadata lacks it.
        var jsonLD: [String] = []
        /// Hashes (`ArticleExtractor.paragraphHash`) of paragraphs seen on many pages of the site: dropped.
        var knownBoilerplate: Set<UInt64> = []
        /// Size of the page as fetched, to describe an empty result.
        var pageBytes = 0
    }

    /// Characters below which an attempt is retried with fewer removals (Readability's `charThreshold`).
    static let retryThreshold = 500

    /// Extracts the main text of `tree`.
    static func extract(tree: HTMLTree, metadata: PageMetadata) -> MainText {
        extract(tree: tree, inputs: Inputs(metadata: metadata))
    }

    /// Extracts the main text of `tree`.
    static func extract(tree: HTMLTree, inputs: Inputs) -> MainText {
        let facts = PageFacts(tree: tree)
        let titles = titleTokens(tree: tree, metadata: inputs.metadata)
        var options = ArticleFinder.Options.all
        var best: (finder: ArticleFinder, length: Int)?
        while true {
            var finder = ArticleFinder(
                facts: facts, options: options, titleTokens: titles,
                keepsByline: false)
            finder.run()
            let length = ArticleCleaner.clean(&finder)
            BoilerplateFilter.apply(&finder)
            if best == nil || length > best?.length ?? 0 { best = (finder, length) }
            if length >= retryThreshold { break }
            if options.contains(.stripUnlikelys) {
                options.remove(.stripUnlikelys)
            } else if options.contains(.weightClasses) {
                options.remove(.weightClasses)
            } else if options.contains(.cleanConditionally) {
                options.remove(.cleanConditionally)
            } else {
                break
            }
        }
        var writer = ParagraphWriter(knownBoilerplate: inputs.knownBoilerplate)
        if var finder = best?.finder, (best?.length ?? 0) > 0 {
            let leads = LeadParagraphs.find(finder)
            for lead in leads { finder.restore(lead) }
            for lead in leads { writer.write(tree, root: lead, removed: finder.removed) }
            for piece in finder.pieces {
                var node = piece.first
                while node >= 0 {
                    writer.write(tree, root: node, removed: finder.removed)
                    if node == piece.last { break }
                    node = tree.nodes[Int(node)].nextSibling
                }
            }
        }
        var text = writer.finish()
        // JSON-LD `articleBody` replaces a DOM text it more than doubles (a teaser above a paywall); sizes in
        // UTF-8 bytes, which compare texts in the same script fairly.
        let domBytes = text.utf8.count
        let articleBody =
            inputs.metadata.articleBody
            ?? JSONLDArticleBody.find(in: inputs.jsonLD, minimumBytes: 2 * max(domBytes, 200))
        if let articleBody, articleBody.utf8.count > 2 * max(domBytes, 200) {
            var plain = ParagraphWriter(knownBoilerplate: inputs.knownBoilerplate)
            plain.writePlain(articleBody)
            text = plain.finish()
        }
        var problems: [String] = []
        if text.isEmpty {
            problems.append(emptyReason(facts: facts, pageBytes: inputs.pageBytes))
        }
        return MainText(text: text, problems: problems)
    }

    /// Tokens of the page's titles (metadata title and `<title>`), for dropping the heading that repeats them.
    private static func titleTokens(tree: HTMLTree, metadata: PageMetadata) -> [[[UInt8]]] {
        var titles: [String] = []
        if let title = metadata.title { titles.append(title) }
        for id in 0..<HTMLTree.NodeID(min(tree.count, 2000)) where tree.tag(id) == .title {
            let title = tree.collapsedText(id)
            if !title.isEmpty, !titles.contains(title) { titles.append(title) }
            break
        }
        return titles.map { TitleTokens.tokens(of: Array($0.utf8)) }.filter { !$0.isEmpty }
    }

    /// Why a page gave no text.
    private static func emptyReason(facts: PageFacts, pageBytes: Int) -> String {
        let visible = Int(facts.chars[Int(facts.body)])
        if facts.tree.count <= 1 || (visible == 0 && pageBytes < 2048) { return "page has no text" }
        if visible < 200 {
            return "looks like a JavaScript app shell: \(pageBytes) bytes of markup, \(visible) characters of text"
        }
        return "no article text found: the page's \(visible) characters of text are navigation, forms or hidden"
    }

}
