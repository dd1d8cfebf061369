import Foundation
import Testing
import VigilCore

@testable import VigilStore

extension SQLiteStoreTests {
    private func storedPage(_ guid: String, status: Int = 200) async throws -> Int64 {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: guid, link: "https://news.example/\(guid)", wantsPage: true)]))
        let itemID = try #require(result.insertedItemIDs.first)
        try await store.recordPage(
            PageRecord(
                itemID: itemID, fetchedAt: Fixtures.time(1),
                outcome: .fetched(
                    status: status, finalURL: "https://www.news.example/\(guid)", contentType: "text/html",
                    body: Array("<p>page \(guid)</p>".utf8))))
        return itemID
    }

    @Test func articlesAreStoredReplacedAndReadBack() async throws {
        let itemID = try await storedPage("a")
        let article = ExtractedArticle(
            canonicalURL: "https://news.example/a", title: "Title", text: "One.\n\nTwo.", author: "A; B",
            published: Fixtures.time(0), publishedUTCOffset: -10_800, language: "en", siteName: "News", summary: "S",
            problems: ["p"])
        try await store.recordArticle(itemID: itemID, article: article, extractorVersion: 1, at: Fixtures.time(2))
        var expected = article
        expected.url = "https://www.news.example/a"
        #expect(try await store.article(itemID: itemID) == expected)

        var newer = article
        newer.text = "Better text."
        try await store.recordArticle(itemID: itemID, article: newer, extractorVersion: 2, at: Fixtures.time(3))
        #expect(try await store.article(itemID: itemID)?.text == "Better text.")
        #expect(try await store.article(itemID: 999) == nil)
        await #expect(throws: StoreError.self) {
            try await store.recordArticle(itemID: 999, article: article, extractorVersion: 1, at: Fixtures.time(2))
        }
    }

    @Test func pagesToExtractAreThoseWithoutAnArticleOrFromAnOlderExtractor() async throws {
        let a = try await storedPage("a")
        let b = try await storedPage("b")
        let failed = try await storedPage("c", status: 404)
        try await store.recordArticle(
            itemID: a, article: ExtractedArticle(text: "x"), extractorVersion: 2, at: Fixtures.time(2))
        #expect(try await store.pagesToExtract(olderThan: 2, afterItemID: 0, limit: 10).map(\.itemID) == [b])
        let all = try await store.pagesToExtract(olderThan: 3, afterItemID: 0, limit: 10)
        #expect(all.map(\.itemID) == [a, b])  // the 404 page is never extracted
        #expect(!all.map(\.itemID).contains(failed))
        #expect(all.first?.body == Array("<p>page a</p>".utf8))
        #expect(all.first?.url == "https://www.news.example/a")
        #expect(try await store.pagesToExtract(olderThan: 3, afterItemID: a, limit: 10).map(\.itemID) == [b])
        #expect(try await store.pagesToExtract(olderThan: 3, afterItemID: 0, limit: 1).map(\.itemID) == [a])
    }

    @Test func paragraphCountsPerSite() async throws {
        try await store.countParagraphs(site: "news.example", hashes: [1, 2, UInt64.max], at: Fixtures.time(0))
        try await store.countParagraphs(site: "news.example", hashes: [1, UInt64.max], at: Fixtures.time(1))
        try await store.countParagraphs(site: "other.example", hashes: [1], at: Fixtures.time(1))
        #expect(try await store.boilerplateParagraphs(site: "news.example", minPages: 2) == [1, UInt64.max])
        #expect(try await store.boilerplateParagraphs(site: "news.example", minPages: 1) == [1, 2, UInt64.max])
        #expect(try await store.boilerplateParagraphs(site: "other.example", minPages: 2).isEmpty)
    }
}
