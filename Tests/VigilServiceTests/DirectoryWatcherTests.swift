import Foundation
import Testing

@testable import VigilService

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct DirectoryWatcherTests {
    /// Collects events until `predicate` holds for the list or the deadline passes.
    func collect(_ watcher: DirectoryWatcher, until predicate: @escaping @Sendable ([DirectoryEvent]) -> Bool)
        async -> [DirectoryEvent]
    {
        await withTaskGroup(of: [DirectoryEvent]?.self) { group in
            group.addTask {
                var seen: [DirectoryEvent] = []
                for await event in watcher.events {
                    seen.append(event)
                    if predicate(seen) { return seen }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            watcher.stop()
            return first ?? []
        }
    }

    @Test func reportsCloseAfterWriteRenameInAndDelete() async throws {
        let folder = NSTemporaryDirectory() + "vigil-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outside = NSTemporaryDirectory() + "vigil-outside-\(UUID().uuidString)"
        let watcher = try DirectoryWatcher(path: folder)

        // Half-written: created and written, but not closed yet.
        let fd = open(folder + "/a.txt", O_CREAT | O_WRONLY, 0o644)
        try #require(fd >= 0)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(Data("partial".utf8))
        try Data("done".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.moveItem(atPath: outside, toPath: folder + "/b.txt")
        handle.write(Data(" rest".utf8))
        try handle.close()
        try FileManager.default.removeItem(atPath: folder + "/b.txt")

        let events = await collect(watcher) { $0.contains { $0.kind == .deleted } }
        let closes = events.filter { $0.kind == .closedAfterWrite }.map(\.name)
        #expect(events.contains(DirectoryEvent(name: "a.txt", kind: .created)))
        #expect(events.contains(DirectoryEvent(name: "b.txt", kind: .movedIn)))
        #expect(closes.contains("a.txt"))
        #expect(events.contains(DirectoryEvent(name: "b.txt", kind: .deleted)))
        // The close of a.txt comes after the rename of b.txt: a reader acting on close never sees "partial" alone.
        let movedIndex = try #require(events.firstIndex(of: DirectoryEvent(name: "b.txt", kind: .movedIn)))
        let closeIndex = try #require(events.firstIndex(of: DirectoryEvent(name: "a.txt", kind: .closedAfterWrite)))
        #expect(movedIndex < closeIndex)
    }

    @Test func stopFinishesTheStream() async throws {
        let folder = NSTemporaryDirectory() + "vigil-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let watcher = try DirectoryWatcher(path: folder)
        watcher.stop()
        watcher.stop()
        var count = 0
        for await _ in watcher.events { count += 1 }
        #expect(count == 0)
    }

    @Test func missingFolderThrowsWithPath() {
        #expect {
            _ = try DirectoryWatcher(path: "/nonexistent/vigil-\(UUID().uuidString)")
        } throws: { error in
            "\(error)".hasPrefix("cannot watch /nonexistent/vigil-")
        }
    }

    @Test func folderRemovalEndsStream() async throws {
        let folder = NSTemporaryDirectory() + "vigil-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let watcher = try DirectoryWatcher(path: folder)
        try FileManager.default.removeItem(atPath: folder)
        let events = await collect(watcher) { $0.contains { $0.kind == .folderGone } }
        #expect(events.contains { $0.kind == .folderGone })
    }
}
