import Foundation

/// The feeds in effect: the union of every feed file's last good version, with feeds repeated across files
/// reported and ignored (the first file in name order wins).
public struct FeedCatalog: Sendable, Equatable {
    /// Last good feeds per file name (relative to `feeds_dir`).
    public private(set) var files: [String: [FeedDefinition]] = [:]

    public init() {}

    /// Replaces a file's feeds (its new good version).
    public mutating func set(file: String, feeds: [FeedDefinition]) {
        files[file] = feeds
    }

    /// Forgets a removed file.
    public mutating func remove(file: String) {
        files[file] = nil
    }

    /// Every feed in effect, in file-name order then file order, duplicates dropped, with a problem for each
    /// duplicate naming where the feed was first defined.
    public func resolved() -> (feeds: [FeedDefinition], problems: [ConfigProblem]) {
        var feeds: [FeedDefinition] = []
        var problems: [ConfigProblem] = []
        var seen: [String: SourceLocation] = [:]
        for file in files.keys.sorted() {
            for feed in files[file] ?? [] {
                let key = CanonicalURL.normalize(feed.url) ?? feed.url
                if let first = seen[key] {
                    if first.file != feed.origin.file {
                        problems.append(
                            ConfigProblem(feed.origin, "duplicate feed \(feed.url) (already defined at \(first))"))
                    }
                    continue
                }
                seen[key] = feed.origin
                feeds.append(feed)
            }
        }
        return (feeds, problems)
    }
}
