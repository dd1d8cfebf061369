import Foundation
import Testing

@testable import VigilCore

@Suite struct ScheduleBookTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    func feed(_ url: String, enabled: Bool = true) -> FeedDefinition {
        FeedDefinition(url: url, enabled: enabled, origin: SourceLocation(file: "f.yaml", line: 1))
    }

    @Test func newFeedsAreDueNowUnlessTheStoreSaysOtherwise() {
        var book = ScheduleBook()
        let later = now.addingTimeInterval(600)
        book.update(
            feeds: [feed("https://a.example/rss"), feed("https://b.example/rss")],
            nextPolls: ["https://b.example/rss": later], now: now)
        #expect(book.takeDue(now: now, limit: 10).map(\.url) == ["https://a.example/rss"])
        #expect(book.takeDue(now: now, limit: 10).isEmpty)  // a is in flight now
        #expect(book.takeDue(now: later, limit: 10).map(\.url) == ["https://b.example/rss"])
    }

    @Test func limitAndOrderMostOverdueFirst() {
        var book = ScheduleBook()
        book.update(
            feeds: [feed("https://a.example/"), feed("https://b.example/"), feed("https://c.example/")],
            nextPolls: [
                "https://a.example/": now, "https://b.example/": now.addingTimeInterval(-60),
                "https://c.example/": now.addingTimeInterval(-30),
            ], now: now)
        #expect(book.takeDue(now: now, limit: 2).map(\.url) == ["https://b.example/", "https://c.example/"])
        #expect(book.inFlightCount == 2)
    }

    @Test func completionReschedulesAndAbandonedStaysDue() {
        var book = ScheduleBook()
        book.update(feeds: [feed("https://a.example/"), feed("https://b.example/")], nextPolls: [:], now: now)
        _ = book.takeDue(now: now, limit: 10)
        book.complete(url: "https://a.example/", nextPoll: now.addingTimeInterval(900))
        book.complete(url: "https://b.example/", nextPoll: nil)
        #expect(book.takeDue(now: now, limit: 10).map(\.url) == ["https://b.example/"])
        #expect(book.nextDue() == now.addingTimeInterval(900))
    }

    @Test func updateKeepsScheduleDropsRemovedAndDisabled() {
        var book = ScheduleBook()
        book.update(feeds: [feed("https://a.example/"), feed("https://b.example/")], nextPolls: [:], now: now)
        _ = book.takeDue(now: now, limit: 10)
        book.complete(url: "https://a.example/", nextPoll: now.addingTimeInterval(900))
        book.update(
            feeds: [feed("https://A.example/#x"), feed("https://b.example/", enabled: false)],
            nextPolls: [:], now: now)
        #expect(book.count == 1)
        #expect(book.entry(for: "https://a.example/")?.nextPoll == now.addingTimeInterval(900))
        book.complete(url: "https://b.example/", nextPoll: now)  // finished after removal: ignored
        #expect(book.count == 1)
    }
}
