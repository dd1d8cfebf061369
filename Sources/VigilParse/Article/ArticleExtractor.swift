import Foundation
import VigilCore

/// Turns an HTML page into its main text and metadata. Pure: bytes and the transport context in, values out.
/// Bounded: inputs are cut at `HTMLInput.maxInputBytes` and their markup at `HTMLInput.maxMarkupBytes`, elements
/// nested past `HTMLTreeBuilder.maxDepth` are kept as siblings, and every stage is linear in the page.
public enum ArticleExtractor {
    /// Bumped whenever extraction output may change; stored items extracted by an older version are redone.
    public static let version = 3

    /// Extracts the article from an HTML page. `knownBoilerplate` holds `paragraphHash` values of paragraphs the
    /// caller has seen on many pages of the same site; such paragraphs are left out of the text.
    public static func extract(
        _ data: Data, context: DocumentContext, knownBoilerplate: Set<UInt64> = []
    ) -> ExtractedArticle {
        let input = HTMLInput(data, contentType: context.contentType)
        if input.isBinary {
            return ExtractedArticle(url: context.url, problems: input.problems + ["binary content, not HTML"])
        }
        let tree = HTMLTreeBuilder.build(input.bytes)
        let metadata = PageMetadata.extract(tree: tree, jsonLD: input.jsonLD, url: context.url)
        let content = MainText.extract(
            tree: tree,
            inputs: MainText.Inputs(
                metadata: metadata, jsonLD: input.jsonLD, knownBoilerplate: knownBoilerplate, pageBytes: data.count))
        var problems = input.problems + metadata.problems + content.problems
        if content.text.isEmpty, content.problems.isEmpty {
            problems.append("no article text found")
        }
        return ExtractedArticle(
            url: context.url, canonicalURL: metadata.canonicalURL, title: metadata.title, text: content.text,
            author: metadata.author, published: metadata.published, publishedUTCOffset: metadata.publishedUTCOffset,
            modified: metadata.modified,
            language: metadata.language ?? context.contentLanguage, siteName: metadata.siteName,
            summary: metadata.summary, problems: problems)
    }

    /// The hash of a paragraph of extracted text as `knownBoilerplate` expects it: whitespace collapsed, ASCII
    /// letters lower-cased. Callers count the hashes of the paragraphs (`text` split at blank lines) of a site's
    /// pages and pass back those seen on many pages.
    public static func paragraphHash(_ text: String) -> UInt64 {
        ParagraphWriter.hash(text.utf8)
    }
}
