import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which alert-log lines `vigil alerts` shows: by alert type, actor, country and time.
public struct AlertFilter: Sendable, Equatable {
    /// Only alerts at or after this time.
    public var since: Date?
    /// Only this alert type (`surge`, `new_actor`, `reported_trend`).
    /// `surge`, `new_actor` or `reported_trend`.
    public var type: String?
    /// Only alerts whose `key.actor` is this (any case).
    /// `key.actor`.
    public var actor: String?
    /// Only alerts whose `key.country` is this (any case).
    /// `key.country`.
    public var country: String?

    /// A filter; nil parts match everything.
    public init(since: Date? = nil, type: String? = nil, actor: String? = nil, country: String? = nil) {
        self.since = since
        self.type = type
        self.actor = actor
        self.country = country
    }

    /// Whether `record` (one alert-log line, decoded) passes. A record without a readable `at` fails a `since`.
    public func matches(_ record: AlertLogRecord) -> Bool {
        if let type, record.type?.lowercased() != type.lowercased() { return false }
        if let actor, record.actor?.lowercased() != actor.lowercased() { return false }
        if let country, record.country?.lowercased() != country.lowercased() { return false }
        if let since {
            guard let at = record.at, at >= since else { return false }
        }
        return true
    }
}

/// The fields of one alert-log line that `vigil alerts` shows and filters on, with the line itself.
public struct AlertLogRecord: Sendable, Equatable {
    /// The line as written, without its newline.
    public var line: Data
    /// The alert id.
    public var id: String?
    /// The delivery sequence number.
    public var seq: Int64?
    /// When the alert was raised (`at`).
    public var at: Date?
    /// `pending`, `firing` or `resolved`.
    public var state: String?
    public var type: String?
    /// `warning` or `high`.
    public var severity: String?
    public var actor: String?
    public var country: String?
    /// `key.event_type`.
    public var eventType: String?
    /// The sentence a person reads.
    public var summary: String?

    /// Decodes one line; nil when it is not a JSON object (a line cut short by a crash).
    public init?(line: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return nil }
        self.line = line
        id = object["id"] as? String
        seq = (object["seq"] as? NSNumber)?.int64Value
        at = (object["at"] as? String).flatMap(Self.parseDate)
        state = object["state"] as? String
        type = object["type"] as? String
        severity = object["severity"] as? String
        summary = object["summary"] as? String
        let key = object["key"] as? [String: Any]
        actor = key?["actor"] as? String
        country = key?["country"] as? String
        eventType = key?["event_type"] as? String
    }

    /// An ISO 8601 time with or without fractional seconds, or a bare `YYYY-MM-DD` (UTC midnight).
    public static func parseDate(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}

/// Reads an alert log line by line, from the start and then as it grows, following it across logrotate's rename
/// (the rest of the old file is read before switching to the new one) and truncation (`copytruncate`).
public final class AlertLogReader {
    /// The followed path.
    public let path: String
    private var fd: Int32 = -1
    private var inode: ino_t = 0
    private var offset: off_t = 0
    private var pending = Data()

    /// A reader of the file at `path`; the file need not exist yet.
    public init(path: String) {
        self.path = path
        _ = openIfPresent()
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// The whole lines added since the last call (all lines on the first call), without their newlines. A last line
    /// without a newline is held back until it is completed.
    public func readNewLines() -> [Data] {
        if fd < 0, !openIfPresent() { return [] }
        var lines = drain()
        var now = stat()
        if stat(path, &now) == 0 {
            if now.st_ino != inode {
                // Rotated: the old file is finished (drained above); a partial last line there stays partial.
                pending = Data()
                close(fd)
                fd = -1
                if openIfPresent() { lines += drain() }
            } else if now.st_size < offset {
                // Truncated in place: start over.
                offset = 0
                pending = Data()
                lines += drain()
            }
        }
        return lines
    }

    private func openIfPresent() -> Bool {
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { return false }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            close(opened)
            return false
        }
        fd = opened
        inode = info.st_ino
        offset = 0
        return true
    }

    private func drain() -> [Data] {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        guard let lastNewline = pending.lastIndex(of: 0x0A) else { return [] }
        let complete = pending[pending.startIndex..<lastNewline]
        let lines = complete.split(separator: 0x0A, omittingEmptySubsequences: true).map { Data($0) }
        pending = Data(pending[(lastNewline + 1)...])
        return lines
    }
}
