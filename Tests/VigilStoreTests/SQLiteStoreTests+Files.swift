import Foundation
import Testing
import VigilCore

@testable import VigilStore

/// Tests against database files: WAL readers and writers in two stores, reopening, shutdown, throughput.
extension SQLiteStoreTests {
    @Test func aSecondStoreReadsWhileTheFirstWrites() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let daemon = try SQLiteStore(path: path)
        let status = try SQLiteStore(path: path)
        let feed = self.feed
        let polls = 40
        let batch = 50

        let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
            group.addTask {
                for n in 0..<polls {
                    let items = Fixtures.items(batch, start: n * batch)
                    _ = try await daemon.recordPoll(Fixtures.fetched(feed, items, at: Fixtures.time(Double(n))))
                }
                return []
            }
            group.addTask {
                var counts: [Int] = []
                while (counts.last ?? 0) < polls * batch {
                    try Task.checkCancellation()
                    counts.append(try await status.itemCount())
                    _ = try await status.feedStates()
                }
                return counts
            }
            var all: [Int] = []
            for try await counts in group { all += counts }
            return all
        }
        // Every read saw whole polls only, never a partly stored batch, and never went back in time.
        #expect(counts.allSatisfy { $0 % batch == 0 })
        #expect(counts == counts.sorted())
        #expect(counts.last == polls * batch)
        #expect(try await status.feedState(url: feed)?.itemCount == polls * batch)
    }

    @Test func twoRacingWritersNeverStoreADuplicate() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let first = try SQLiteStore(path: path)
        let second = try SQLiteStore(path: path)
        let feed = self.feed
        let batches = (0..<10).map { Fixtures.items(20, start: $0 * 20) }

        async let a = Self.storeAll(batches, in: first, feed: feed)
        async let b = Self.storeAll(batches.reversed(), in: second, feed: feed)
        let results = try await [a, b]
        #expect(results.map(\.insertedItemIDs.count).reduce(0, +) == 200)
        #expect(results.map(\.duplicates).reduce(0, +) == 200)
        #expect(try await first.itemCount() == 200)
        let guids = try await second.items(feedURL: feed, limit: 1000, includePageBody: false).compactMap(\.guid)
        #expect(Set(guids).count == 200)
    }

    private static func storeAll(_ batches: [[NewItem]], in store: SQLiteStore, feed: String) async throws
        -> StoreResult
    {
        var total = StoreResult()
        for batch in batches {
            let result = try await store.recordPoll(Fixtures.fetched(feed, batch))
            total.insertedItemIDs += result.insertedItemIDs
            total.duplicates += result.duplicates
        }
        return total
    }

    @Test func reopeningAfterCloseKeepsEverything() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let body = Array("<html>page</html>".utf8)
        let before = try SQLiteStore(path: path)
        try await before.syncFeeds(
            [Fixtures.definition(feed, name: "News"), Fixtures.definition("https://b.example/")], now: Fixtures.t0)
        let result = try await before.recordPoll(
            Fixtures.fetched(
                feed, Fixtures.items(3, wantsPage: true), at: Fixtures.time(1), etag: "\"e\"", lastModified: "lm"))
        try await before.recordPage(
            PageRecord(
                itemID: result.insertedItemIDs[0], fetchedAt: Fixtures.time(2),
                outcome: .fetched(
                    status: 200, finalURL: "https://example.org/a/0", contentType: "text/html", body: body)))
        _ = try await before.storeInboxItems(
            [Fixtures.item(title: "dropped")], source: "inbox:x.txt", at: Fixtures.time(3))
        try await before.syncFeeds([Fixtures.definition(feed, name: "News")], now: Fixtures.time(4))
        let states = try await before.feedStates()
        let items = try await before.items(feedURL: nil, limit: 100, includePageBody: true)
        let pending = try await before.pendingPages(feedURL: feed, maxAttempts: 3, limit: 10)
        try await before.checkpoint()
        try before.close()

        let after = try SQLiteStore(path: path)
        #expect(try await after.feedStates() == states)
        #expect(try await after.items(feedURL: nil, limit: 100, includePageBody: true) == items)
        #expect(try await after.pendingPages(feedURL: feed, maxAttempts: 3, limit: 10) == pending)
        #expect(try await after.feedState(url: SQLiteStore.inboxURL)?.itemCount == 1)
        #expect(states.map(\.active) == [true, false])
        #expect(states.first?.etag == "\"e\"")
        #expect(items.count == 4)
        #expect(items.compactMap(\.pageBody) == [body])
        #expect(pending.count == 2)
    }

    @Test func committedPollsSurviveWhatAKilledProcessLeavesBehind() async throws {
        // A process killed with SIGKILL leaves the database file and a WAL that was never checkpointed; copying
        // both while the store is still open (and never closed) reproduces that state without killing anything.
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(50), etag: "\"e\""))
        #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0 > 0)

        let copy = folder.file("copy/vigil.sqlite")
        try FileManager.default.createDirectory(
            atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")

        let recovered = try SQLiteStore(path: copy)
        #expect(try await recovered.itemCount() == 50)
        #expect(try await recovered.feedState(url: feed)?.etag == "\"e\"")
        _ = store
    }

    @Test func aClosedStoreFailsWithAStoreError() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let store = try SQLiteStore(path: path)
        try store.close()
        let error = await #expect(throws: StoreError.self) { try await store.itemCount() }
        #expect(error?.code == .operationFailed)
        #expect(error?.description.hasPrefix("database error at \(path): ") == true)
    }

    @Test func checkpointEmptiesTheWAL() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let store = try SQLiteStore(path: path)
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(50)))
        let walSize = { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1 }
        #expect(walSize() > 0)
        // A reader of the pool may still hold the last snapshot for a moment; the truncation then waits for it.
        for _ in 0..<20 where walSize() != 0 {
            try await store.checkpoint()
            if walSize() != 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(walSize() == 0)
        #expect(try await store.itemCount() == 50)
    }

    @Test func measuresPollWriteThroughput() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("vigil.sqlite"))
        let polls = 200
        let batch = 50
        let requests = (0..<polls).map { n in
            Fixtures.fetched(
                "https://feed\(n % 20).example/rss", Fixtures.items(batch, start: n * batch),
                at: Fixtures.time(Double(n)),
                etag: "\"\(n)\"")
        }
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for request in requests {
                _ = try await store.recordPoll(request)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(polls * batch) / seconds
        print(
            "SQLiteStore.recordPoll throughput: \(polls * batch) items in \(polls) polls of \(batch), "
                + "\(String(format: "%.3f", seconds)) s, \(Int(rate)) items/s (file database, WAL, synchronous=NORMAL)")
        #expect(try await store.itemCount() == polls * batch)
    }
}
