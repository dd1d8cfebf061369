import Foundation
import Logging
import VigilCore
import VigilParse

/// Extraction of stored pages into articles: right after a page is fetched, and again for pages an older
/// extractor version handled (`vigil reprocess`, and the daemon at start). Per-site paragraph counts let the
/// extractor drop lines that repeat across a site's pages.
public struct ArticleStage: Sendable {
    public let store: any ItemStore
    public let clock: any WallClock
    public let logger: Logger

    /// A paragraph seen on this many pages of one site is boilerplate.
    public static let boilerplateMinPages = 4
    /// Only paragraphs up to this long are counted: boilerplate lines are short, and counting long ones would let
    /// copies of one article erase each other.
    public static let boilerplateMaxCharacters = 300

    public init(store: any ItemStore, clock: any WallClock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Extracts the article of a freshly fetched page, stores it, and counts its short paragraphs for the site.
    @discardableResult
    public func extractNewPage(itemID: Int64, url: String, contentType: String?, body: [UInt8]) async throws
        -> ExtractedArticle
    {
        let article = try await extract(StoredPage(itemID: itemID, url: url, contentType: contentType, body: body))
        if let site = Self.site(of: url) {
            let hashes = Set(
                Self.paragraphs(of: article.text).filter { $0.count <= Self.boilerplateMaxCharacters }
                    .map(ArticleExtractor.paragraphHash))
            try await store.countParagraphs(site: site, hashes: hashes, at: clock.now())
        }
        return article
    }

    /// Re-extracts stored pages extracted by an older extractor (or all with `all`). Returns how many.
    public func reprocess(all: Bool, batch: Int = 200) async throws -> Int {
        let version = all ? Int.max : ArticleExtractor.version
        var after: Int64 = 0
        var count = 0
        while !Task.isCancelled {
            let pages = try await store.pagesToExtract(olderThan: version, afterItemID: after, limit: batch)
            guard let last = pages.last else { break }
            for page in pages {
                try await extract(page)
                count += 1
            }
            after = last.itemID
        }
        return count
    }

    /// Extracts one page with the site's known boilerplate and stores the result.
    @discardableResult
    func extract(_ page: StoredPage) async throws -> ExtractedArticle {
        var boilerplate: Set<UInt64> = []
        if let site = Self.site(of: page.url) {
            boilerplate = try await store.boilerplateParagraphs(site: site, minPages: Self.boilerplateMinPages)
        }
        let article = ArticleExtractor.extract(
            Data(page.body), context: DocumentContext(url: page.url, contentType: page.contentType),
            knownBoilerplate: boilerplate)
        try await store.recordArticle(
            itemID: page.itemID, article: article, extractorVersion: ArticleExtractor.version, at: clock.now())
        return article
    }

    /// The site a URL belongs to: its host without a leading `www.`.
    static func site(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    static func paragraphs(of text: String) -> [String] {
        text.components(separatedBy: "\n\n").map(\.trimmed).filter { !$0.isEmpty }
    }
}
