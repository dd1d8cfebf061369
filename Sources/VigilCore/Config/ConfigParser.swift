import Foundation
import Yams

/// Parses `vigil.yaml` text into `VigilConfig`, collecting every problem as `file:line: message`.
/// Pure: the caller reads the file. Relative paths resolve against the config file's folder.
public enum ConfigParser {
    static let topLevelKeys = [
        "state_dir", "log_dir", "feeds_dir", "inbox_dir", "detect_dir", "log_level", "allow_private_networks", "poll",
        "alerts", "surge",
    ]
    static let surgeKeys = [
        "window_days", "baseline_days", "alpha", "cusum_rate_ratio", "baseline_floor_per_week",
        "in_control_run_weeks", "min_incidents", "min_excess", "min_history_weeks", "immediate_firing_count",
        "resolve_quiet_days", "escalation_ratio", "by_event_type", "complete_weeks", "silences_file",
    ]
    static let pollKeys = [
        "interval", "jitter", "connect_timeout", "timeout", "max_body_bytes", "max_concurrent", "max_per_host",
        "user_agent", "backoff_initial", "backoff_max", "max_articles_per_poll",
    ]
    static let alertsKeys = ["webhook", "exec"]
    static let webhookKeys = ["url", "timeout", "max_attempts", "backoff_initial", "backoff_max"]
    static let execKeys = ["command", "timeout"]
    /// Log levels accepted by `log_level`.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Parses the daemon config at `file` (an absolute or working-directory-relative path used for messages and
    /// for resolving relative paths). Returns the config only when there is no problem.
    public static func parse(yaml text: String, file: String) -> (config: VigilConfig?, problems: [ConfigProblem]) {
        var reader = YAMLReader(file: file)
        let folder = (file as NSString).deletingLastPathComponent
        var config = VigilConfig(
            configFile: file,
            stateDir: resolve("state", against: folder), logDir: resolve("logs", against: folder),
            feedsDir: resolve("feeds.d", against: folder), inboxDir: resolve("inbox", against: folder))

        guard let root = reader.compose(text) else {
            if reader.problems.isEmpty { return (config, []) }  // an empty file means all defaults
            return (nil, reader.problems)
        }
        guard let pairs = reader.mapping(root, what: "the config file", allowed: topLevelKeys) else {
            return (nil, reader.problems)
        }
        for (key, value) in pairs {
            switch key {
            case "state_dir": reader.string(value, key: key).map { config.stateDir = resolve($0, against: folder) }
            case "log_dir": reader.string(value, key: key).map { config.logDir = resolve($0, against: folder) }
            case "feeds_dir": reader.string(value, key: key).map { config.feedsDir = resolve($0, against: folder) }
            case "inbox_dir": reader.string(value, key: key).map { config.inboxDir = resolve($0, against: folder) }
            case "detect_dir": reader.string(value, key: key).map { config.detectDir = resolve($0, against: folder) }
            case "log_level":
                if let level = reader.string(value, key: key) {
                    if logLevels.contains(level.lowercased()) {
                        config.logLevel = level.lowercased()
                    } else {
                        reader.report(value, "'log_level' must be one of \(logLevels.joined(separator: ", "))")
                    }
                }
            case "allow_private_networks": reader.bool(value, key: key).map { config.allowPrivateNetworks = $0 }
            case "poll": parsePoll(value, into: &config.poll, reader: &reader)
            case "alerts": parseAlerts(value, into: &config.alerts, reader: &reader)
            case "surge": parseSurge(value, into: &config.surge, folder: folder, reader: &reader)
            default: break
            }
        }
        let poll = config.poll
        if poll.maxPerHost > poll.maxConcurrent {
            reader.report(line: line(of: "max_per_host", in: root), "'max_per_host' must not exceed 'max_concurrent'")
        }
        if poll.backoffInitial > poll.backoffMax {
            reader.report(
                line: line(of: "backoff_initial", in: root), "'backoff_initial' must not exceed 'backoff_max'")
        }
        let problems = reader.problems
        return (problems.isEmpty ? config : nil, problems)
    }

