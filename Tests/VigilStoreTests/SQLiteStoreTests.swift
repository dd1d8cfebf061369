import Foundation
import GRDB
import Testing
import VigilCore

@testable import VigilStore

@Suite struct SQLiteStoreTests {
    let feed = "https://news.example/feed.xml"
    let store: SQLiteStore

    init() throws {
        store = try SQLiteStore.inMemory()
    }

    private func poll(_ items: [NewItem], at: Date = Fixtures.t0) async throws -> StoreResult {
        try await store.recordPoll(Fixtures.fetched(feed, items, at: at))
    }

    // MARK: - Identity

    @Test func sameGuidIsOneItem() async throws {
        let result = try await poll([
            Fixtures.item(guid: "g1", link: "https://news.example/a", title: "first"),
            Fixtures.item(guid: "g1", link: "https://news.example/b", title: "edited"),
        ])
        #expect(result.insertedItemIDs.count == 1)
        #expect(result.duplicates == 1)
        #expect(try await store.items(feedURL: feed, limit: 10, includePageBody: false).map(\.title) == ["first"])
    }

    @Test func sameLinkWithoutGuidIsOneItem() async throws {
        let result = try await poll([
            Fixtures.item(link: "https://news.example/a", title: "first"),
            Fixtures.item(link: "https://news.example/a", title: "retitled"),
        ])
        #expect(result == StoreResult(insertedItemIDs: [1], duplicates: 1))
    }

    @Test func sameLinkWithDifferentGuidsIsOneItem() async throws {
        // Decided: the link identifies the article even when a feed regenerates its guids.
        let result = try await poll([
            Fixtures.item(guid: "build-1:a", link: "https://news.example/a", title: "first"),
            Fixtures.item(guid: "build-2:a", link: "https://news.example/a", title: "first"),
        ])
        #expect(result.insertedItemIDs.count == 1)
        #expect(result.duplicates == 1)
    }

    @Test func canonicalURLIsTheLinkIdentity() async throws {
        let result = try await poll([
            Fixtures.item(
                link: "https://news.example/a?utm_source=rss", canonicalURL: "https://news.example/a", title: "1"),
            Fixtures.item(link: "https://NEWS.example/a#top", canonicalURL: "https://news.example/a", title: "2"),
            // No canonical URL given: the store normalises the link itself.
            Fixtures.item(link: "https://news.example:443/a?utm_medium=email", title: "3"),
        ])
        #expect(result.insertedItemIDs.count == 1)
        #expect(result.duplicates == 2)
        let stored = try await store.items(feedURL: feed, limit: 10, includePageBody: false)
        #expect(stored.map(\.link) == ["https://news.example/a?utm_source=rss"])
        #expect(stored.map(\.canonicalURL) == ["https://news.example/a"])
    }

    @Test func sameContentHashWithoutGuidOrLinkIsOneItem() async throws {
        let result = try await poll([
            Fixtures.item(title: "Blast at depot", hash: "00000000000000aa"),
            Fixtures.item(title: "Blast at depot", hash: "00000000000000aa"),
        ])
        #expect(result == StoreResult(insertedItemIDs: [1], duplicates: 1))
    }

    @Test func sameContentHashWithDistinctGuidsIsTwoItems() async throws {
        // With guids, the guid is the identity: two wire reports with equal text are two entries.
        let result = try await poll([
            Fixtures.item(guid: "g1", title: "Blast at depot", hash: "00000000000000aa"),
            Fixtures.item(guid: "g2", title: "Blast at depot", hash: "00000000000000aa"),
        ])
        #expect(result.insertedItemIDs.count == 2)
        #expect(result.duplicates == 0)
    }

    @Test func blankGuidsAndLinksDoNotMakeItemsEqual() async throws {
        let result = try await poll([
            Fixtures.item(guid: "", link: " ", title: "one"),
            Fixtures.item(guid: "  ", link: "", title: "two"),
        ])
        #expect(result.insertedItemIDs.count == 2)
        let stored = try await store.items(feedURL: feed, limit: 10, includePageBody: false)
        #expect(stored.allSatisfy { $0.guid == nil && $0.link == nil && $0.canonicalURL == nil })
    }

