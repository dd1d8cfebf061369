import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore
import VigilFetch

/// The long-running daemon (`vigil run`): watches `feeds_dir` and `inbox_dir` with inotify, polls due feeds
/// through the pipeline, and stops cleanly on graceful shutdown (in-flight polls are abandoned and stay due).
public final class Daemon: Service {
    public let config: VigilConfig
    public let pipeline: IngestPipeline
    private let logger: Logger
    private let book = Mutex(ScheduleBook())
    private let feedDirectory: Mutex<FeedDirectory>
    private let inbox: Inbox
    /// How often the scheduler looks for due feeds.
    private let tick: Duration
    /// How long feed-folder events are gathered before a rescan (editors write files in several steps).
    private let settle: Duration
    /// Where alerts go; nil keeps them in the store's outbox (tests of other stages).
    private let alerts: AlertSinks?

    public init(
        config: VigilConfig, pipeline: IngestPipeline, logger: Logger, alerts: AlertSinks? = nil,
        tick: Duration = .milliseconds(500), settle: Duration = .milliseconds(250)
    ) {
        self.alerts = alerts
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
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.watchFeeds() }
                group.addTask { await self.watchInbox() }
                group.addTask { await self.schedule() }
                group.addTask { await self.reprocessArticles() }
                group.addTask { await self.analyse() }
            }
        }
        logger.info("vigil stopped")
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
                _ = await inbox.process(name, pipeline: pipeline, logger: logger)
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
                                _ = await self.inbox.process(name, pipeline: self.pipeline, logger: self.logger)
                            }
                        }
                    }
                    for await event in events {
                        if event.kind == .folderGone { break }
                        guard !event.isDirectory, Inbox.accepts(event.name),
                            event.kind == .closedAfterWrite || event.kind == .movedIn
                        else { continue }
                        _ = await self.inbox.process(event.name, pipeline: self.pipeline, logger: self.logger)
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
        guard let analysis = pipeline.analysis else { return }
        var incidents = IncidentStage(store: pipeline.store, clock: pipeline.clock, logger: logger)
        var alerting = AlertStage(config: config, store: pipeline.store, clock: pipeline.clock, logger: logger)
        let dispatcher = alerts.map { AlertDispatcher(store: pipeline.store, sinks: $0, logger: logger) }
        while !Task.isCancelled {
            do {
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

    private func schedule() async {
        let limit = config.poll.maxConcurrent
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let now = pipeline.clock.now()
                let due = book.withLock { $0.takeDue(now: now, limit: limit - $0.inFlightCount) }
                for feed in due {
                    group.addTask {
                        let summary = await self.pipeline.poll(feed)
                        // No summary: abandoned at shutdown (stays due), or the store failed (retry in a minute).
                        let retry = Task.isCancelled ? nil : self.pipeline.clock.now().addingTimeInterval(60)
                        self.book.withLock { $0.complete(url: feed.url, nextPoll: summary?.nextPoll ?? retry) }
                    }
                }
                try? await Task.sleep(for: tick)
            }
        }
    }
}
