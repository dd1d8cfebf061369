import Foundation
import Logging
import VigilCore
import VigilDetect
import VigilFetch
import VigilParse

/// The one place that moves data through Vigil: fetch → parse → store items → fetch article pages, and inbox
/// files → store. `vigil once` and `vigil run` both drive it. Holds no global state.
public struct IngestPipeline: Sendable {
    public let store: any ItemStore
    public let fetcher: Fetcher
    public var settings: PollSettings
    public var allowPrivateNetworks: Bool
    /// The incident detector; nil runs the pipeline without detection (tests of other stages).
    public var detector: Detector?
    public let clock: any WallClock
    public let logger: Logger
    /// Uniform random numbers in [0, 1) for jitter; injectable for reproducible tests.
    public let random: @Sendable () -> Double

    /// Detection over stored items (nil without a detector).
    public var analysis: AnalysisStage? {
        detector.map { AnalysisStage(store: store, detector: $0, clock: clock, logger: logger) }
    }

    /// Extraction of fetched pages into articles.
    public var articles: ArticleStage { ArticleStage(store: store, clock: clock, logger: logger) }

    /// A page fetch is retried on transient failures up to this many attempts.
    public static let maxPageAttempts = 3

    public init(
        store: any ItemStore, fetcher: Fetcher, settings: PollSettings, allowPrivateNetworks: Bool,
        detector: Detector? = nil, clock: any WallClock = SystemWallClock(), logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        self.allowPrivateNetworks = allowPrivateNetworks
        self.detector = detector
        self.clock = clock
        self.logger = logger
        self.random = random
    }

    // MARK: Feeds

