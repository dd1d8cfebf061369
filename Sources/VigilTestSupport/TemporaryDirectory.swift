import Foundation

/// A uniquely named folder under the system temporary directory, for a test's files.
public struct TemporaryDirectory: Sendable {
    /// The folder's URL.
    public let url: URL
    /// The folder's path.
    public var path: String { url.path }

    /// Creates the folder; its name starts with `prefix`.
    public init(prefix: String = "vigil-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func appending(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `contents` to `name` inside the folder (creating subfolders) and returns its path.
    @discardableResult
    public func write(_ contents: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        return file.path
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
