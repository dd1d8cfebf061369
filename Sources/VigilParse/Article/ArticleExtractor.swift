import Foundation
import VigilCore

/// Turns an HTML page into its main text and metadata. Pure: bytes and the transport context in, values out.
/// Bounded: inputs are cut at `HTMLInput.maxInputBytes`, nesting is flattened past `HTMLTreeBuilder.maxDepth`,
/// and every stage is linear in the page.
public enum ArticleExtractor {
    /// Bumped whenever extraction output may change; stored items extracted by an older version are redone.
    public static let version = 1

    /// Extracts the article from an HTML page. Paragraphs whose `paragraphHash` is in `knownBoilerplate` (lines
    /// the caller has seen on many pages of the same site) are left out.
    public static func extract(
        _ data: Data, context: DocumentContext, knownBoilerplate: Set<UInt64> = []
    ) -> ExtractedArticle {
        let input = HTMLInput(data, contentType: context.contentType)
        let tree = HTMLTreeBuilder.build(input.bytes)
        let metadata = PageMetadata.extract(tree: tree, jsonLD: input.jsonLD, url: context.url)
        var content = MainText.extract(tree: tree, metadata: metadata)
        if !knownBoilerplate.isEmpty {
            content.text = content.text.components(separatedBy: "\n\n")
                .filter { !knownBoilerplate.contains(paragraphHash($0)) }.joined(separator: "\n\n")
        }
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

    /// A hash of a paragraph's text that ignores case and white space, for counting repeated lines.
    public static func paragraphHash(_ paragraph: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in paragraph.lowercased().unicodeScalars where !scalar.properties.isWhitespace {
            hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3
        }
        return hash
    }
}
