import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilFetch

/// The long-running daemon (`vigil run`): watches `feeds_dir` and `inbox_dir` with inotify, polls due feeds
/// through the pipeline, and stops cleanly on graceful shutdown (in-flight polls are abandoned and stay due).
///
/// Under systemd it speaks sd_notify (`READY=1`, a `STATUS=` line every minute, `WATCHDOG=1` from the scheduler
/// loop, `STOPPING=1`), and with a `ReloadOptions` it re-reads `vigil.yaml` and the detector data on SIGHUP.
public final class Daemon: Service {
    /// The config the daemon started with; folders and sinks stay as they are here until a restart.
    public let config: VigilConfig
    /// The pipeline as started; `currentPipeline` carries reloaded poll settings and detector.
    public let pipeline: IngestPipeline
    /// The config and detector in effect (replaced by a reload).
    public let state: ReloadableState
    let notifier: SystemdNotifier
    let reloadOptions: ReloadOptions?
    let hangups: HangupSignals?
    let logger: Logger
    private let book = Mutex(ScheduleBook())
    private let feedDirectory: Mutex<FeedDirectory>
    private let inbox: Inbox
    /// How often the scheduler looks for due feeds.
    private let tick: Duration
    /// How long feed-folder events are gathered before a rescan (editors write files in several steps).
    private let settle: Duration
    /// Where alerts go; nil keeps them in the store's outbox (tests of other stages).
    private let alerts: AlertSinks?

    /// What a SIGHUP reload reads and changes.
    public struct ReloadOptions: Sendable {
        /// The `vigil.yaml` to re-read.
        public var configPath: String
        /// The log level to set from the reloaded config; nil when `--log-level` fixed it.
        public var logLevel: LogLevelSetting?

        public init(configPath: String, logLevel: LogLevelSetting?) {
            self.configPath = configPath
            self.logLevel = logLevel
        }
    }

    /// A daemon over `pipeline`. With `reload`, SIGHUP no longer terminates the process (from now on, so one
    /// arriving during start-up is kept) and reloads the config instead.
    public init(
        config: VigilConfig, pipeline: IngestPipeline, logger: Logger, alerts: AlertSinks? = nil,
        notifier: SystemdNotifier = SystemdNotifier(environment: [:]), reload: ReloadOptions? = nil,
        tick: Duration = .milliseconds(500), settle: Duration = .milliseconds(250)
    ) {
        self.alerts = alerts
        self.state = ReloadableState(config: config, detector: pipeline.detector)
        self.notifier = notifier
        self.reloadOptions = reload
        self.hangups = reload.map { _ in HangupSignals(label: "vigil.sighup.reload") }
        self.config = config
        self.pipeline = pipeline
        self.logger = logger
        self.feedDirectory = Mutex(FeedDirectory(path: config.feedsDir))
        self.inbox = Inbox(path: config.inboxDir)
        self.tick = tick
        self.settle = settle
    }

    public func run() async throws {
        try inbox.prepare()
        await reloadFeeds(initial: true)
        logger.info(
            "vigil running",
            metadata: [
                "feeds": "\(book.withLock { $0.count })", "feeds_dir": "\(config.feedsDir)",
                "inbox_dir": "\(config.inboxDir)", "database": "\(config.databasePath)",
            ])
        notifier.send("READY=1")
        await withGracefulShutdownHandler {
            await cancelWhenGracefulShutdown {
                await withDiscardingTaskGroup { group in
                    group.addTask { await self.watchFeeds() }
                    group.addTask { await self.watchInbox() }
                    group.addTask { await self.schedule() }
                    group.addTask { await self.reprocessArticles() }
                    group.addTask { await self.analyse() }
                    group.addTask { await self.reportStatus() }
                    group.addTask { await self.watchHangups() }
                }
            }
        } onGracefulShutdown: { [notifier] in
            notifier.send("STOPPING=1")
        }
        hangups?.cancel()
        logger.info("vigil stopped")
    }

    /// The pipeline with the poll settings and detector in effect.
    public var currentPipeline: IngestPipeline {
        Self.pipeline(pipeline, with: state.current)
    }

