import Foundation
import GRDB

/// An error of the SQLite store, carrying the database path and the underlying message.
///
/// A struct over a private code enum, so cases can be added without breaking callers; compare `code`
/// against the static codes (`error.code == .schemaTooNew`).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure happened.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case cannotOpen
            case schemaTooNew
            case migrationFailed
            case operationFailed
            case unknownItem
            case corruptData
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The database file could not be opened (missing folder, permissions, not a database...).
        public static let cannotOpen = Code(.cannotOpen)
        /// The database was migrated by a newer Vigil; this binary refuses to use it rather than downgrade it.
        public static let schemaTooNew = Code(.schemaTooNew)
        /// A schema migration failed and was rolled back.
        public static let migrationFailed = Code(.migrationFailed)
        /// A read or a write failed (and, for a write, was rolled back).
        public static let operationFailed = Code(.operationFailed)
        /// A page was recorded for an item id the store does not hold.
        public static let unknownItem = Code(.unknownItem)
        /// Stored data could not be decoded (a page body that does not inflate).
        public static let corruptData = Code(.corruptData)

        /// A short name of the code, for logs.
        public var description: String {
            switch base {
            case .cannotOpen: "cannotOpen"
            case .schemaTooNew: "schemaTooNew"
            case .migrationFailed: "migrationFailed"
            case .operationFailed: "operationFailed"
            case .unknownItem: "unknownItem"
            case .corruptData: "corruptData"
            }
        }
    }

    /// What kind of failure happened.
    public let code: Code
    /// Path of the database file, or `:memory:` for an in-memory store.
    public let path: String
    /// The underlying message (SQLite's, or the store's own).
    public let message: String

    init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// Wraps an underlying error (SQLite, GRDB, file system) under `code`, keeping a `StoreError` as it is.
    static func wrapping(_ error: any Error, code: Code, path: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if let databaseError = error as? DatabaseError {
            return StoreError(code, path: path, message: databaseError.message ?? "\(databaseError.resultCode)")
        }
        return StoreError(code, path: path, message: "\(error)")
    }

    /// One line, starting with what failed and where: "cannot open database at /x/vigil.sqlite: ...".
    public var description: String {
        switch code {
        case .cannotOpen: "cannot open database at \(path): \(message)"
        case .schemaTooNew: "database at \(path) was created by a newer Vigil: \(message)"
        case .migrationFailed: "cannot migrate database at \(path): \(message)"
        case .unknownItem: "database at \(path): \(message)"
        case .corruptData: "corrupt data in database at \(path): \(message)"
        default: "database error at \(path): \(message)"
        }
    }
}
