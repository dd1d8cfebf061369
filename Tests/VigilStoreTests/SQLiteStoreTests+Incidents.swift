import Foundation
import Testing
import VigilCore

@testable import VigilStore

extension SQLiteStoreTests {
    private func incident(_ id: String, country: String, actor: String?, day: Int, reports: Int = 1) -> IncidentRow {
        IncidentRow(
            id: id, country: country, actor: actor, eventType: "bombing", eventDay: day, killed: 3, reports: reports,
            json: Data("{\"id\":\"\(id)\"}".utf8))
    }

    @Test func analysedItemsWaitForMergingOnceAndTalliesCountIncidents() async throws {
        let result = try await store.recordPoll(
            Fixtures.fetched(
                feed,
                [
                    Fixtures.item(guid: "a", link: "https://news.example/a", title: "A"),
                    Fixtures.item(guid: "b", link: "https://news.example/b", title: "B"),
                    Fixtures.item(guid: "c", link: "https://news.example/c", title: "C"),
                ]))
        let (a, b, c) = (result.insertedItemIDs[0], result.insertedItemIDs[1], result.insertedItemIDs[2])
        #expect(try await store.pendingReports(limit: 10).isEmpty)
        for id in [a, b, c] {
            try await store.recordDetection(
                itemID: id, detection: Detection(kind: id == c ? .threat : .incident, country: "AF"),
                detectorVersion: 1, at: Fixtures.time(1))
        }
        let pending = try await store.pendingReports(limit: 10)
        #expect(pending.map(\.itemID) == [a, b, c])
        #expect(pending[0].url == "https://news.example/a")
        #expect(pending[0].detection.country == "AF")

        // a and b report one incident; c is no incident.
        try await store.recordReport(
            itemID: a, incident: incident("i1", country: "AF", actor: "Taliban", day: 100), at: Fixtures.time(2))
        try await store.recordReport(
            itemID: b, incident: incident("i1", country: "AF", actor: "Taliban", day: 100, reports: 2),
            at: Fixtures.time(3))
        try await store.recordReport(itemID: c, incident: nil, at: Fixtures.time(3))
        try await store.recordReport(
            itemID: c, incident: nil, at: Fixtures.time(4))  // idempotent
        #expect(try await store.pendingReports(limit: 10).isEmpty)
        #expect(try await store.incidentID(itemID: b) == "i1")
        #expect(try await store.incidentID(itemID: c) == nil)
        let stored = try await store.incidents(fromDay: 0, throughDay: 200)
        #expect(stored.count == 1)
        #expect(stored.first?.reports == 2)

        let other = try await store.recordPoll(
            Fixtures.fetched(feed, [Fixtures.item(guid: "d", link: "https://news.example/d", title: "D")]))
        try await store.recordDetection(
            itemID: other.insertedItemIDs[0], detection: Detection(kind: .incident), detectorVersion: 1,
            at: Fixtures.time(5))
        try await store.recordReport(
            itemID: other.insertedItemIDs[0], incident: incident("i2", country: "PK", actor: "Taliban", day: 101),
            at: Fixtures.time(5))
        #expect(
            try await store.dailyIncidentCounts(
                actor: "Taliban", country: nil, eventType: nil, fromDay: 0, throughDay: 200) == [100: 1, 101: 1])
        #expect(
            try await store.dailyIncidentCounts(
                actor: nil, country: "PK", eventType: "bombing", fromDay: 0, throughDay: 200) == [101: 1])
        let byCountry = try await store.tally(by: [.country], fromDay: 0, throughDay: 200)
        #expect(byCountry.map(\.country) == ["AF", "PK"])
        #expect(byCountry.allSatisfy { $0.actor == nil && $0.count == 1 })
        let byActor = try await store.tally(by: [.actor], fromDay: 100, throughDay: 100)
        #expect(byActor == [TallyRow(actor: "Taliban", country: nil, eventType: nil, day: 100, count: 1)])
    }

    @Test func alertOutboxCommitsWithTheEngineStateAndSinksResumeAfterTheirMark() async throws {
        #expect(try await store.alertEngineState() == nil)
        let messages = (1...3).map {
            AlertMessage(
                alertID: "a\($0)", json: Data("{\"id\":\"a\($0)\"}".utf8), summary: "s\($0)", severity: "warning")
        }
        let numbers = try await store.commitAlerts(
            state: Data("{\"v\":1}".utf8), messages: messages, at: Fixtures.time(1))
        #expect(numbers.count == 3)
        #expect(try await store.alertEngineState() == Data("{\"v\":1}".utf8))
        try await store.commitAlerts(state: Data("{\"v\":2}".utf8), messages: [], at: Fixtures.time(2))
        #expect(try await store.alertEngineState() == Data("{\"v\":2}".utf8))

        #expect(try await store.deliveredSeq(sink: "file") == 0)
        #expect(try await store.outbox(after: 0, limit: 10).map(\.message) == messages)
        try await store.markDelivered(sink: "file", seq: numbers[1])
        try await store.markDelivered(sink: "file", seq: numbers[0])  // never goes back
        let mark = try await store.deliveredSeq(sink: "file")
        #expect(mark == numbers[1])
        #expect(try await store.outbox(after: mark, limit: 10).map(\.message.alertID) == ["a3"])
        #expect(try await store.deliveredSeq(sink: "webhook") == 0)
    }
}