    private static func parsePoll(_ node: Node, into poll: inout PollSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'poll'", allowed: pollKeys) else { return }
        let day: TimeInterval = 86400
        for (key, value) in pairs {
            switch key {
            case "interval":
                reader.duration(value, key: key, minimum: 10, maximum: 7 * day).map { poll.interval = $0 }
            case "jitter": reader.duration(value, key: key, minimum: 0, maximum: day).map { poll.jitter = $0 }
            case "connect_timeout":
                reader.duration(value, key: key, minimum: 0.1, maximum: 300).map { poll.connectTimeout = $0 }
            case "timeout": reader.duration(value, key: key, minimum: 0.1, maximum: 3600).map { poll.timeout = $0 }
            case "max_body_bytes":
                reader.byteSize(value, key: key, range: 1024...(1 << 30)).map { poll.maxBodyBytes = $0 }
            case "max_concurrent": reader.int(value, key: key, range: 1...1000).map { poll.maxConcurrent = $0 }
            case "max_per_host": reader.int(value, key: key, range: 1...100).map { poll.maxPerHost = $0 }
            case "user_agent": reader.string(value, key: key).map { poll.userAgent = $0 }
            case "backoff_initial":
                reader.duration(value, key: key, minimum: 1, maximum: 7 * day).map { poll.backoffInitial = $0 }
            case "backoff_max":
                reader.duration(value, key: key, minimum: 1, maximum: 30 * day).map { poll.backoffMax = $0 }
            case "max_articles_per_poll":
                reader.int(value, key: key, range: 0...10000).map { poll.maxArticlesPerPoll = $0 }
            default: break
            }
        }
    }

    private static func parseSurge(
        _ node: Node, into surge: inout SurgeSettings, folder: String, reader: inout YAMLReader
    ) {
        guard let pairs = reader.mapping(node, what: "'surge'", allowed: surgeKeys) else { return }
        for (key, value) in pairs {
            switch key {
            case "window_days": reader.int(value, key: key, range: 7...365).map { surge.windowDays = $0 }
            case "baseline_days": reader.int(value, key: key, range: 28...3650).map { surge.baselineDays = $0 }
            case "alpha": reader.double(value, key: key, range: 1e-9...0.2).map { surge.alpha = $0 }
            case "cusum_rate_ratio": reader.double(value, key: key, range: 1.1...10).map { surge.cusumRateRatio = $0 }
            case "baseline_floor_per_week":
                reader.double(value, key: key, range: 0.01...100).map { surge.baselineFloorPerWeek = $0 }
            case "in_control_run_weeks":
                reader.double(value, key: key, range: 10...100_000).map { surge.inControlRunWeeks = $0 }
            case "min_incidents": reader.int(value, key: key, range: 1...10_000).map { surge.minimumIncidents = $0 }
            case "min_excess": reader.double(value, key: key, range: 0...10_000).map { surge.minimumExcess = $0 }
            case "min_history_weeks":
                reader.int(value, key: key, range: 1...520).map { surge.minimumHistoryWeeks = $0 }
            case "immediate_firing_count":
                reader.int(value, key: key, range: 1...10_000).map { surge.immediateFiringCount = $0 }
            case "resolve_quiet_days": reader.int(value, key: key, range: 1...365).map { surge.resolveQuietDays = $0 }
            case "escalation_ratio": reader.double(value, key: key, range: 1...100).map { surge.escalationRatio = $0 }
            case "by_event_type": reader.bool(value, key: key).map { surge.byEventType = $0 }
            case "complete_weeks": reader.bool(value, key: key).map { surge.completeWeeks = $0 }
            case "silences_file":
                reader.string(value, key: key).map { surge.silencesFile = resolve($0, against: folder) }
            default: break
            }
        }
        if surge.baselineDays < surge.windowDays {
            reader.report(node, "'surge.baseline_days' must be at least 'surge.window_days'")
        }
    }

