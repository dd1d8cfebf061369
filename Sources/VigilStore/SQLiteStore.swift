import Foundation
import GRDB
import VigilCore

/// The SQLite implementation of the pipeline's `ItemStore` port.
///
/// A file store is a GRDB `DatabasePool` in WAL mode: the daemon writes through one serialized writer while
/// readers (its own, or another process such as `vigil status`) read the last committed state without
/// blocking it. Every method runs in one transaction, so it commits completely or not at all.
public final class SQLiteStore: ItemStore {
    /// Where the database lives; nil for an in-memory store.
    public let path: String?

    /// The database connection(s): a `DatabasePool` for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter

    /// How long a write waits for another process's write lock before failing with "database is locked".
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating it and its parent folders when missing) and migrates the database at `path`.
    ///
    /// Throws a `StoreError` naming the path when the file cannot be opened, is not a database, or was
    /// migrated by a newer Vigil than this binary (it is then left untouched).
    public convenience init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError(
                    .cannotOpen, path: path,
                    message: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw StoreError.wrapping(error, code: .cannotOpen, path: path)
        }
        try self.init(writer: pool, path: path)
    }

    /// A fresh store in memory with the real schema, for tests and dry runs; gone when released.
    public static func inMemory() throws -> SQLiteStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError.wrapping(error, code: .cannotOpen, path: memoryPath)
        }
        return try SQLiteStore(writer: queue, path: nil)
    }

    private init(writer: any DatabaseWriter, path: String?) throws {
        self.writer = writer
        self.path = path
        try Self.migrate(writer, path: path ?? Self.memoryPath)
    }

    static let memoryPath = ":memory:"

    /// The path used in errors.
    var displayPath: String { path ?? Self.memoryPath }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "VigilStore"
        configuration.foreignKeysEnabled = true
        // Another process (`vigil status`, `vigil once`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // With WAL, synchronous=NORMAL makes a commit durable against a crash of the process (kill -9,
            // OOM killer): the commit is in the WAL file, in the OS page cache, before `write` returns. Only a
            // power loss or kernel crash can lose the last commits (the WAL is fsynced at checkpoints), and
            // even then the database stays consistent. FULL would fsync every poll's commit for no gain
            // against the failure that matters here. (GRDB's DatabasePool sets NORMAL too; say it explicitly.)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Refuses a database migrated by a newer binary, then runs the migrations it lacks.
    private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        let migrator = Migrations.migrator
        do {
            let unknown = try writer.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
            guard unknown.isEmpty else {
                throw StoreError(
                    .schemaTooNew, path: path,
                    message: "it has schema migrations this binary does not know (\(unknown.joined(separator: ", "))); "
                        + "run a newer vigil, or restore a backup of the database")
            }
            try migrator.migrate(writer)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.wrapping(error, code: .cannotOpen, path: path)
        } catch {
            throw StoreError.wrapping(error, code: .migrationFailed, path: path)
        }
    }

    /// Writes the WAL back into the database file and truncates it, for a clean shutdown.
    /// May wait up to the busy timeout while another process is reading.
    public func checkpoint() async throws {
        try await writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    /// Closes the database connections; later calls fail with a `StoreError`.
    public func close() throws {
        do {
            try writer.close()
        } catch {
            throw StoreError.wrapping(error, code: .operationFailed, path: displayPath)
        }
    }

    // MARK: - Database access

    /// Runs `updates` in one write transaction, mapping failures to `StoreError` (cancellation stays as is).
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(updates)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError.wrapping(error, code: .operationFailed, path: displayPath)
        }
    }

    /// Runs `updates` outside of any transaction (checkpoints cannot run inside one).
    func writeWithoutTransaction<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.writeWithoutTransaction(updates)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError.wrapping(error, code: .operationFailed, path: displayPath)
        }
    }

    /// Runs `value` on a snapshot of the last committed state, mapping failures to `StoreError`.
    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(value)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw StoreError.wrapping(error, code: .operationFailed, path: displayPath)
        }
    }
}
