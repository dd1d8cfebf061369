import Foundation
import VigilCore
import VigilParse

/// Turns parsed feed entries and stand-alone articles into items ready to store. Pure.
public enum ItemBuilder {
    /// The item for one feed entry. The plain text comes from the longest content, else the summary.
    public static func item(from entry: FeedEntry, fetchPage: Bool) -> NewItem {
        let markup = entry.content.max(by: { $0.count < $1.count }) ?? entry.summary
        let text = markup.map { MarkupText.plainText(fromMarkup: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let canonical = entry.link.flatMap { CanonicalURL.normalize($0) }
        return NewItem(
            guid: entry.id.flatMap { $0.isEmpty ? nil : $0 },
            link: entry.link,
            canonicalURL: canonical,
            title: entry.title,
            summary: entry.summary,
            content: entry.content.max(by: { $0.count < $1.count }),
            text: text,
            author: entry.author,
            published: entry.published ?? entry.updated,
            updated: entry.updated,
            tags: entry.tags,
            contentHash: ContentHash.of([entry.title, text]),
            wantsPage: fetchPage && canonical != nil)
    }

    /// The item for a stand-alone article (inbox text, HTML or JSON Lines). Its identity is its URL, else its
    /// content: a caller's `id` is not used, since ids like 1, 2, 3 repeat across unrelated files.
    public static func item(from article: Article) -> NewItem {
        let canonical = article.url.flatMap { CanonicalURL.normalize($0) }
        return NewItem(
            guid: nil,
            link: article.url,
            canonicalURL: canonical,
            title: article.title,
            text: article.text,
            published: article.published,
            contentHash: ContentHash.of([article.title, article.text]),
            wantsPage: false)
    }
}
