import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the database to a new file at `path` with SQLite's online backup, from one read snapshot: safe while
    /// the daemon (or another process) writes, which is neither blocked nor seen half-way.
    ///
    /// The copy is written beside `path` under a temporary name, checked (`PRAGMA quick_check`), then moved into
    /// place, so `path` never holds a partial database. An existing file at `path` is replaced only when
    /// `overwrite` is true; otherwise the call fails and leaves it alone. Blocks while copying.
    public func backup(to path: String, overwrite: Bool = false) throws {
        let manager = FileManager.default
        if !overwrite && manager.fileExists(atPath: path) {
            throw StoreError(.operationFailed, path: path, message: "file exists (pass --force to replace it)")
        }
        let partial = path + ".partial-\(getpid())"
        defer { try? manager.removeItem(atPath: partial) }
        do {
            let destination = try DatabaseQueue(path: partial)
            try writer.backup(to: destination)
            let check = try destination.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
            try destination.close()
            guard check == "ok" else {
                throw StoreError(.corruptData, path: path, message: "backup fails its check: \(check ?? "no answer")")
            }
        } catch {
            throw StoreError.wrapping(error, code: .operationFailed, path: path)
        }
        // link(2) fails when `path` exists, so a file created meanwhile is not replaced without `overwrite`.
        let moved = overwrite ? rename(partial, path) : link(partial, path)
        guard moved == 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(.operationFailed, path: path, message: "cannot move the backup into place: \(reason)")
        }
    }
}
