import Foundation

/// A stored page body, ready to be (re-)extracted.
public struct StoredPage: Sendable, Equatable {
    public var itemID: Int64
    /// The URL the page was fetched from after redirects (or the requested one).
    public var url: String
    public var contentType: String?
    public var body: [UInt8]

    public init(itemID: Int64, url: String, contentType: String?, body: [UInt8]) {
        self.itemID = itemID
        self.url = url
        self.contentType = contentType
        self.body = body
    }
}

/// The part of the store that keeps extracted articles and the per-site paragraph counts used to recognise
/// boilerplate. Every method is atomic.
public protocol ArticleStore: Sendable {
    /// Stores (or replaces) the article extracted from an item's page, with the extractor version.
    func recordArticle(itemID: Int64, article: ExtractedArticle, extractorVersion: Int, at: Date) async throws

    /// Stored pages (status 2xx) without an article, or whose article an extractor older than `version` made,
    /// with item ids above `afterItemID`, in item order.
    func pagesToExtract(olderThan version: Int, afterItemID: Int64, limit: Int) async throws -> [StoredPage]

    /// Hashes of paragraphs seen on at least `minPages` pages of `site`.
    func boilerplateParagraphs(site: String, minPages: Int) async throws -> Set<UInt64>

    /// Counts one more page of `site` for each paragraph hash.
    func countParagraphs(site: String, hashes: Set<UInt64>, at: Date) async throws

    /// The article extracted from an item's page, if any.
    func article(itemID: Int64) async throws -> ExtractedArticle?
}
