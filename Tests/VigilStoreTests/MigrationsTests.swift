import Foundation
import GRDB
import Testing
import VigilCore

@testable import VigilStore

@Suite struct MigrationsTests {
    @Test func createsTheSchema() async throws {
        let store = try SQLiteStore.inMemory()
        let (tables, uniqueIndexes, applied) = try await store.writer.read { db in
            let tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            let unique = try String.fetchSet(
                db, sql: "SELECT name FROM pragma_index_list('items') WHERE \"unique\" = 1 AND partial = 1")
            return (tables, unique, try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(tables.isSuperset(of: ["feeds", "items", "item_pages"]))
        #expect(uniqueIndexes == ["items_feed_guid", "items_feed_canonical_url", "items_feed_content_hash"])
        #expect(applied == Migrations.migrator.migrations)
        #expect(applied.allSatisfy { $0.hasPrefix("v") })
    }

    @Test func migrationsAreIdempotentOnReopen() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        let first = try SQLiteStore(path: path)
        _ = try await first.recordPoll(Fixtures.fetched("https://a.example/feed", Fixtures.items(3)))
        try first.close()

        let second = try SQLiteStore(path: path)
        let applied = try await second.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == Migrations.migrator.migrations)
        #expect(try await second.itemCount() == 3)
    }

    @Test func fileDatabaseUsesWALAndTheConfiguredPragmas() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.file("vigil.sqlite"))
        let pragmas = try await store.writer.write { db in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchOne(db, sql: "PRAGMA synchronous"),
                try String.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchOne(db, sql: "PRAGMA busy_timeout"),
            ]
        }
        // synchronous 1 is NORMAL; busy_timeout is in milliseconds.
        #expect(pragmas == ["wal", "1", "1", "10000"])
    }

    @Test func refusesADatabaseFromANewerVigil() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        try SQLiteStore(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .schemaTooNew)
        #expect(error?.path == path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("v99-from-the-future") == true)

        // Nothing was rolled back or "repaired".
        let reread = try DatabaseQueue(path: path)
        let applied = try await reread.read { db in
            try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied.contains("v99-from-the-future"))
    }

    @Test func rejectsAFileThatIsNotADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("vigil.sqlite")
        try Data(String(repeating: "this is a text file, not SQLite\n", count: 100).utf8).write(
            to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description == "cannot open database at \(path): file is not a database")
    }

    @Test func reportsAPathThatCannotBeCreated() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.file("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = (blocker as NSString).appendingPathComponent("vigil.sqlite")

        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.hasPrefix("cannot open database at \(path): ") == true)
    }

    @Test func createsMissingParentFolders() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("state/nested/vigil.sqlite")
        let store = try SQLiteStore(path: path)
        #expect(store.path == path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try await store.itemCount() == 0)
    }
}
