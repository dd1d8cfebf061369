import Foundation
import Logging
import VigilCore
import VigilDetect

/// SIGHUP: re-read `vigil.yaml` and the detector data, and apply them or keep the running ones.
extension Daemon {
    /// Reloads on each SIGHUP until shutdown.
    func watchHangups() async {
        guard let hangups else { return }
        for await _ in hangups.stream {
            await reload()
        }
    }

    /// Re-reads the config and the detector data. When either has a problem, every problem is logged as
    /// `file:line: message` and the running configuration stays; otherwise the new one applies from each loop's
    /// next round: poll settings for the polls scheduled from now on, the log level, the surge settings and
    /// silences, and the detector. Folders, alert sinks and the fetcher's limits wait for a restart (logged).
    /// systemd sees `RELOADING=1` then `READY=1` either way: a rejected reload still ends with a running daemon.
    func reload() async {
        guard let options = reloadOptions else { return }
        notifier.reloading()
        logger.info("reloading configuration", metadata: ["file.path": "\(options.configPath)"])
        let running = state.current
        let config: VigilConfig
        let detector: Detector?
        do {
            config = try Runtime.loadConfig(path: options.configPath)
            detector = running.detector == nil ? nil : try Runtime.loadDetector(config)
        } catch {
            let problems = (error as? Runtime.ConfigError)?.problems ?? ["\(error)"]
            for problem in problems {
                logger.error("\(problem)")
            }
            logger.error("reload rejected; the running configuration stays in effect")
            notifier.send(
                "READY=1\nSTATUS=reload rejected (\(problems.count) problem\(problems.count == 1 ? "" : "s")); "
                    + "running on the previous configuration")
            return
        }
        state.replace(config: config, detector: detector)
        if let setting = options.logLevel, let level = Logger.Level(rawValue: config.logLevel) {
            setting.level = level
        }
        let waiting = Self.settingsNeedingRestart(running: self.config, reloaded: config)
        if !waiting.isEmpty {
            logger.warning(
                "changed settings take effect after a restart",
                metadata: ["settings": "\(waiting.joined(separator: ", "))"])
        }
        logger.info("configuration reloaded", metadata: ["log_level": "\(config.logLevel)"])
        await reloadFeeds()
        notifier.send("READY=1")
        if let line = await statusLine() { notifier.status(line) }
    }

    /// The settings that differ between the config the daemon started with and `reloaded` but that a reload does
    /// not apply, by their `vigil.yaml` names.
    static func settingsNeedingRestart(running: VigilConfig, reloaded: VigilConfig) -> [String] {
        var names: [String] = []
        if running.stateDir != reloaded.stateDir { names.append("state_dir") }
        if running.logDir != reloaded.logDir { names.append("log_dir") }
        if running.feedsDir != reloaded.feedsDir { names.append("feeds_dir") }
        if running.inboxDir != reloaded.inboxDir { names.append("inbox_dir") }
        if running.poll.maxConcurrent != reloaded.poll.maxConcurrent { names.append("poll.max_concurrent") }
        if running.poll.maxPerHost != reloaded.poll.maxPerHost { names.append("poll.max_per_host") }
        if running.alerts.webhook != reloaded.alerts.webhook { names.append("alerts.webhook") }
        if running.alerts.exec != reloaded.alerts.exec { names.append("alerts.exec") }
        return names
    }
}
