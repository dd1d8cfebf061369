import Foundation
import GRDB
import Testing
import VigilCore

@testable import VigilStore

extension SQLiteStoreTests {
    private var page: [UInt8] {
        Array(String(repeating: "<html><body><p>Fire at the chemical plant.</p></body></html>\n", count: 500).utf8)
    }

    @Test func itemsWantingTheirPageArePending() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(
                feed,
                [
                    Fixtures.item(guid: "1", link: "https://news.example/1", title: "one", wantsPage: true),
                    Fixtures.item(guid: "2", title: "no link", wantsPage: true),
                    Fixtures.item(guid: "3", link: "https://news.example/3", title: "not wanted"),
                    Fixtures.item(guid: "4", link: "https://news.example/4", title: "four", wantsPage: true),
                ]))
        let ids = result.insertedItemIDs
        let pending = try await store.pendingPages(feedURL: feed, maxAttempts: 3, limit: 10)
        #expect(
            pending == [
                PendingPage(itemID: ids[0], url: "https://news.example/1", attempts: 0),
                PendingPage(itemID: ids[3], url: "https://news.example/4", attempts: 0),
            ])
        #expect(try await store.pendingPages(feedURL: feed, maxAttempts: 3, limit: 1).map(\.itemID) == [ids[0]])
        #expect(try await store.pendingPages(feedURL: "https://other.example/", maxAttempts: 3, limit: 10).isEmpty)
    }

    @Test func aStoredPageIsCompressedAndReadBack() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "1", link: "https://news.example/1", wantsPage: true)]))
        let itemID = try #require(result.insertedItemIDs.first)
        try await store.recordPage(
            PageRecord(
                itemID: itemID, fetchedAt: Fixtures.time(1),
                outcome: .fetched(
                    status: 200, finalURL: "https://news.example/1/", contentType: "text/html", body: page)))

        #expect(try await store.pendingPages(feedURL: feed, maxAttempts: 3, limit: 10).isEmpty)
        let withBody = try #require(try await store.items(feedURL: feed, limit: 1, includePageBody: true).first)
        #expect(withBody.pageStatus == 200)
        #expect(withBody.pageBody == page)
        let withoutBody = try #require(try await store.items(feedURL: feed, limit: 1, includePageBody: false).first)
        #expect(withoutBody.pageStatus == 200)
        #expect(withoutBody.pageBody == nil)

        let row = try #require(try store.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM item_pages") })
        let blob: Data = try #require(row["body"])
        #expect(blob.count < page.count / 10)
        #expect(blob.prefix(2) == Data([0x1f, 0x8b]))
        #expect(row["body_size"] == page.count)
        #expect(row["body_encoding"] == "gzip")
        #expect(row["final_url"] == "https://news.example/1/")
        #expect(row["content_type"] == "text/html")
        #expect(row["attempts"] == 1)
        #expect(row["done"] == true)
    }

    @Test func failedAttemptsAreCountedUntilTheLimit() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "1", link: "https://news.example/1", wantsPage: true)]))
        let itemID = try #require(result.insertedItemIDs.first)
        for minute in 1...2 {
            try await store.recordPage(
                PageRecord(
                    itemID: itemID, fetchedAt: Fixtures.time(Double(minute)),
                    outcome: .failed(message: "timeout", permanent: false)))
        }
        #expect(
            try await store.pendingPages(feedURL: feed, maxAttempts: 3, limit: 10)
                == [PendingPage(itemID: itemID, url: "https://news.example/1", attempts: 2)])
        #expect(try await store.pendingPages(feedURL: feed, maxAttempts: 2, limit: 10).isEmpty)
        let row = try store.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM item_pages") }
        #expect(row?["last_error"] == "timeout")
        #expect(row?["done"] == false)
        #expect(try await store.items(feedURL: feed, limit: 1, includePageBody: true).first?.pageBody == nil)
    }

    @Test func aPermanentFailureEndsThePage() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "1", link: "http://10.0.0.1/x", wantsPage: true)]))
        let itemID = try #require(result.insertedItemIDs.first)
        try await store.recordPage(
            PageRecord(
                itemID: itemID, fetchedAt: Fixtures.time(1),
                outcome: .failed(message: "refused private address", permanent: true)))
        #expect(try await store.pendingPages(feedURL: feed, maxAttempts: 100, limit: 10).isEmpty)
        // A later transient failure does not make it pending again.
        try await store.recordPage(
            PageRecord(itemID: itemID, fetchedAt: Fixtures.time(2), outcome: .failed(message: "x", permanent: false)))
        #expect(try await store.pendingPages(feedURL: feed, maxAttempts: 100, limit: 10).isEmpty)
    }

    @Test func aPageCanBeStoredForAnItemThatDidNotAskForIt() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "1", link: "https://news.example/1")]))
        let itemID = try #require(result.insertedItemIDs.first)
        try await store.recordPage(
            PageRecord(
                itemID: itemID, fetchedAt: Fixtures.time(1),
                outcome: .fetched(status: 200, finalURL: "https://news.example/1", contentType: nil, body: [])))
        let stored = try #require(try await store.items(feedURL: feed, limit: 1, includePageBody: true).first)
        #expect(stored.pageStatus == 200)
        #expect(stored.pageBody == [])
    }

    @Test func aPageForAnUnknownItemIsAnError() async throws {
        let error = await #expect(throws: StoreError.self) {
            try await store.recordPage(
                PageRecord(itemID: 42, fetchedAt: Fixtures.t0, outcome: .failed(message: "x", permanent: true)))
        }
        #expect(error?.code == .unknownItem)
        #expect(error?.description == "database at :memory:: no item 42 to store a page for")
    }

    @Test func aCorruptBodyIsReportedNotReturned() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "1", link: "https://news.example/1", wantsPage: true)]))
        let itemID = try #require(result.insertedItemIDs.first)
        try await store.recordPage(
            PageRecord(
                itemID: itemID, fetchedAt: Fixtures.time(1),
                outcome: .fetched(status: 200, finalURL: "https://news.example/1", contentType: nil, body: page)))
        // A row claiming a smaller body than it inflates to is refused, as is a damaged blob.
        try await store.writer.write { db in try db.execute(sql: "UPDATE item_pages SET body_size = 100") }
        let error = await #expect(throws: StoreError.self) {
            try await store.items(feedURL: feed, limit: 1, includePageBody: true)
        }
        #expect(error?.code == .corruptData)
        #expect(error?.description.contains("more than 100 bytes") == true)

        try await store.writer.write { db in
            try db.execute(sql: "UPDATE item_pages SET body = X'1F8B0800DEADBEEF', body_size = NULL")
        }
        await #expect(throws: StoreError.self) {
            try await store.items(feedURL: feed, limit: 1, includePageBody: true)
        }
        // Without bodies, the item is still readable.
        #expect(try await store.items(feedURL: feed, limit: 1, includePageBody: false).count == 1)
    }
}
