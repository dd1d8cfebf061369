import Foundation
import Testing
import VigilCore

@testable import VigilStore

extension SQLiteStoreTests {
    @Test func itemsAreAnalysedOnceReadyWithTheirBestText() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(
                feed,
                [
                    Fixtures.item(guid: "plain", link: "https://news.example/plain", title: "Plain"),
                    Fixtures.item(guid: "page", link: "https://news.example/page", title: "Teaser", wantsPage: true),
                ]))
        let plain = result.insertedItemIDs[0]
        let page = result.insertedItemIDs[1]
        // The item waiting for its page is not ready yet.
        #expect(try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10).map(\.itemID) == [plain])

        try await store.recordPage(
            PageRecord(
                itemID: page, fetchedAt: Fixtures.time(1),
                outcome: .fetched(
                    status: 200, finalURL: "https://news.example/page", contentType: "text/html",
                    body: Array("<p>x</p>".utf8))))
        try await store.recordArticle(
            itemID: page,
            article: ExtractedArticle(title: "Full title", text: "Full text.", published: Fixtures.time(0)),
            extractorVersion: 1, at: Fixtures.time(2))
        let ready = try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10)
        #expect(ready.map(\.itemID) == [plain, page])
        #expect(ready[1].title == "Full title")
        #expect(ready[1].text == "Full text.")
        #expect(ready[1].published == Fixtures.time(0))

        let detection = Detection(
            id: "x", kind: .incident, confidence: 0.9, eventType: "bombing", country: "AF",
            killed: Detection.Figure(value: 3, low: 3),
            evidence: [Detection.Evidence(field: "killed", text: "three", start: 1, end: 6)])
        try await store.recordDetection(itemID: page, detection: detection, detectorVersion: 1, at: Fixtures.time(3))
        #expect(try await store.detection(itemID: page) == detection)
        #expect(try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10).map(\.itemID) == [plain])
        // A newer detector wants everything again; a re-extracted article makes the detection stale.
        #expect(try await store.itemsToAnalyze(olderThan: 2, afterItemID: 0, limit: 10).count == 2)
        try await store.recordArticle(
            itemID: page, article: ExtractedArticle(text: "Better text."), extractorVersion: 2, at: Fixtures.time(4))
        #expect(try await store.detection(itemID: page) == nil)
        #expect(try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10).map(\.itemID) == [plain, page])
    }

    @Test func aPageThatKeepsFailingStopsHoldingItsItemBack() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(
                feed, [Fixtures.item(guid: "p", link: "https://news.example/p", title: "T", wantsPage: true)]))
        let id = try #require(result.insertedItemIDs.first)
        for attempt in 1...3 {
            #expect(try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10).isEmpty)
            try await store.recordPage(
                PageRecord(
                    itemID: id, fetchedAt: Fixtures.time(Double(attempt)), outcome: .failed(message: "503", permanent: false)))
        }
        #expect(try await store.itemsToAnalyze(olderThan: 1, afterItemID: 0, limit: 10).map(\.itemID) == [id])
    }
}
