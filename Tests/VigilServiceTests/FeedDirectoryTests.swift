import Foundation
import Testing
import VigilCore

@testable import VigilService

@Suite struct FeedDirectoryTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "vigil-feeds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    @Test func loadsYAMLAndOPMLIgnoresOtherFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("a.yaml", "feeds:\n  - url: https://a.example/rss\n")
        try write(
            "b.opml",
            """
            <?xml version="1.0"?>
            <opml version="2.0"><body><outline text="News" title="news">
              <outline text="B" xmlUrl="https://b.example/feed"/>
            </outline></body></opml>
            """)
        try write("notes.txt", "not a feed file")
        try write(".hidden.yaml", "feeds: [")
        var directory = FeedDirectory(path: folder)
        let report = directory.rescan()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(Set(report.loaded) == ["a.yaml", "b.opml"])
        #expect(directory.feeds.map(\.url) == ["https://a.example/rss", "https://b.example/feed"])
        #expect(directory.feeds[1].tags == ["news"])
        #expect(directory.rescan().changed == false)  // nothing changed since
    }

    @Test func brokenFileKeepsLastGoodVersionAndRemovalDropsFeeds() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("a.yaml", "feeds:\n  - url: https://a.example/rss\n")
        var directory = FeedDirectory(path: folder)
        _ = directory.rescan()
        try write("a.yaml", "feeds:\n  - url: https://a.example/rss\n  - url: [broken\n")
        let broken = directory.rescan()
        #expect(broken.rejected.keys.contains("a.yaml"))
        #expect(broken.problems.first?.location.line ?? 0 >= 3)
        #expect(broken.problems.first?.location.file.hasSuffix("a.yaml") == true)
        #expect(directory.feeds.map(\.url) == ["https://a.example/rss"])  // last good version in effect

        try write("a.yaml", "feeds:\n  - url: https://a.example/rss\n  - url: https://c.example/rss\n")
        #expect(directory.rescan().loaded == ["a.yaml"])
        #expect(directory.feeds.count == 2)

        try FileManager.default.removeItem(atPath: folder + "/a.yaml")
        let removed = directory.rescan()
        #expect(removed.removed == ["a.yaml"])
        #expect(directory.feeds.isEmpty)
    }

    @Test func duplicatesAcrossFilesAreReported() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("a.yaml", "feeds:\n  - url: https://a.example/rss\n")
        try write("b.yaml", "feeds:\n  - url: https://A.example/rss\n")
        var directory = FeedDirectory(path: folder)
        let report = directory.rescan()
        #expect(report.duplicates.count == 1)
        #expect(report.duplicates.first?.description.contains("b.yaml:2: duplicate feed") == true)
        #expect(directory.feeds.count == 1)
    }

    @Test func missingFolderIsAProblem() {
        var directory = FeedDirectory(path: folder + "/nope")
        let report = directory.rescan()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.message.hasPrefix("cannot read feeds folder") == true)
    }
}
