import Foundation
import VigilCore
import VigilParse

/// The feed files in `feeds_dir` and the feeds in effect. A file that fails to parse is reported and its last
/// good version stays in effect; a removed file's feeds go away.
public struct FeedDirectory: Sendable {
    /// What a rescan found.
    public struct Report: Sendable {
        /// Files (re)loaded because they are new or changed and parse cleanly.
        public var loaded: [String] = []
        /// Files rejected, with every problem; their last good version (if any) stays in effect.
        public var rejected: [String: [ConfigProblem]] = [:]
        /// Files that disappeared.
        public var removed: [String] = []
        /// Feeds defined in more than one file (the first file in name order wins).
        public var duplicates: [ConfigProblem] = []
        /// Whether the set of feeds in effect may have changed.
        public var changed: Bool { !loaded.isEmpty || !removed.isEmpty }
        /// Every problem, rejected files first.
        public var problems: [ConfigProblem] {
            rejected.keys.sorted().flatMap { rejected[$0] ?? [] } + duplicates
        }
    }

    /// The watched folder.
    public let path: String
    private var catalog = FeedCatalog()
    private var lastSeen: [String: Data] = [:]

    public init(path: String) {
        self.path = path
    }

    /// File names Vigil reads as feed lists.
    public static func isFeedFile(_ name: String) -> Bool {
        guard !name.hasPrefix("."), !name.hasSuffix("~") else { return false }
        let ext = (name as NSString).pathExtension.lowercased()
        return ["yaml", "yml", "opml"].contains(ext)
    }

    /// Every feed in effect, duplicates across files dropped.
    public var feeds: [FeedDefinition] { catalog.resolved().feeds }

    /// Re-reads the folder: parses new and changed files, drops removed ones.
    public mutating func rescan() -> Report {
        var report = Report()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter(Self.isFeedFile).sorted()
        } catch {
            report.rejected[path] = [
                ConfigProblem(SourceLocation(file: path, line: 0), "cannot read feeds folder: \(Self.reason(error))")
            ]
            return report
        }
        for name in lastSeen.keys where !names.contains(name) {
            lastSeen[name] = nil
            catalog.remove(file: name)
            report.removed.append(name)
        }
        for name in names {
            let full = (path as NSString).appendingPathComponent(name)
            let display = DisplayPath.of(full)
            guard let data = FileManager.default.contents(atPath: full) else {
                if FileManager.default.fileExists(atPath: full) {
                    report.rejected[name] = [ConfigProblem(SourceLocation(file: display, line: 0), "cannot read file")]
                }
                continue
            }
            if lastSeen[name] == data { continue }
            lastSeen[name] = data
            let (feeds, problems) = Self.parse(data, name: name, display: display)
            if problems.isEmpty {
                catalog.set(file: name, feeds: feeds)
                report.loaded.append(name)
            } else {
                report.rejected[name] = problems
            }
        }
        report.duplicates = catalog.resolved().problems
        return report
    }

    /// Parses one feed file by its extension.
    public static func parse(_ data: Data, name: String, display: String) -> ([FeedDefinition], [ConfigProblem]) {
        if (name as NSString).pathExtension.lowercased() == "opml" {
            return OPMLParser.parse(data, file: display)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ([], [ConfigProblem(SourceLocation(file: display, line: 0), "the file is not valid UTF-8")])
        }
        return FeedListParser.parse(yaml: text, file: display)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Paths as shown to people: relative to the working folder when inside it.
public enum DisplayPath {
    public static func of(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}
