import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A change seen in a watched folder.
public struct DirectoryEvent: Sendable, Equatable {
    /// What happened to the entry.
    public enum Kind: Sendable, Equatable {
        /// A file opened for writing was closed: its content is complete.
        case closedAfterWrite
        /// An entry was renamed or moved into the folder (complete by construction).
        case movedIn
        /// An entry was created (it may still be being written).
        case created
        case deleted
        case movedOut
        /// The kernel's event queue overflowed: rescan the folder.
        case overflow
        /// The watched folder itself was removed or moved away.
        case folderGone
    }

    /// Entry name inside the folder (empty for `overflow` and `folderGone`).
    public var name: String
    public var kind: Kind
    /// Whether the entry is a folder.
    public var isDirectory: Bool

    public init(name: String, kind: Kind, isDirectory: Bool = false) {
        self.name = name
        self.kind = kind
        self.isDirectory = isDirectory
    }
}

/// Watches one folder with inotify and delivers its changes as an async stream. One small thread per watcher
/// blocks in `poll(2)`; `stop()` wakes it through a pipe and ends the stream.
public final class DirectoryWatcher: Sendable {
    /// Thrown when the folder cannot be watched.
    public struct WatchError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot watch \(path): \(reason)" }
    }

    public let path: String
    /// The folder's changes, in kernel order. Finishes after `stop()` or when the folder disappears.
    public let events: AsyncStream<DirectoryEvent>

    private let inotifyFD: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let state = Mutex<(continuation: AsyncStream<DirectoryEvent>.Continuation?, stopped: Bool)>((nil, false))

    public init(path: String) throws {
        self.path = path
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(path: path, reason: String(cString: strerror(errno))) }
        let mask = UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF
                | IN_MOVE_SELF | IN_ONLYDIR)
        guard inotify_add_watch(fd, path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw WatchError(path: path, reason: reason)
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw WatchError(path: path, reason: reason)
        }
        for end in fds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        inotifyFD = fd
        stopPipe = (fds[0], fds[1])
        let (stream, continuation) = AsyncStream.makeStream(of: DirectoryEvent.self, bufferingPolicy: .unbounded)
        events = stream
        state.withLock { $0.continuation = continuation }
        let thread = Thread { [self] in self.readLoop(continuation: continuation) }
        thread.name = "vigil-watch"
        thread.start()
    }

    /// Stops watching; the event stream finishes. Idempotent.
    public func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        if first {
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
        }
    }

    private func readLoop(continuation: AsyncStream<DirectoryEvent>.Continuation) {
        defer {
            continuation.finish()
            close(inotifyFD)
            close(stopPipe.read)
            close(stopPipe.write)
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = [
                pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return
            }
            var gone = false
            for event in Self.decode(buffer[0..<count]) {
                continuation.yield(event)
                if event.kind == .folderGone { gone = true }
            }
            if gone { return }
        }
    }

    /// Decodes a buffer of `struct inotify_event` records.
    static func decode(_ bytes: ArraySlice<UInt8>) -> [DirectoryEvent] {
        var events: [DirectoryEvent] = []
        var offset = bytes.startIndex
        let header = MemoryLayout<inotify_event>.size  // wd, mask, cookie, len: 16 bytes
        while offset + header <= bytes.endIndex {
            func u32(_ at: Int) -> UInt32 {
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3])
                    << 24
            }
            let mask = u32(offset + 4)
            let length = Int(u32(offset + 12))
            let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.endIndex)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + length
            let isDirectory = mask & UInt32(IN_ISDIR) != 0
            let kind: DirectoryEvent.Kind
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                kind = .overflow
            } else if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                kind = .folderGone
            } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
                kind = .closedAfterWrite
            } else if mask & UInt32(IN_MOVED_TO) != 0 {
                kind = .movedIn
            } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                kind = .movedOut
            } else if mask & UInt32(IN_CREATE) != 0 {
                kind = .created
            } else if mask & UInt32(IN_DELETE) != 0 {
                kind = .deleted
            } else {
                continue
            }
            events.append(DirectoryEvent(name: name, kind: kind, isDirectory: isDirectory))
        }
        return events
    }
}