    /// Polls one feed and stores the outcome. Returns nil when the poll was abandoned (task cancelled, e.g. at
    /// shutdown): nothing is stored and the feed stays due. Store failures are logged and also return nil.
    public func poll(_ feed: FeedDefinition) async -> PollSummary? {
        var log = logger
        log[metadataKey: "feed.url"] = "\(feed.url)"
        do {
            let state = try await store.feedState(url: feed.url)
            let policy = PollPolicy(settings: settings, feedInterval: feed.interval)
            let request = FetchRequest(
                url: feed.url, etag: state?.etag, lastModified: state?.lastModified,
                // Configured feed URLs are trusted, wherever they point.
                limits: FetchLimits(settings: settings, allowPrivateNetworks: true),
                accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
                    + "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
            let failuresBefore = state?.consecutiveFailures ?? 0

            let outcome: PollRecord.Outcome
            var retryAfter: TimeInterval?
            var problems: [String] = []
            do {
                let response = try await fetcher.fetch(request)
                if response.isNotModified {
                    outcome = .notModified
                } else if (200..<300).contains(response.status) {
                    outcome = parseFeed(response, feed: feed, problems: &problems)
                } else {
                    if let value = response.retryAfter, [429, 503].contains(response.status) {
                        retryAfter = RetryAfter.seconds(value, now: clock.now())
                    }
                    outcome = .failed(message: "HTTP \(response.status)", status: response.status)
                }
            } catch let error as FetchError where error.code == .cancelled {
                return nil
            } catch is CancellationError {
                return nil
            } catch let error as FetchError {
                outcome = .failed(message: error.message, status: nil)  // the feed's URL is known already
            } catch {
                outcome = .failed(message: "\(error)", status: nil)
            }
            if Task.isCancelled { return nil }

            let now = clock.now()
            let failures: Int
            let nextPoll: Date
            if case .failed = outcome {
                failures = failuresBefore + 1
                nextPoll = policy.nextPollAfterFailure(
                    now: now, failures: failures, retryAfter: retryAfter, random: random())
            } else {
                failures = 0
                nextPoll = policy.nextPollAfterSuccess(now: now, random: random())
            }
            let record = PollRecord(
                feedURL: feed.url, polledAt: now, outcome: outcome, consecutiveFailures: failures, nextPollAt: nextPoll)
            let stored = try await store.recordPoll(record)

            var summary = PollSummary(
                feedURL: feed.url, result: .fetched, status: nil, newItems: stored.insertedItemIDs.count,
                duplicates: stored.duplicates, nextPoll: nextPoll, consecutiveFailures: failures, problems: problems)
            switch outcome {
            case .fetched(let status, _, _, _):
                summary.status = status
                if !problems.isEmpty {
                    log.debug("feed parsed with problems", metadata: ["problems": "\(problems.prefix(3))"])
                }
                if summary.newItems > 0 {
                    log.info("new items", metadata: ["items.new": "\(summary.newItems)"])
                } else {
                    log.debug("no new items")
                }
            case .notModified:
                summary.result = .notModified
                summary.status = 304
                log.debug("not modified")
            case .failed(let message, let status):
                summary.result = .failed(message)
                summary.status = status
                log.info(
                    "poll failed",
                    metadata: [
                        "error": "\(message)", "feed.failures": "\(failures)",
                        "feed.next_poll": "\(FeedDate.rfc3339(nextPoll))",
                    ])
            }
            if feed.fetchArticles, settings.maxArticlesPerPoll > 0 {
                let (ok, failed) = await fetchPages(for: feed, logger: log)
                summary.pagesStored = ok
                summary.pagesFailed = failed
            }
            return summary
        } catch {
            if Task.isCancelled { return nil }
            log.error("cannot store poll result", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func parseFeed(_ response: FetchResponse, feed: FeedDefinition, problems: inout [String])
        -> PollRecord.Outcome
    {
        let context = DocumentContext(
            url: response.url, contentType: response.contentType,
            contentLocation: response.headers["content-location"],
            contentLanguage: response.headers["content-language"])
        do {
            let document = try FeedParser.parse(response.body, context: context)
            problems = document.problems
            let items = document.entries.map { ItemBuilder.item(from: $0, fetchPage: feed.fetchArticles) }
            return .fetched(
                status: response.status, etag: response.etag, lastModified: response.lastModified, items: items)
        } catch {
            return .failed(message: "not a feed: \(error)", status: response.status)
        }
    }

    // MARK: Article pages

    /// Fetches the pages of this feed's new items that are still missing, and stores them.
    func fetchPages(for feed: FeedDefinition, logger log: Logger) async -> (stored: Int, failed: Int) {
        let pending: [PendingPage]
        do {
            pending = try await store.pendingPages(
                feedURL: feed.url, maxAttempts: Self.maxPageAttempts, limit: settings.maxArticlesPerPoll)
        } catch {
            log.error("cannot read pending pages", metadata: ["error": "\(error)"])
            return (0, 0)
        }
        guard !pending.isEmpty else { return (0, 0) }
        let limits = FetchLimits(settings: settings, allowPrivateNetworks: allowPrivateNetworks)
        return await withTaskGroup(of: Bool?.self) { group in
            for page in pending {
                group.addTask { await self.fetchPage(page, limits: limits, logger: log) }
            }
            var stored = 0
            var failed = 0
            for await result in group {
                switch result {
                case true?: stored += 1
                case false?: failed += 1
                case nil: break
                }
            }
            return (stored, failed)
        }
    }

    /// Fetches and stores one page: true when stored, false when it failed, nil when abandoned.
    private func fetchPage(_ page: PendingPage, limits: FetchLimits, logger log: Logger) async -> Bool? {
        let request = FetchRequest(
            url: page.url, etag: nil, lastModified: nil, limits: limits,
            accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
        let outcome: PageRecord.Outcome
        do {
            let response = try await fetcher.fetch(request)
            if (200..<300).contains(response.status) {
                outcome = .fetched(
                    status: response.status, finalURL: response.url, contentType: response.contentType,
                    body: [UInt8](response.body))
            } else {
                let permanent = (400..<500).contains(response.status) && ![408, 425, 429].contains(response.status)
                outcome = .failed(message: "HTTP \(response.status)", permanent: permanent)
            }
        } catch let error as FetchError {
            if error.code == .cancelled { return nil }
            let permanent = [.privateAddress, .disallowedScheme, .tooLarge, .tooManyRedirects].contains(error.code)
            outcome = .failed(message: error.message, permanent: permanent)
        } catch {
            if Task.isCancelled { return nil }
            outcome = .failed(message: "\(error)", permanent: false)
        }
        if Task.isCancelled { return nil }
        do {
            try await store.recordPage(PageRecord(itemID: page.itemID, fetchedAt: clock.now(), outcome: outcome))
        } catch {
            log.error("cannot store page", metadata: ["error": "\(error)", "page.url": "\(page.url)"])
            return nil
        }
        switch outcome {
        case .failed(let message, _):
            log.info("page fetch failed", metadata: ["page.url": "\(page.url)", "error": "\(message)"])
            return false
        case .fetched(_, let finalURL, let contentType, let body):
            do {
                let article = try await articles.extractNewPage(
                    itemID: page.itemID, url: finalURL, contentType: contentType, body: body)
                if article.text.isEmpty {
                    log.info(
                        "no article text in page",
                        metadata: ["page.url": "\(finalURL)", "problems": "\(article.problems.prefix(2))"])
                }
            } catch {
                log.error("cannot store article", metadata: ["error": "\(error)", "page.url": "\(finalURL)"])
            }
            return true
        }
    }

    // MARK: Inbox

    /// Stores the items of an inbox file; an HTML page is stored with its body and extracted article. Throws
    /// `InboxDocument.Rejection` for files that cannot be ingested.
    public func ingest(fileData: Data, fileName: String) async throws -> StoreResult {
        let entries = try InboxDocument.entries(from: fileData, fileName: fileName)
        let now = clock.now()
        let result = try await store.storeInboxItems(entries.map(\.item), source: "inbox:\(fileName)", at: now)
        // Only one entry per HTML file, so the inserted id (if any) is that entry's.
        if let page = entries.first?.page, let itemID = result.insertedItemIDs.first {
            let url = page.article.canonicalURL ?? "file:\(fileName)"
            try await store.recordPage(
                PageRecord(
                    itemID: itemID, fetchedAt: now,
                    outcome: .fetched(status: 200, finalURL: url, contentType: "text/html", body: page.body)))
            try await store.recordArticle(
                itemID: itemID, article: page.article, extractorVersion: ArticleExtractor.version, at: now)
        }
        return result
    }
}
