/// Why an alert sink could not do its work.
public struct AlertSinkError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new kinds may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case open, write, badRecord, exec
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The alert log could not be opened or created.
        public static let open = Code(.open)
        /// Writing or syncing the alert log failed.
        public static let write = Code(.write)
        /// The alert's JSON is not one JSON object on one line.
        public static let badRecord = Code(.badRecord)
        /// The alert command could not be started.
        public static let exec = Code(.exec)

        /// The code's name, e.g. `write`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The file, URL or command concerned.
    public var target: String
    /// What went wrong, for people.
    public var message: String

    /// An error of kind `code` about `target`.
    public init(_ code: Code, target: String, message: String) {
        self.code = code
        self.target = target
        self.message = message
    }

    /// `<target>: <message>`.
    public var description: String { "\(target): \(message)" }
}