    @Test func differentItemsAreAllKeptInInputOrder() async throws {
        let result = try await poll(Fixtures.items(5))
        #expect(result.duplicates == 0)
        #expect(result.insertedItemIDs.count == 5)
        #expect(result.insertedItemIDs == result.insertedItemIDs.sorted())
        let stored = try await store.items(feedURL: feed, limit: 10, includePageBody: false)
        let titleByID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.title) })
        #expect(result.insertedItemIDs.map { titleByID[$0] } == (0..<5).map { "item \($0)" })
    }

    @Test func reissuedItemsOfALaterPollAreNotStoredAgain() async throws {
        _ = try await poll(Fixtures.items(3), at: Fixtures.time(0))
        let second = try await poll(Fixtures.items(4), at: Fixtures.time(15))
        #expect(second.insertedItemIDs.count == 1)
        #expect(second.duplicates == 3)
        #expect(try await store.itemCount() == 4)
        let newest = try await store.items(feedURL: feed, limit: 1, includePageBody: false)
        #expect(newest.first?.title == "item 3")
        #expect(newest.first?.firstSeenAt == Fixtures.time(15))
    }

    @Test func theSameItemInTwoFeedsIsStoredForEach() async throws {
        _ = try await poll(Fixtures.items(2))
        let other = try await store.recordPoll(Fixtures.fetched("https://other.example/rss", Fixtures.items(2)))
        #expect(other.insertedItemIDs.count == 2)
        #expect(try await store.itemCount() == 4)
    }

    @Test func storesEveryFieldOfAnItem() async throws {
        let published = Fixtures.time(-60)
        let item = NewItem(
            guid: "g", link: "https://news.example/a", canonicalURL: "https://news.example/a", title: "Title",
            summary: "<p>Summary</p>", content: "<p>Content</p>", text: "Content", author: "Reporter",
            published: published, updated: Fixtures.time(-30), tags: ["world", "europe"],
            contentHash: "0123456789abcdef")
        _ = try await poll([item])
        let stored = try #require(try await store.items(feedURL: nil, limit: 1, includePageBody: false).first)
        #expect(
            stored
                == StoredItem(
                    id: 1, feedURL: feed, guid: "g", link: "https://news.example/a",
                    canonicalURL: "https://news.example/a", title: "Title", text: "Content",
                    contentHash: "0123456789abcdef", published: published, firstSeenAt: Fixtures.t0))
        let row = try store.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM items") }
        #expect(row?["summary"] == "<p>Summary</p>")
        #expect(row?["content"] == "<p>Content</p>")
        #expect(row?["author"] == "Reporter")
        #expect(row?["tags"] == #"["world","europe"]"#)
        #expect(row?["first_seen_at"] == "2025-06-15 15:06:40.000")
    }

    // MARK: - Polls

    @Test func aFailingInsertRollsBackTheWholePoll() async throws {
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(1), etag: "\"v1\""))
        let before = try await store.feedState(url: feed)

        // The second item breaks the schema's CHECK on content_hash, after the feed row and the first item
        // were written inside the transaction.
        let broken = PollRecord(
            feedURL: feed, polledAt: Fixtures.time(15),
            outcome: .fetched(
                status: 200, etag: "\"v2\"", lastModified: "Tue, 01 Jul 2025 10:00:00 GMT",
                items: [Fixtures.item(guid: "new", title: "new"), Fixtures.item(guid: "bad", title: "bad", hash: "")]),
            consecutiveFailures: 0, nextPollAt: Fixtures.time(30))
        let error = await #expect(throws: StoreError.self) { try await store.recordPoll(broken) }
        #expect(error?.code == .operationFailed)
        #expect(error?.description.contains("CHECK constraint failed") == true)

        #expect(try await store.feedState(url: feed) == before)
        #expect(before?.etag == "\"v1\"")
        #expect(try await store.itemCount() == 1)
    }

    @Test func validatorsSurviveNotModifiedAndFailures() async throws {
        let etag = "W/\"abc\""
        let lastModified = "Mon, 30 Jun 2025 08:00:00 GMT"
        _ = try await store.recordPoll(
            Fixtures.fetched(feed, Fixtures.items(1), at: Fixtures.time(0), etag: etag, lastModified: lastModified))

        _ = try await store.recordPoll(
            PollRecord(
                feedURL: feed, polledAt: Fixtures.time(15), outcome: .notModified, consecutiveFailures: 0,
                nextPollAt: Fixtures.time(30)))
        var state = try #require(try await store.feedState(url: feed))
        #expect(state.etag == etag)
        #expect(state.lastModified == lastModified)
        #expect(state.lastStatus == 304)
        #expect(state.lastSuccessAt == Fixtures.time(15))

        _ = try await store.recordPoll(
            PollRecord(
                feedURL: feed, polledAt: Fixtures.time(30), outcome: .failed(message: "HTTP 503", status: 503),
                consecutiveFailures: 1, nextPollAt: Fixtures.time(31)))
        state = try #require(try await store.feedState(url: feed))
        #expect(state.etag == etag)
        #expect(state.lastModified == lastModified)

        // A new representation without validators replaces them: they described the old one.
        _ = try await store.recordPoll(Fixtures.fetched(feed, [], at: Fixtures.time(45)))
        state = try #require(try await store.feedState(url: feed))
        #expect(state.etag == nil)
        #expect(state.lastModified == nil)
    }

    @Test func healthFieldsAndNextPollArePersisted() async throws {
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(2), at: Fixtures.time(0)))
        _ = try await store.recordPoll(
            PollRecord(
                feedURL: feed, polledAt: Fixtures.time(15),
                outcome: .failed(message: "connection refused", status: nil), consecutiveFailures: 1,
                nextPollAt: Fixtures.time(16)))
        _ = try await store.recordPoll(
            PollRecord(
                feedURL: feed, polledAt: Fixtures.time(16), outcome: .failed(message: "HTTP 500", status: 500),
                consecutiveFailures: 2, nextPollAt: Fixtures.time(18)))
        var state = try #require(try await store.feedState(url: feed))
        #expect(
            state
                == FeedState(
                    url: feed, active: true, lastPolledAt: Fixtures.time(16), lastSuccessAt: Fixtures.time(0),
                    lastErrorAt: Fixtures.time(16), lastError: "HTTP 500", lastStatus: 500, consecutiveFailures: 2,
                    nextPollAt: Fixtures.time(18), itemCount: 2))
        #expect(!state.isHealthy)

        _ = try await store.recordPoll(
            PollRecord(
                feedURL: feed, polledAt: Fixtures.time(18), outcome: .failed(message: "timeout", status: nil),
                consecutiveFailures: 3, nextPollAt: Fixtures.time(22)))
        #expect(try await store.feedState(url: feed)?.lastStatus == nil)

        _ = try await store.recordPoll(Fixtures.fetched(feed, [], at: Fixtures.time(22)))
        state = try #require(try await store.feedState(url: feed))
        #expect(state.isHealthy)
        #expect(state.lastSuccessAt == Fixtures.time(22))
        #expect(state.lastStatus == 200)
        #expect(state.nextPollAt == Fixtures.time(37))
        // The last error stays on record, with its time, after recovery.
        #expect(state.lastError == "timeout")
        #expect(state.lastErrorAt == Fixtures.time(18))
    }

    @Test func aPollForAnUnknownFeedCreatesIt() async throws {
        let result = try await poll(Fixtures.items(2))
        #expect(result.insertedItemIDs.count == 2)
        let state = try #require(try await store.feedState(url: feed))
        #expect(state.active)
        #expect(state.itemCount == 2)
        #expect(try await store.feedStates().map(\.url) == [feed])
    }

    // MARK: - Feeds

    @Test func syncFeedsActivatesAndDeactivates() async throws {
        let a = "https://a.example/feed"
        let b = "https://b.example/feed"
        let c = "https://c.example/feed"
        let d = "https://d.example/feed"
        try await store.syncFeeds(
            [Fixtures.definition(b, name: "B"), Fixtures.definition(a), Fixtures.definition(c, enabled: false)],
            now: Fixtures.t0)
        var states = try await store.feedStates()
        #expect(states.map(\.url) == [a, b, c])
        #expect(states.map(\.active) == [true, true, false])
        #expect(states.map(\.name) == [nil, "B", nil])
        #expect(states.allSatisfy { $0.nextPollAt == Fixtures.t0 })

        _ = try await store.recordPoll(Fixtures.fetched(b, Fixtures.items(3), at: Fixtures.time(1), etag: "e"))

        // b leaves the configuration, c is enabled, d is new, a is renamed.
        try await store.syncFeeds(
            [Fixtures.definition(a, name: "A"), Fixtures.definition(c), Fixtures.definition(d)], now: Fixtures.time(5))
        states = try await store.feedStates()
        #expect(states.map(\.url) == [a, c, d, b])
        #expect(states.map(\.active) == [true, true, true, false])
        #expect(states.first?.name == "A")
        #expect(states.last?.itemCount == 3)
        #expect(states.first { $0.url == d }?.nextPollAt == Fixtures.time(5))
        #expect(states.first { $0.url == c }?.nextPollAt == Fixtures.t0)

        // b comes back with its history.
        try await store.syncFeeds([Fixtures.definition(b, name: "B")], now: Fixtures.time(10))
        let back = try #require(try await store.feedState(url: b))
        #expect(back.active)
        #expect(back.etag == "e")
        #expect(back.itemCount == 3)
        #expect(back.nextPollAt == Fixtures.time(16))
        #expect(try await store.feedStates().filter(\.active).map(\.url) == [b])
    }

    @Test func syncFeedsMergesAURLListedTwice() async throws {
        let a = "https://a.example/feed"
        try await store.syncFeeds(
            [Fixtures.definition(a, enabled: false), Fixtures.definition(a, name: "Second")], now: Fixtures.t0)
        let state = try #require(try await store.feedState(url: a))
        #expect(state.active)
        #expect(state.name == "Second")
        #expect(try await store.feedStates().count == 1)
    }

    // MARK: - Inbox

    @Test func inboxItemsAreDeduplicatedAcrossFiles() async throws {
        let first = try await store.storeInboxItems(
            [
                Fixtures.item(guid: "report-17", title: "Port fire"),
                Fixtures.item(title: "Bridge collapse", text: "A bridge collapsed."),
            ],
            source: "inbox:monday.jsonl", at: Fixtures.time(0))
        #expect(first.insertedItemIDs.count == 2)

        let second = try await store.storeInboxItems(
            [
                Fixtures.item(guid: "report-17", title: "Port fire (update)"),
                Fixtures.item(title: "Bridge collapse", text: "A bridge collapsed."),
                Fixtures.item(title: "Flood warning", text: "Rivers rising."),
            ],
            source: "inbox:tuesday.txt", at: Fixtures.time(60))
        #expect(second.insertedItemIDs.count == 1)
        #expect(second.duplicates == 2)

        let all = try await store.items(feedURL: SQLiteStore.inboxURL, limit: 10, includePageBody: false)
        #expect(all.map(\.title) == ["Flood warning", "Bridge collapse", "Port fire"])
        #expect(all.map(\.feedURL) == ["inbox:tuesday.txt", "inbox:monday.jsonl", "inbox:monday.jsonl"])
        let monday = try await store.items(feedURL: "inbox:monday.jsonl", limit: 10, includePageBody: false)
        #expect(monday.count == 2)
        #expect(try await store.itemCount() == 3)
    }

    @Test func theInboxIsNotAPolledFeed() async throws {
        _ = try await store.storeInboxItems([Fixtures.item(title: "x")], source: "inbox:a.txt", at: Fixtures.t0)
        try await store.syncFeeds([Fixtures.definition(feed)], now: Fixtures.t0)
        #expect(try await store.feedStates().map(\.url) == [feed])
        let inbox = try #require(try await store.feedState(url: SQLiteStore.inboxURL))
        #expect(inbox.active)
        #expect(inbox.nextPollAt == nil)
        #expect(inbox.itemCount == 1)
        #expect(inbox.lastSuccessAt == Fixtures.t0)
    }

    // MARK: - Reading

    @Test func itemsAreNewestFirstAndLimited() async throws {
        _ = try await poll(Fixtures.items(2), at: Fixtures.time(0))
        _ = try await store.recordPoll(
            Fixtures.fetched("https://other.example/rss", Fixtures.items(1, start: 7), at: Fixtures.time(5)))
        _ = try await poll(Fixtures.items(1, start: 2), at: Fixtures.time(10))

        let all = try await store.items(feedURL: nil, limit: 10, includePageBody: false)
        #expect(all.map(\.title) == ["item 2", "item 7", "item 1", "item 0"])
        #expect(all.map(\.feedURL) == [feed, "https://other.example/rss", feed, feed])
        #expect(
            try await store.items(feedURL: feed, limit: 2, includePageBody: false).map(\.title) == ["item 2", "item 1"])
        #expect(try await store.items(feedURL: "https://unknown.example/", limit: 10, includePageBody: false).isEmpty)
        #expect(try await store.items(feedURL: nil, limit: 0, includePageBody: false).isEmpty)
        #expect(try await store.itemCount() == 4)
    }
}
