import Foundation
import Logging
import VigilCore

/// One pass over everything (`vigil once`): polls due feeds (or all enabled ones), then ingests the inbox.
public enum SinglePass {
    /// Totals of one pass.
    public struct Report: Sendable, Equatable {
        public var feedsPolled = 0
        public var fetched = 0
        public var notModified = 0
        public var failed = 0
        public var newItems = 0
        public var pagesStored = 0
        public var pagesFailed = 0
        public var inboxIngested = 0
        public var inboxRejected = 0
        public var configProblems = 0
        public var analysed = 0
        public var incidents = 0
        public var roundups = 0
        /// Incidents created and incidents joined by another report.
        public var newIncidents = 0
        public var mergedReports = 0
        /// Alert records committed and delivered to the sinks.
        public var alerts = 0

        public init() {}
    }

    /// Runs the pass. With `all`, every enabled feed is polled whether due or not (validators are still sent).
    /// Alerts go to `alerts` (the alert log and the log; webhooks and commands are the daemon's job).
    public static func run(
        config: VigilConfig, pipeline: IngestPipeline, all: Bool, alerts: AlertSinks? = nil, logger: Logger
    ) async throws -> Report {
        var report = Report()
        var directory = FeedDirectory(path: config.feedsDir)
        let scan = directory.rescan()
        for problem in scan.problems { logger.warning("\(problem)") }
        report.configProblems = scan.problems.count
        let feeds = directory.feeds
        let now = pipeline.clock.now()
        try await pipeline.store.syncFeeds(feeds, now: now)

        var book = ScheduleBook()
        var nextPolls: [String: Date] = [:]
        if !all {
            for state in try await pipeline.store.feedStates() {
                nextPolls[ScheduleBook.key(state.url)] = state.nextPollAt
            }
        }
        book.update(feeds: feeds, nextPolls: nextPolls, now: now)
        let due = book.takeDue(now: now, limit: .max)

        let limit = max(1, config.poll.maxConcurrent)
        let summaries = await withTaskGroup(of: PollSummary?.self) { group in
            var results: [PollSummary] = []
            var started = 0
            for feed in due {
                if started >= limit, let finished = await group.next() {
                    if let finished { results.append(finished) }
                }
                group.addTask { await pipeline.poll(feed) }
                started += 1
            }
            for await finished in group {
                if let finished { results.append(finished) }
            }
            return results
        }
        for summary in summaries {
            report.feedsPolled += 1
            switch summary.result {
            case .fetched: report.fetched += 1
            case .notModified: report.notModified += 1
            case .failed: report.failed += 1
            }
            report.newItems += summary.newItems
            report.pagesStored += summary.pagesStored
            report.pagesFailed += summary.pagesFailed
        }

        let inbox = Inbox(path: config.inboxDir)
        if FileManager.default.fileExists(atPath: config.inboxDir) {
            try inbox.prepare()
            for name in inbox.waitingFiles() {
                switch await inbox.process(name, pipeline: pipeline, logger: logger) {
                case .ingested(let newItems, _)?:
                    report.inboxIngested += 1
                    report.newItems += newItems
                case .rejected?: report.inboxRejected += 1
                case nil: break
                }
            }
        }
        if let analysis = pipeline.analysis {
            let pass = try await analysis.analysePending()
            report.analysed = pass.analysed
            report.incidents = pass.incidents
            report.roundups = pass.roundups
            var incidents = IncidentStage(store: pipeline.store, clock: pipeline.clock, logger: logger)
            let merged = try await incidents.process()
            report.newIncidents = merged.created.count
            report.mergedReports = merged.merged
            var alerting = AlertStage(config: config, store: pipeline.store, clock: pipeline.clock, logger: logger)
            report.alerts = try await alerting.process(merged)
            if let alerts {
                try await AlertDispatcher(store: pipeline.store, sinks: alerts, logger: logger).dispatch()
            }
        }
        return report
    }
}
