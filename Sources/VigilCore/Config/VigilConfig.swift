import Foundation

/// Daemon settings from `vigil.yaml`, with every path already resolved against the config file's folder.
public struct VigilConfig: Sendable, Equatable, Codable {
    /// Absolute path of the config file these settings came from.
    public var configFile: String
    /// Folder for the SQLite store and other state.
    public var stateDir: String
    /// Folder for the alert log and other runtime logs.
    public var logDir: String
    /// Watched folder of feed definition files (`*.yaml`, `*.yml`, `*.opml`).
    public var feedsDir: String
    /// Watched folder whose files are ingested once and moved to `done/` or `failed/`.
    public var inboxDir: String
    /// Folder of the detector's data files (`taxonomy.yaml`, `cues.yaml`, `actors.yaml`, `gazetteer.tsv`).
    public var detectDir: String
    /// Minimum log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String
    /// Whether article links may point at loopback, private or link-local addresses.
    public var allowPrivateNetworks: Bool
    /// Defaults for polling every feed.
    public var poll: PollSettings
    /// Where alerts go besides `log_dir/alerts.jsonl` and the log: an optional webhook and command.
    public var alerts: AlertSinkSettings
    /// Surge statistics and the alert lifecycle.
    public var surge: SurgeSettings

    public init(
        configFile: String, stateDir: String, logDir: String, feedsDir: String, inboxDir: String,
        detectDir: String? = nil, logLevel: String = "info", allowPrivateNetworks: Bool = false,
        poll: PollSettings = PollSettings(), alerts: AlertSinkSettings = AlertSinkSettings()
    ) {
        self.configFile = configFile
        self.stateDir = stateDir
        self.logDir = logDir
        self.feedsDir = feedsDir
        self.inboxDir = inboxDir
        self.detectDir =
            detectDir
            ?? ((configFile as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("detect")
        self.logLevel = logLevel
        self.allowPrivateNetworks = allowPrivateNetworks
        self.poll = poll
        self.alerts = alerts
        self.surge = SurgeSettings(
            silencesFile: ((configFile as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("silences.yaml"))
    }

    /// Path of the SQLite database inside `stateDir`.
    public var databasePath: String { (stateDir as NSString).appendingPathComponent("vigil.sqlite") }
}

/// Poll defaults applied to every feed unless the feed overrides them. Times are in seconds.
public struct PollSettings: Sendable, Equatable, Codable {
    /// Time between two polls of a healthy feed.
    public var interval: TimeInterval = 15 * 60
    /// Upper bound of the random delay added to each scheduled poll, spreading load.
    public var jitter: TimeInterval = 60
    public var connectTimeout: TimeInterval = 10
    /// Whole-transfer timeout.
    public var timeout: TimeInterval = 30
    /// Largest body accepted, counted after decompression.
    public var maxBodyBytes: Int = 10 * 1024 * 1024
    /// Transfers in flight at once, over all hosts.
    public var maxConcurrent: Int = 16
    /// Transfers in flight at once to one host.
    public var maxPerHost: Int = 2
    public var userAgent: String = "Vigil/0.1 (+https://github.com/vigil-osint/vigil; feed watcher)"
    /// First retry delay after a failure; doubled on each further failure.
    public var backoffInitial: TimeInterval = 60
    /// Longest delay between retries of a failing feed; it stays scheduled at this rate.
    public var backoffMax: TimeInterval = 6 * 3600
    /// Article pages fetched at most per feed poll (for `fetch_articles` feeds).
    public var maxArticlesPerPoll: Int = 30

    public init() {}
}

/// One feed as configured in a file under `feeds_dir`.
public struct FeedDefinition: Sendable, Equatable, Codable {
    public var url: String
    public var name: String?
    /// Poll interval override, in seconds.
    public var interval: TimeInterval?
    public var enabled: Bool
    public var tags: [String]
    /// Also fetch each new item's linked page.
    public var fetchArticles: Bool
    /// Where the feed was defined.
    public var origin: SourceLocation

    public init(
        url: String, name: String? = nil, interval: TimeInterval? = nil, enabled: Bool = true, tags: [String] = [],
        fetchArticles: Bool = false, origin: SourceLocation
    ) {
        self.url = url
        self.name = name
        self.interval = interval
        self.enabled = enabled
        self.tags = tags
        self.fetchArticles = fetchArticles
        self.origin = origin
    }
}

/// A position in a configuration file.
public struct SourceLocation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when unknown.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One problem found in a configuration file, printed as `file:line: message`.
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