    private static func pipeline(_ base: IngestPipeline, with current: ReloadableState.Current) -> IngestPipeline {
        var pipeline = base
        pipeline.settings = current.config.poll
        pipeline.allowPrivateNetworks = current.config.allowPrivateNetworks
        pipeline.detector = current.detector
        return pipeline
    }

    // MARK: Feeds folder

    /// Rescans `feeds_dir`, logs what changed and every problem, and applies the feeds in effect.
    func reloadFeeds(initial: Bool = false) async {
        let (report, feeds) = feedDirectory.withLock { directory in
            let report = directory.rescan()
            return (report, directory.feeds)
        }
        for problem in report.problems {
            logger.warning("\(problem)")
        }
        for name in report.rejected.keys.sorted() where !initial {
            logger.warning("feed file rejected; its last good version stays in effect", metadata: ["file": "\(name)"])
        }
        guard initial || report.changed else { return }
        if !initial {
            logger.info(
                "feeds reloaded",
                metadata: [
                    "files.loaded": "\(report.loaded)", "files.removed": "\(report.removed)",
                    "feeds": "\(feeds.filter(\.enabled).count)",
                ])
        }
        do {
            let now = pipeline.clock.now()
            try await pipeline.store.syncFeeds(feeds, now: now)
            let states = try await pipeline.store.feedStates()
            var nextPolls: [String: Date] = [:]
            for state in states { nextPolls[ScheduleBook.key(state.url)] = state.nextPollAt }
            book.withLock { $0.update(feeds: feeds, nextPolls: nextPolls, now: now) }
        } catch {
            logger.error("cannot apply feed changes", metadata: ["error": "\(error)"])
        }
    }

