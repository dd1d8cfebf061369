import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `vigil run` under a stand-in for systemd: a real notification socket, the watchdog, SIGHUP reloads, SIGTERM.
@Suite(.serialized) struct DaemonNotifyTests {
    @Test func readyStatusWatchdogReloadAndStopping() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }
        let socket = try NotifySocket()
        defer { socket.close() }
        let daemon = try VigilProcess(
            ["run", "--config", fixture.configPath],
            environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "2000000"])

        // Ready, a status line, and keep-alives at least every second (half of WATCHDOG_USEC).
        #expect(await eventually(timeout: 20) { socket.lines.contains("READY=1") }, "\(daemon.stderr)")
        #expect(await eventually(timeout: 5) { socket.lines.contains { $0.hasPrefix("STATUS=") } })
        let status = socket.lines.first { $0.hasPrefix("STATUS=") } ?? ""
        #expect(status == "STATUS=0/0 feeds healthy, 0 items today, 0 alerts today", "\(socket.lines)")
        let start = Date()
        let keptAlive = await eventually(timeout: 5) {
            socket.lines.dropFirst(socket.lines.firstIndex(of: "READY=1") ?? 0).filter { $0 == "WATCHDOG=1" }
                .count >= 3
        }
        #expect(keptAlive, "\(socket.lines)")
        print("three WATCHDOG=1 after \(Date().timeIntervalSince(start)) s")

        // A broken vigil.yaml: reported with its file and line, the daemon keeps running on the old config.
        let good = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        try good.replacingOccurrences(of: "interval: 10m", with: "interval: soon")
            .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let beforeRejected = socket.lines.count
        daemon.signal(SIGHUP)
        #expect(await daemon.waitForLog("reload rejected", timeout: 5), "\(daemon.stderr)")
        let rejected = daemon.stderr.split(separator: "\n").filter { $0.contains(" error ") }
        #expect(rejected.contains { $0.contains("vigil.yaml:9:") }, "\(rejected)")
        #expect(daemon.stderr.contains("alert log reopened"))  // the alert log's own SIGHUP source still fires
        try await Task.sleep(for: .milliseconds(500))
        #expect(daemon.isRunning)
        let afterRejected = Array(socket.lines.dropFirst(beforeRejected))
        #expect(afterRejected.first?.hasPrefix("RELOADING=1") == true, "\(afterRejected)")
        #expect(afterRejected.contains("READY=1"))
        #expect(afterRejected.contains { $0.hasPrefix("STATUS=reload rejected (") }, "\(afterRejected)")

        // Fixed: reloaded, bracketed by RELOADING=1 and READY=1; a setting that needs a restart is named.
        let withExec = good.replacingOccurrences(
            of: "log_level: debug", with: "log_level: debug\nalerts:\n  exec:\n    command: [/bin/true]")
        try withExec.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let seen = socket.lines.count
        daemon.signal(SIGHUP)
        #expect(await daemon.waitForLog("configuration reloaded", timeout: 5), "\(daemon.stderr)")
        #expect(
            await eventually(timeout: 3) {
                let lines = Array(socket.lines.dropFirst(seen)).filter { $0 != "WATCHDOG=1" }
                guard let reloading = lines.firstIndex(where: { $0.hasPrefix("RELOADING=1") }) else { return false }
                return lines[reloading...].contains("READY=1")
            }, "\(socket.lines.dropFirst(seen))")
        #expect(daemon.stderr.contains("changed settings take effect after a restart settings=alerts.exec"))

        // SIGTERM: STOPPING=1, exit 0.
        daemon.signal(SIGTERM)
        #expect(await daemon.wait(timeout: 5) == 0, "\(daemon.stderr)")
        #expect(socket.lines.contains("STOPPING=1"), "\(socket.lines.suffix(5))")
    }
}
