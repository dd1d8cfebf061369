import Foundation
import Logging
import VigilCore

/// The inbox folder: files dropped there are ingested once, then moved to `done/`, or to `failed/` beside a
/// `<name>.error` file saying why. Hidden files and names ending in `.tmp`, `.part`, `.partial`, `.crdownload`
/// or `~` are left alone: write under such a name and rename into place, or write directly and close.
public struct Inbox: Sendable {
    /// What happened to one file.
    public enum Outcome: Sendable, Equatable {
        case ingested(newItems: Int, duplicates: Int)
        case rejected(reason: String)
    }

    public let path: String
    public var doneFolder: String { (path as NSString).appendingPathComponent("done") }
    public var failedFolder: String { (path as NSString).appendingPathComponent("failed") }

    /// Files larger than this are rejected without being read.
    public let maxFileBytes: Int

    public init(path: String, maxFileBytes: Int = 64 * 1024 * 1024) {
        self.path = path
        self.maxFileBytes = maxFileBytes
    }

    /// Creates the inbox and its `done/` and `failed/` folders.
    public func prepare() throws {
        for folder in [path, doneFolder, failedFolder] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    /// Whether a name is one the inbox ingests (not hidden, not a temporary name).
    public static func accepts(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasSuffix("~") { return false }
        let ext = (name as NSString).pathExtension.lowercased()
        return !["tmp", "part", "partial", "crdownload", "swp", "error"].contains(ext)
    }

    /// Regular files waiting in the inbox, oldest first; with `settledFor`, only files not modified for that long
    /// (a file still being written is left for its close event).
    public func waitingFiles(settledFor: TimeInterval = 0, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var files: [(String, Date)] = []
        for name in names where Self.accepts(name) {
            let full = (path as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            let modified = attributes[.modificationDate] as? Date ?? .distantPast
            if settledFor > 0, now.timeIntervalSince(modified) < settledFor { continue }
            files.append((name, modified))
        }
        return files.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Ingests one file through the pipeline and moves it away. Returns nil when the file vanished or is not a
    /// regular file (nothing to do), and when the store failed (the file stays for a later attempt).
    public func process(_ name: String, pipeline: IngestPipeline, logger: Logger) async -> Outcome? {
        let full = (path as NSString).appendingPathComponent(name)
        var log = logger
        log[metadataKey: "inbox.file"] = "\(full)"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let outcome: Outcome
        if size > maxFileBytes {
            outcome = .rejected(reason: "the file is \(size) bytes, more than the inbox limit of \(maxFileBytes)")
        } else if let data = FileManager.default.contents(atPath: full) {
            do {
                let result = try await pipeline.ingest(fileData: data, fileName: name)
                outcome = .ingested(newItems: result.insertedItemIDs.count, duplicates: result.duplicates)
            } catch let rejection as InboxDocument.Rejection {
                outcome = .rejected(reason: rejection.reason)
            } catch {
                log.error("cannot store inbox file; it stays in the inbox", metadata: ["error": "\(error)"])
                return nil
            }
        } else {
            outcome = .rejected(reason: "the file cannot be read")
        }
        do {
            switch outcome {
            case .ingested(let newItems, let duplicates):
                let moved = try move(full, into: doneFolder)
                log.info(
                    "inbox file ingested",
                    metadata: ["items.new": "\(newItems)", "items.duplicates": "\(duplicates)", "moved.to": "\(moved)"])
            case .rejected(let reason):
                let moved = try move(full, into: failedFolder)
                try Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: moved + ".error"), options: .atomic)
                log.notice("inbox file rejected", metadata: ["reason": "\(reason)", "moved.to": "\(moved)"])
            }
        } catch {
            log.error("cannot move inbox file", metadata: ["error": "\(error)"])
        }
        return outcome
    }

    /// Moves a file into a folder, adding a numeric suffix when the name is taken. Returns the new path.
    private func move(_ file: String, into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = (file as NSString).lastPathComponent
        var target = (folder as NSString).appendingPathComponent(name)
        var counter = 1
        while FileManager.default.fileExists(atPath: target)
            || FileManager.default.fileExists(atPath: target + ".error")
        {
            let base = (name as NSString).deletingPathExtension
            let ext = (name as NSString).pathExtension
            target = (folder as NSString).appendingPathComponent("\(base).\(counter)" + (ext.isEmpty ? "" : ".\(ext)"))
            counter += 1
        }
        try FileManager.default.moveItem(atPath: file, toPath: target)
        return target
    }
}
