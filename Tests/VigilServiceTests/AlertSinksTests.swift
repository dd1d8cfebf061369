import Foundation
import Logging
import Testing
import VigilCore
import VigilService
import VigilTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The fan-out: file always, then webhook and command from their queues; nothing delivered twice after a restart.
@Suite struct AlertSinksTests {
    static let logger = Logger(label: "vigil.test.sinks") { _ in SwiftLogNoOpLogHandler() }

    static func delivery(_ seq: Int64) -> AlertDelivery {
        AlertDelivery(
            id: "alert-\(seq)", seq: seq, json: Data(#"{"id":"alert-\#(seq)","type":"surge"}"#.utf8),
            summary: "alert \(seq)", severity: "warning")
    }

    @Test func fansOutAndSkipsWhatWasDeliveredBeforeARestart() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = try await FixtureServer.start()
        defer { Task { await server.stop() } }
        server.setRoute("/hook", .status(200))
        let execOut = folder.appending("exec.jsonl")
        let yaml = """
            log_dir: logs
            alerts:
              webhook:
                url: \(server.url("/hook"))
                backoff_initial: 10ms
                backoff_max: 50ms
              exec:
                command: [/bin/sh, -c, "cat >> \(execOut)"]
            """
        let parsed = ConfigParser.parse(yaml: yaml, file: folder.appending("vigil.yaml"))
        let config = try #require(parsed.config, "\(parsed.problems)")
        let sinks = try AlertSinks(config: config, logger: Self.logger, reopenOnSIGHUP: false)
        #expect(sinks.lastDeliveredSeq == nil)
        let running = Task { try await sinks.run() }
        #expect(try sinks.deliver(Self.delivery(1)))
        #expect(try sinks.deliver(Self.delivery(2)))
        #expect(try !sinks.deliver(Self.delivery(2)))
        #expect(await eventually(timeout: 10) { server.requestCount("/hook") == 2 && sinks.exec?.failureCount == 0 })
        #expect(
            await eventually(timeout: 10) {
                ((try? String(contentsOfFile: execOut, encoding: .utf8)) ?? "").split(separator: "\n").count == 2
            })
        running.cancel()

        // A new process on the same log: 1 and 2 are known, 3 is new.
        let again = try AlertSinks(config: config, logger: Self.logger, reopenOnSIGHUP: false)
        #expect(again.lastDeliveredSeq == 2)
        #expect(try !again.deliver(Self.delivery(1)))
        #expect(try again.deliver(Self.delivery(3)))
        let lines = try String(contentsOfFile: AlertSinks.logPath(config), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
    }

    @Test func sighupReopensTheAlertLog() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.appending("alerts.jsonl")
        let sinks = AlertSinks(file: try AlertLogFile(path: path), logger: Self.logger, reopenOnSIGHUP: true)
        let running = Task { try await sinks.run() }
        defer { running.cancel() }
        try sinks.deliver(Self.delivery(1))
        #expect(rename(path, path + ".1") == 0)
        // The signal source is installed when run() starts; send SIGHUP until the file is back.
        let reopened = await eventually(timeout: 60) {
            kill(getpid(), SIGHUP)
            try? await Task.sleep(for: .milliseconds(50))
            return FileManager.default.fileExists(atPath: path)
        }
        #expect(reopened)
        try sinks.deliver(Self.delivery(2))
        #expect(AlertLogFile.lastSeq(inFileAt: path) == 2)
        #expect(AlertLogFile.lastSeq(inFileAt: path + ".1") == 1)
    }

    @Test func configProblemsAreReportedWithTheirLines() {
        let yaml = """
            alerts:
              webhook:
                url: ftp://example.org/hook
                timeout: forever
                max_attempts: 0
                backoff_initial: 10m
                backoff_max: 1m
              exec:
                command: []
                tiemout: 5s
            """
        let parsed = ConfigParser.parse(yaml: yaml, file: "/etc/vigil/vigil.yaml")
        #expect(parsed.config == nil)
        let messages = parsed.problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("/etc/vigil/vigil.yaml:3: bad URL 'ftp://example.org/hook'") })
        #expect(messages.contains { $0.hasPrefix("/etc/vigil/vigil.yaml:4: 'timeout': bad duration") })
        #expect(messages.contains("/etc/vigil/vigil.yaml:5: 'max_attempts' must be between 1 and 100, not 0"))
        #expect(messages.contains("/etc/vigil/vigil.yaml:6: 'backoff_initial' must not exceed 'backoff_max'"))
        #expect(
            messages.contains(
                "/etc/vigil/vigil.yaml:10: unknown key 'tiemout' in 'alerts.exec' (did you mean 'timeout'?)"))
        #expect(messages.contains { $0.hasPrefix("/etc/vigil/vigil.yaml:9: 'alerts.exec' needs a non-empty") })
    }

    @Test func configDefaultsAndValues() throws {
        let parsed = ConfigParser.parse(
            yaml: "alerts:\n  webhook:\n    url: https://hooks.example/v\n    timeout: 5s\n    max_attempts: 3\n"
                + "  exec:\n    command: /usr/local/bin/notify\n    timeout: 1m\n",
            file: "/etc/vigil/vigil.yaml")
        let config = try #require(parsed.config, "\(parsed.problems)")
        var webhook = WebhookSettings(url: "https://hooks.example/v")
        webhook.timeout = 5
        webhook.maxAttempts = 3
        #expect(config.alerts.webhook == webhook)
        var exec = ExecSettings(command: ["/usr/local/bin/notify"])
        exec.timeout = 60
        #expect(config.alerts.exec == exec)
        let none = try #require(ConfigParser.parse(yaml: "log_dir: logs\n", file: "/x/vigil.yaml").config)
        #expect(none.alerts == AlertSinkSettings())
    }
}
