import Foundation
import Logging
import Testing
import VigilCore
import VigilFetch
import VigilStore
import VigilTestSupport

@testable import VigilService

@Suite struct InboxTests {
    let folder: TemporaryDirectory
    let store: SQLiteStore
    let fetcher = Fetcher(maxConcurrent: 1, maxPerHost: 1)
    let inbox: Inbox
    let pipeline: IngestPipeline

    init() throws {
        folder = try TemporaryDirectory(prefix: "vigil-inbox")
        store = try SQLiteStore(path: folder.appending("state/vigil.sqlite"))
        inbox = Inbox(path: folder.appending("inbox"))
        try inbox.prepare()
        pipeline = IngestPipeline(
            store: store, fetcher: fetcher, settings: PollSettings(), allowPrivateNetworks: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func drop(_ contents: String, as name: String) throws {
        try folder.write(contents, to: "inbox/\(name)")
    }

    @Test func everyAcceptedTypeIsIngestedOnceAndMovedToDone() async throws {
        defer { folder.remove() }
        try drop(TestFeeds.rss(items: 0..<2), as: "feed.xml")
        try drop(
            #"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"j1","content_text":"Json item"}]}"#,
            as: "feed.json")
        try drop(
            "<html><head><title>Page</title></head><body><p>An attack was reported.</p></body></html>", as: "page.html")
        try drop("A headline\n\nThe body of a plain article.\n", as: "article.txt")
        try drop(
            #"{"title":"L1","text":"one","url":"https://e.example/1"}"# + "\n" + #"{"title":"L2","text":"two"}"#,
            as: "batch.jsonl")
        try drop("ignored until renamed", as: "partial.tmp")
        try drop("hidden", as: ".hidden")

        let waiting = inbox.waitingFiles()
        #expect(Set(waiting) == ["feed.xml", "feed.json", "page.html", "article.txt", "batch.jsonl"])
        var newItems = 0
        for name in waiting {
            let outcome = await inbox.process(name, pipeline: pipeline, logger: pipeline.logger)
            guard case .ingested(let n, _)? = outcome else {
                Issue.record("\(name): \(String(describing: outcome))")
                continue
            }
            newItems += n
        }
        #expect(newItems == 7)
        #expect(try await store.itemCount() == 7)
        let done = try FileManager.default.contentsOfDirectory(atPath: inbox.doneFolder)
        #expect(Set(done) == Set(waiting))
        #expect(inbox.waitingFiles().isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.appending("inbox/partial.tmp")))
        // The HTML page is kept with its extracted article, so a later extractor can redo it.
        let pageItem = try #require(
            try await store.items(feedURL: "inbox:page.html", limit: 1, includePageBody: true).first)
        #expect(pageItem.title == "Page")
        #expect(pageItem.pageBody?.isEmpty == false)
        #expect(try await store.article(itemID: pageItem.id)?.text.contains("An attack was reported.") == true)
        #expect(try await pipeline.articles.reprocess(all: true) == 1)

        // The same article dropped again is moved to done/ but stored once.
        try drop("A headline\n\nThe body of a plain article.\n", as: "article.txt")
        let again = await inbox.process("article.txt", pipeline: pipeline, logger: pipeline.logger)
        #expect(again == .ingested(newItems: 0, duplicates: 1))
        #expect(FileManager.default.fileExists(atPath: inbox.doneFolder + "/article.1.txt"))
    }

    @Test func garbageLandsInFailedWithAnErrorFile() async throws {
        defer { folder.remove() }
        try Data([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]).write(
            to: URL(fileURLWithPath: folder.appending("inbox/junk.bin")))
        try drop("{\"title\": \"ok\", \"text\": \"fine\"}\nnot json\n", as: "half.jsonl")
        for name in ["junk.bin", "half.jsonl"] {
            let outcome = await inbox.process(name, pipeline: pipeline, logger: pipeline.logger)
            guard case .rejected(let reason)? = outcome else {
                Issue.record("\(name) accepted")
                continue
            }
            let errorFile = inbox.failedFolder + "/\(name).error"
            let written = try String(contentsOfFile: errorFile, encoding: .utf8)
            #expect(written.contains(reason))
            #expect(FileManager.default.fileExists(atPath: inbox.failedFolder + "/\(name)"))
        }
        #expect(try await store.itemCount() == 0)  // a file is accepted whole or not at all
    }
}
