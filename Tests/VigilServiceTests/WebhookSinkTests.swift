import Foundation
import Logging
import Testing
import VigilCore
import VigilFetch
import VigilService
import VigilTestSupport

/// The webhook sink against a real loopback server: retries with backoff, the `Idempotency-Key` header on every
/// attempt, and giving up on a client error.
@Suite struct WebhookSinkTests {
    static let logger = Logger(label: "vigil.test.webhook") { _ in SwiftLogNoOpLogHandler() }

    static func settings(_ url: String, attempts: Int = 5) -> WebhookSettings {
        var settings = WebhookSettings(url: url)
        settings.timeout = 5
        settings.maxAttempts = attempts
        settings.backoffInitial = 0.02
        settings.backoffMax = 0.05
        return settings
    }

    static let delivery = AlertDelivery(
        id: "surge-isk-af-2025-03-01", seq: 12, json: Data(#"{"id":"surge-isk-af-2025-03-01","type":"surge"}"#.utf8),
        summary: "IS-K attacks in Afghanistan", severity: "high")

    @Test func retriesServerErrorsThenDeliversOnce() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        server.setHandler("/hook", FixtureResponse.failing(2, with: 503))
        let sink = WebhookSink(settings: Self.settings(server.url("/hook")), logger: Self.logger)
        let action = await sink.send(Self.delivery)
        #expect(action == .delivered)
        #expect(sink.stats == WebhookSink.Stats(delivered: 1, gaveUp: 0, attempts: 3))
        let requests = server.requests("/hook")
        #expect(requests.count == 3)
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.header("idempotency-key") == "surge-isk-af-2025-03-01")
            #expect(request.header("content-type") == "application/json")
            #expect(request.body == Self.delivery.json)
        }
    }

    @Test func clientErrorIsGivenUpAtOnce() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        server.setRoute("/hook", .status(400, body: "bad payload"))
        let sink = WebhookSink(settings: Self.settings(server.url("/hook")), logger: Self.logger)
        let action = await sink.send(Self.delivery)
        #expect(action == .giveUp(reason: "HTTP 400 is not retried"))
        #expect(server.requestCount("/hook") == 1)
        #expect(sink.stats.gaveUp == 1)
    }

    @Test func tooManyRequestsIsRetriedUntilAttemptsRunOut() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        server.setRoute("/hook", .status(429))
        let sink = WebhookSink(settings: Self.settings(server.url("/hook"), attempts: 3), logger: Self.logger)
        #expect(await sink.send(Self.delivery) == .giveUp(reason: "HTTP 429 after 3 attempts"))
        #expect(server.requestCount("/hook") == 3)
    }

    @Test func connectionRefusedIsRetried() async throws {
        let server = try await FixtureServer.start()
        let url = server.url("/hook")
        await server.stop()
        let sink = WebhookSink(settings: Self.settings(url, attempts: 2), logger: Self.logger)
        #expect(await sink.send(Self.delivery) == .giveUp(reason: "no response after 2 attempts"))
        #expect(sink.stats.attempts == 2)
    }

    @Test func queuedDeliveriesAreSentByRun() async throws {
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        server.setRoute("/hook", .status(204))
        let sink = WebhookSink(settings: Self.settings(server.url("/hook")), logger: Self.logger)
        let running = Task { try await sink.run() }
        sink.enqueue(Self.delivery)
        sink.enqueue(Self.delivery)
        sink.finish()
        try await running.value
        #expect(sink.stats.delivered == 2)
    }

    @Test func policyBacksOffExponentiallyUpToTheCap() {
        let policy = WebhookRetryPolicy(maxAttempts: 6, initialBackoff: .seconds(5), maxBackoff: .seconds(30))
        #expect(policy.next(after: .status(200), attempt: 1) == .delivered)
        #expect(policy.next(after: .status(503), attempt: 1) == .retry(after: .seconds(5)))
        #expect(policy.next(after: .status(408), attempt: 2) == .retry(after: .seconds(10)))
        #expect(policy.next(after: .transportError, attempt: 3) == .retry(after: .seconds(20)))
        #expect(policy.next(after: .status(500), attempt: 4) == .retry(after: .seconds(30)))
        #expect(policy.next(after: .status(500), attempt: 6) == .giveUp(reason: "HTTP 500 after 6 attempts"))
        #expect(policy.next(after: .status(404), attempt: 1) == .giveUp(reason: "HTTP 404 is not retried"))
        #expect(policy.next(after: .status(301), attempt: 1) == .giveUp(reason: "HTTP 301 is not retried"))
    }
}
