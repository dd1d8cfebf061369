import Foundation
import Logging
import Testing
import VigilCore
import VigilService
import VigilTestSupport

/// The command sink: the alert JSON on stdin, non-zero exits and timeouts noticed.
@Suite struct ExecSinkTests {
    static let logger = Logger(label: "vigil.test.exec") { _ in SwiftLogNoOpLogHandler() }
    static let delivery = AlertDelivery(
        id: "new-actor-x", seq: 4, json: Data(#"{"id":"new-actor-x","type":"new_actor"}"#.utf8), summary: "new actor",
        severity: "warning")

    @Test func commandReceivesTheAlertOnStdin() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let out = folder.appending("received.json")
        let sink = ExecSink(
            settings: ExecSettings(command: ["/bin/sh", "-c", "cat > \"$1\"", "sh", out]), logger: Self.logger)
        #expect(await sink.execute(Self.delivery) == .exited(0))
        let received = try String(contentsOfFile: out, encoding: .utf8)
        #expect(received == #"{"seq":4,"id":"new-actor-x","type":"new_actor"}"# + "\n")
        #expect(sink.failureCount == 0)
    }

    @Test func nonZeroExitIsCounted() async throws {
        let sink = ExecSink(
            settings: ExecSettings(command: ["sh", "-c", "echo nope >&2; exit 3"]), logger: Self.logger)
        #expect(await sink.execute(Self.delivery) == .exited(3))
        #expect(sink.failureCount == 1)
    }

    @Test func commandThatIgnoresStdinAndHangsIsStopped() async throws {
        var settings = ExecSettings(command: ["/bin/sleep", "30"])
        settings.timeout = 0.3
        let sink = ExecSink(settings: settings, logger: Self.logger)
        #expect(await sink.execute(Self.delivery) == .timedOut)
    }

    @Test func missingProgramFailsToStart() async throws {
        let sink = ExecSink(settings: ExecSettings(command: ["/nonexistent/notify"]), logger: Self.logger)
        guard case .failedToStart = await sink.execute(Self.delivery) else {
            Issue.record("expected failedToStart")
            return
        }
    }
}