    private static func parseAlerts(_ node: Node, into alerts: inout AlertSinkSettings, reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, what: "'alerts'", allowed: alertsKeys) else { return }
        for (key, value) in pairs {
            switch key {
            case "webhook": alerts.webhook = parseWebhook(value, reader: &reader)
            case "exec": alerts.exec = parseExec(value, reader: &reader)
            default: break
            }
        }
    }

    private static func parseWebhook(_ node: Node, reader: inout YAMLReader) -> WebhookSettings? {
        guard let pairs = reader.mapping(node, what: "'alerts.webhook'", allowed: webhookKeys) else { return nil }
        var webhook = WebhookSettings(url: "")
        var valid = true
        for (key, value) in pairs {
            switch key {
            case "url":
                guard let url = reader.string(value, key: key) else {
                    valid = false
                    continue
                }
                if CanonicalURL.isHTTP(url) {
                    webhook.url = url
                } else {
                    reader.report(value, "bad URL '\(url)': 'url' must be an absolute http or https URL")
                    valid = false
                }
            case "timeout":
                reader.duration(value, key: key, minimum: 0.1, maximum: 600).map { webhook.timeout = $0 }
            case "max_attempts": reader.int(value, key: key, range: 1...100).map { webhook.maxAttempts = $0 }
            case "backoff_initial":
                reader.duration(value, key: key, minimum: 0.01, maximum: 86400).map { webhook.backoffInitial = $0 }
            case "backoff_max":
                reader.duration(value, key: key, minimum: 0.01, maximum: 7 * 86400).map { webhook.backoffMax = $0 }
            default: break
            }
        }
        if webhook.url.isEmpty, valid {
            reader.report(node, "'alerts.webhook' has no 'url'")
        }
        if webhook.backoffInitial > webhook.backoffMax {
            reader.report(
                line: line(of: "backoff_initial", in: node), "'backoff_initial' must not exceed 'backoff_max'")
        }
        return webhook.url.isEmpty ? nil : webhook
    }

    private static func parseExec(_ node: Node, reader: inout YAMLReader) -> ExecSettings? {
        guard let pairs = reader.mapping(node, what: "'alerts.exec'", allowed: execKeys) else { return nil }
        var exec = ExecSettings(command: [])
        var valid = true
        for (key, value) in pairs {
            switch key {
            case "command":
                if let command = reader.stringList(value, key: key) {
                    exec.command = command
                } else {
                    valid = false
                }
            case "timeout": reader.duration(value, key: key, minimum: 0.1, maximum: 3600).map { exec.timeout = $0 }
            default: break
            }
        }
        if exec.command.isEmpty, valid {
            reader.report(node, "'alerts.exec' needs a non-empty 'command' (program path, then arguments)")
        }
        return exec.command.isEmpty ? nil : exec
    }

    /// The line of the first mapping key named `key` anywhere in the tree (for cross-field problems).
    private static func line(of key: String, in node: Node) -> Int {
        switch node {
        case .mapping(let mapping):
            for (k, v) in mapping {
                if k.scalar?.string == key { return k.mark?.line ?? 0 }
                let inner = line(of: key, in: v)
                if inner > 0 { return inner }
            }
        case .sequence(let sequence):
            for element in sequence {
                let inner = line(of: key, in: element)
                if inner > 0 { return inner }
            }
        default: break
        }
        return 0
    }

    /// A path made absolute against `folder` unless it already is; `~/` expands to the home folder.
    public static func resolve(_ path: String, against folder: String) -> String {
        var path = path
        if path.hasPrefix("~/") { path = NSHomeDirectory() + path.dropFirst() }
        let joined = path.hasPrefix("/") ? path : (folder.isEmpty ? path : folder + "/" + path)
        return (joined as NSString).standardizingPath
    }
}
