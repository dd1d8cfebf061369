import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The alert log `log_dir/alerts.jsonl`: one alert per line, each line written with a single `write(2)` on an
/// `O_APPEND` descriptor so concurrent writers never interleave, and each carrying the delivery's `seq` so that
/// after a crash the highest delivered `seq` can be read back from the file's tail.
///
/// Works with logrotate in `create` mode: after the file is renamed, `reopen()` (on SIGHUP) makes the next append
/// go to a new file at the path.
public final class AlertLogFile: Sendable {
    /// The file's path.
    public let path: String
    /// Whether each append is followed by `fsync(2)`.
    public let syncEachLine: Bool

    private struct State {
        var fd: Int32
        /// Highest `seq` appended by this process.
        var highest: Int64?
    }

    private let state: Mutex<State>

    /// Opens (creating it and its folder when missing) the alert log at `path`. When the file ends in a partial
    /// line (a write cut short by a crash), a newline is added so the next alert starts a line of its own.
    public init(path: String, fsync: Bool = false) throws(AlertSinkError) {
        self.path = path
        self.syncEachLine = fsync
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw AlertSinkError(.open, target: path, message: "cannot create folder \(folder): \(error)")
            }
        }
        let fd = try Self.open(path)
        state = Mutex(State(fd: fd, highest: nil))
        if Self.endsInPartialLine(path) {
            try append(raw: Data("\n".utf8))
        }
    }

    deinit {
        state.withLock { state in
            if state.fd >= 0 { Glibc.close(state.fd) }
            state.fd = -1
        }
    }

    /// Appends `delivery` as one line with `"seq"` as its first field.
    public func append(_ delivery: AlertDelivery) throws(AlertSinkError) {
        guard let line = delivery.lineWithSeq() else {
            throw AlertSinkError(
                .badRecord, target: path, message: "alert \(delivery.id) is not one JSON object on one line")
        }
        try append(raw: line)
        state.withLock { $0.highest = max($0.highest ?? delivery.seq, delivery.seq) }
    }

    /// Closes the file and opens the path again, creating it if it was renamed away (logrotate `create`).
    public func reopen() throws(AlertSinkError) {
        let fd = try Self.open(path)
        let old = state.withLock { state in
            let old = state.fd
            state.fd = fd
            return old
        }
        if old >= 0 { Glibc.close(old) }
    }

    /// The highest `seq` already in the alert log (or appended by this process): deliveries at or below it were
    /// delivered before. Reads the file's tail, skipping lines that are not whole JSON objects; when the file has
    /// none (just rotated), looks at the rotated copy `<path>.1`. Nil when no alert was ever logged.
    public func lastDeliveredSeq() -> Int64? {
        let written = state.withLock { $0.highest }
        let onDisk = Self.lastSeq(inFileAt: path) ?? Self.lastSeq(inFileAt: path + ".1")
        switch (written, onDisk) {
        case (let a?, let b?): return max(a, b)
        case (let a?, nil): return a
        case (nil, let b): return b
        }
    }

    /// The highest `seq` among the last whole, parseable lines of the file at `path`, read backwards in chunks
    /// until at least one such line is found. Nil when the file is missing or holds none.
    public static func lastSeq(inFileAt path: String) -> Int64? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var end = Int(info.st_size)
        let chunkSize = 64 * 1024
        var tail = Data()  // bytes from `end` to the file's end
        while end > 0 {
            let start = max(0, end - chunkSize)
            var chunk = [UInt8](repeating: 0, count: end - start)
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, end - start, off_t(start)) }
            guard count == end - start else { return nil }
            tail = Data(chunk) + tail
            end = start
            // Lines wholly inside `tail`: when not at the file's start, the first piece may be cut.
            var lines = tail.split(separator: 0x0A, omittingEmptySubsequences: true)
            if start > 0, !lines.isEmpty { lines.removeFirst() }
            let seqs = lines.compactMap(Self.seq(of:))
            if let best = seqs.max() { return best }
        }
        return nil
    }

    /// The `seq` field of one line, or nil when the line is not a JSON object with an integer `seq`.
    static func seq(of line: Data) -> Int64? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let number = object["seq"] as? NSNumber
        else { return nil }
        let value = number.int64Value
        return Double(value) == number.doubleValue ? value : nil
    }

    private func append(raw line: Data) throws(AlertSinkError) {
        let failure: String? = state.withLock { state in
            var written = 0
            while written < line.count {
                let n = line.withUnsafeBytes { bytes in
                    Glibc.write(state.fd, bytes.baseAddress.map { $0 + written }, line.count - written)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += n
            }
            if syncEachLine, fsync(state.fd) != 0 { return "fsync: " + String(cString: strerror(errno)) }
            return nil
        }
        if let failure { throw AlertSinkError(.write, target: path, message: failure) }
    }

    private static func open(_ path: String) throws(AlertSinkError) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw AlertSinkError(.open, target: path, message: String(cString: strerror(errno)))
        }
        return fd
    }

    private static func endsInPartialLine(_ path: String) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return false }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, info.st_size - 1) == 1 else { return false }
        return last != 0x0A
    }
}
