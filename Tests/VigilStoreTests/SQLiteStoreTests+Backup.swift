import Foundation
import GRDB
import Testing
import VigilCore

@testable import VigilStore

/// `SQLiteStore.backup(to:overwrite:)`: a consistent copy taken while another store writes.
extension SQLiteStoreTests {
    @Test func backupWhileWritingHoldsWholePollsOnly() async throws {
        let folder = try TemporaryFolder()
        let daemon = try SQLiteStore(path: folder.file("vigil.sqlite"))
        let other = try SQLiteStore(path: folder.file("vigil.sqlite"))
        let feed = self.feed
        let polls = 30
        let batch = 50
        let writing = Task {
            for n in 0..<polls {
                let items = Fixtures.items(batch, start: n * batch)
                _ = try await daemon.recordPoll(Fixtures.fetched(feed, items, at: Fixtures.time(Double(n))))
            }
        }
        var counts: [Int] = []
        for n in 0..<5 {
            let path = folder.file("backup-\(n).sqlite")
            try other.backup(to: path)
            let copy = try SQLiteStore(path: path)
            counts.append(try await copy.itemCount())
            try copy.close()
        }
        try await writing.value
        let final = folder.file("final.sqlite")
        try other.backup(to: final)
        let copy = try SQLiteStore(path: final)
        #expect(try await copy.itemCount() == polls * batch)
        #expect(try await copy.feedState(url: feed)?.itemCount == polls * batch)
        // Each copy is one committed state: never part of a poll.
        #expect(counts.allSatisfy { $0 % batch == 0 }, "\(counts)")
        #expect(!FileManager.default.fileExists(atPath: final + ".partial-\(getpid())"))
    }

    @Test func backupRefusesAnExistingFileUnlessOverwriting() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("vigil.sqlite"))
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(3), at: Fixtures.time(0)))
        let path = folder.file("backup.sqlite")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.self) { try store.backup(to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")

        try store.backup(to: path, overwrite: true)
        let copy = try SQLiteStore(path: path)
        #expect(try await copy.itemCount() == 3)
    }

    @Test func backupOfAnInMemoryStore() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore.inMemory()
        _ = try await store.recordPoll(Fixtures.fetched(feed, Fixtures.items(4), at: Fixtures.time(0)))
        try store.backup(to: folder.file("copy.sqlite"))
        #expect(try await SQLiteStore(path: folder.file("copy.sqlite")).itemCount() == 4)
    }
}
