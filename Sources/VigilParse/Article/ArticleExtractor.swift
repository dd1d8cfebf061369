import Foundation
import VigilCore

/// Turns an HTML page into its main text and metadata. Pure: bytes and the transport context in, values out.
/// Bounded: inputs are cut at `HTMLInput.maxInputBytes`, nesting is flattened past `HTMLTreeBuilder.maxDepth`,
/// and every stage is linear in the page.
public enum ArticleExtractor {
    /// Bumped whenever extraction output may change; stored items extracted by an older version are redone.
    public static let version = 1

    /// Extracts the article from an HTML page.
    public static func extract(_ data: Data, context: DocumentContext) -> ExtractedArticle {
        let input = HTMLInput(data, contentType: context.contentType)
        let tree = HTMLTreeBuilder.build(input.bytes)
        let metadata = PageMetadata.extract(tree: tree, jsonLD: input.jsonLD, url: context.url)
        let content = MainText.extract(tree: tree, metadata: metadata)
        var problems = input.problems + metadata.problems + content.problems
        if content.text.isEmpty, problems.isEmpty {
            problems.append("no article text found")
        }
        return ExtractedArticle(
            url: context.url, canonicalURL: metadata.canonicalURL, title: metadata.title, text: content.text,
            author: metadata.author, published: metadata.published, modified: metadata.modified,
            language: metadata.language ?? context.contentLanguage, siteName: metadata.siteName,
            summary: metadata.summary, problems: problems)
    }
}