    private func watchFeeds() async {
        while !Task.isCancelled {
            let watcher: DirectoryWatcher
            do {
                watcher = try DirectoryWatcher(path: config.feedsDir)
            } catch {
                logger.warning("\(error); retrying in 5 s")
                try? await Task.sleep(for: .seconds(5))
                continue
            }
            await reloadFeeds()  // catch changes made while no watch was active
            let events = watcher.events
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    // A rescan runs after a short quiet period, so a burst of events gives one reload.
                    let (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
                    group.addTask {
                        for await _ in signals {
                            try? await Task.sleep(for: self.settle)
                            await self.reloadFeeds()
                        }
                    }
                    for await event in events {
                        if event.kind == .folderGone {
                            self.logger.warning("feeds folder disappeared; watching again when it is back")
                            break
                        }
                        if event.kind == .overflow || FeedDirectory.isFeedFile(event.name) {
                            signal.yield()
                        }
                    }
                    signal.finish()
                }
            } onCancel: {
                watcher.stop()
            }
            watcher.stop()
            if !Task.isCancelled { try? await Task.sleep(for: .seconds(2)) }
        }
    }

    // MARK: Inbox

    private func watchInbox() async {
        while !Task.isCancelled {
            let watcher: DirectoryWatcher
            do {
                try inbox.prepare()
                watcher = try DirectoryWatcher(path: config.inboxDir)
            } catch {
                logger.warning("\(error); retrying in 5 s")
                try? await Task.sleep(for: .seconds(5))
                continue
            }
            // Files already waiting (from before the start, or missed): take those that are not being written.
            for name in inbox.waitingFiles(settledFor: 2, now: Date()) {
                if Task.isCancelled { break }
                _ = await inbox.process(name, pipeline: currentPipeline, logger: logger)
            }
            let events = watcher.events
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    // A slow sweep catches files whose writer never closed them cleanly.
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .seconds(30))
                            if Task.isCancelled { break }
                            for name in self.inbox.waitingFiles(settledFor: 30, now: Date()) {
                                _ = await self.inbox.process(name, pipeline: self.currentPipeline, logger: self.logger)
                            }
                        }
                    }
                    for await event in events {
                        if event.kind == .folderGone { break }
                        guard !event.isDirectory, Inbox.accepts(event.name),
                            event.kind == .closedAfterWrite || event.kind == .movedIn
                        else { continue }
                        _ = await self.inbox.process(event.name, pipeline: self.currentPipeline, logger: self.logger)
                    }
                    group.cancelAll()
                }
            } onCancel: {
                watcher.stop()
            }
            watcher.stop()
            if !Task.isCancelled { try? await Task.sleep(for: .seconds(2)) }
        }
    }

    // MARK: Articles

    /// Re-extracts, in the background, pages that an older extractor version handled.
    private func reprocessArticles() async {
        do {
            let count = try await pipeline.articles.reprocess(all: false)
            if count > 0 {
                logger.info("articles re-extracted", metadata: ["pages": "\(count)"])
            }
        } catch {
            if !Task.isCancelled { logger.error("cannot re-extract articles", metadata: ["error": "\(error)"]) }
        }
    }

    // MARK: Detection

    /// Analyses new items every couple of seconds (a pass over nothing is one indexed query).
    private func analyse() async {
        guard pipeline.analysis != nil else { return }
        var incidents = IncidentStage(store: pipeline.store, clock: pipeline.clock, logger: logger)
        var alerting = AlertStage(config: config, store: pipeline.store, clock: pipeline.clock, logger: logger)
        let dispatcher = alerts.map { AlertDispatcher(store: pipeline.store, sinks: $0, logger: logger) }
        var generation = state.current.generation
        while !Task.isCancelled {
            // A reload applies here, between two passes: the new detector and the new surge settings and silences.
            let current = state.current
            if current.generation != generation {
                generation = current.generation
                alerting.apply(current.config)
            }
            do {
                guard let analysis = Self.pipeline(pipeline, with: current).analysis else { break }
                _ = try await analysis.analysePending()
                let merged = try await incidents.process()
                try await alerting.process(merged)
                try await dispatcher?.dispatch()
            } catch {
                if Task.isCancelled { break }
                logger.error("cannot analyse items", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }

    // MARK: Scheduler

    /// Starts due polls every `tick`, and keeps the systemd watchdog fed: the keep-alive is sent from this loop's
    /// iterations, not from a timer of its own, so a scheduler that stops turning gets the daemon restarted.
    private func schedule() async {
        // The fetcher was sized at start-up: poll.max_concurrent and max_per_host change with a restart only.
        let limit = config.poll.maxConcurrent
        let watchdog = notifier.watchdogInterval
        let pause = watchdog.map { min(tick, $0 / 2) } ?? tick
        var lastKeepAlive: ContinuousClock.Instant?
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let pipeline = currentPipeline
                let now = pipeline.clock.now()
                let due = book.withLock { $0.takeDue(now: now, limit: limit - $0.inFlightCount) }
                for feed in due {
                    group.addTask {
                        let summary = await pipeline.poll(feed)
                        // No summary: abandoned at shutdown (stays due), or the store failed (retry in a minute).
                        let retry = Task.isCancelled ? nil : self.pipeline.clock.now().addingTimeInterval(60)
                        self.book.withLock { $0.complete(url: feed.url, nextPoll: summary?.nextPoll ?? retry) }
                    }
                }
                if let watchdog {
                    // Sent when the next chance would come too late: at most `watchdog` (half systemd's limit) apart.
                    let instant = ContinuousClock.now
                    if lastKeepAlive.map({ instant - $0 + pause >= watchdog }) ?? true {
                        notifier.send("WATCHDOG=1")
                        lastKeepAlive = instant
                    }
                }
                try? await Task.sleep(for: pause)
            }
        }
    }

    // MARK: Status

    /// Sends a `STATUS=` line now and every minute.
    private func reportStatus() async {
        guard notifier.isEnabled else { return }
        while !Task.isCancelled {
            if let line = await statusLine() { notifier.status(line) }
            try? await Task.sleep(for: .seconds(60))
        }
    }

    /// "N/M feeds healthy, K items today, A alerts today", counted over the UTC day; nil when the store fails.
    func statusLine() async -> String? {
        let store = pipeline.store
        let midnight = Date(timeIntervalSince1970: Double(TallyReport.day(of: pipeline.clock.now())) * 86_400)
        do {
            let feeds = try await store.feedStates().filter(\.active)
            let items = try await store.itemCount(firstSeenSince: midnight)
            let alerts = try await store.outboxCount(since: midnight)
            return "\(feeds.filter(\.isHealthy).count)/\(feeds.count) feeds healthy, \(items) items today, "
                + "\(alerts) alerts today"
        } catch {
            if !Task.isCancelled { logger.debug("cannot read status counts", metadata: ["error": "\(error)"]) }
            return nil
        }
    }
}
