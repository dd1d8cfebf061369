import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Vigil's log lines on stderr. Under systemd (`JOURNAL_STREAM` set) each line starts with its syslog priority
/// (`<3>` error ... `<7>` debug) and carries no timestamp, since the journal adds one; otherwise lines are
/// human-readable with a UTC timestamp. Metadata follows the message as `key=value`, sorted by key.
public struct VigilLogHandler: LogHandler {
    /// Where lines go; a test can capture them.
    public enum Output: Sendable {
        case standardError
        case capture(LogCapture)
    }

    /// The minimum level: the shared `LogLevelSetting`'s while one is attached (reloaded with the config), else
    /// this handler's own. Setting it detaches the handler from the shared setting.
    public var logLevel: Logger.Level {
        get { setting?.level ?? ownLevel }
        set {
            ownLevel = newValue
            setting = nil
        }
    }
    private var ownLevel: Logger.Level
    private var setting: LogLevelSetting?
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let journal: Bool
    private let output: Output

    public init(label: String, level: Logger.Level, journal: Bool? = nil, output: Output = .standardError) {
        self.label = label
        self.ownLevel = level
        self.journal = journal ?? (ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil)
        self.output = output
    }

    /// A handler whose level follows `setting`, so that a config reload can change it for every logger copy.
    public init(label: String, setting: LogLevelSetting, journal: Bool? = nil, output: Output = .standardError) {
        self.init(label: label, level: setting.level, journal: journal, output: output)
        self.setting = setting
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        var line = journal ? "<\(Self.syslogPriority(event.level))>" : "\(Timestamp.now()) \(event.level.label) "
        line += event.message.description
        for key in all.keys.sorted() {
            line += " \(key)=\(Self.quoted(all[key].map { "\($0)" } ?? ""))"
        }
        line += "\n"
        switch output {
        case .standardError: StandardError.write(line)
        case .capture(let capture): capture.append(line)
        }
    }

    /// syslog(3) priority for a swift-log level.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
        else { return value }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    private enum Timestamp {
        static func now() -> String {
            var tv = timeval()
            gettimeofday(&tv, nil)
            var time = tv.tv_sec
            var parts = tm()
            gmtime_r(&time, &parts)
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                parts.tm_hour, parts.tm_min, parts.tm_sec, Int32(tv.tv_usec / 1000))
        }
    }
}

extension Logger.Level {
    /// The level's name as written in config files and log lines.
    public var label: String { rawValue }
}

/// Log lines captured in memory, for tests.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// Every captured line, without trailing newlines.
    public var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) {
        let trimmed = line.hasSuffix("\n") ? String(line.dropLast()) : line
        lines.withLock { $0.append(trimmed) }
    }
}

/// Unbuffered writes to stderr, whole lines at once, safe from any thread.
public enum StandardError {
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, base + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
