import Foundation
import Testing

/// `systemd/vigil.service`: hardened to an exposure of at most 2.0 and clean under `systemd-analyze verify`.
/// Skipped where systemd-analyze is not installed.
@Suite(.enabled(if: ExternalTool.find("systemd-analyze") != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
    static let unitPath = ExternalTool.repositoryRoot + "/systemd/vigil.service"
    static let maximumExposure = 2.0

    @Test func exposureIsAtMostTwo() throws {
        let run = try ExternalTool.run("systemd-analyze", ["security", "--offline=true", Self.unitPath])
        let overall = run.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }
        let line = try #require(overall, "no exposure line in: \(run.stdout) \(run.stderr)")
        // "→ Overall exposure level for vigil.service: 1.1 OK 🙂"
        let score = line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        let exposure = try #require(score, "cannot read the score in '\(line)'")
        #expect(exposure <= Self.maximumExposure, "\(line)\n\(Self.failedChecks(run.stdout))")

        // The same bound as systemd-analyze's own gate (its threshold is in tenths).
        let gated = try ExternalTool.run(
            "systemd-analyze", ["security", "--offline=true", "--threshold=20", Self.unitPath])
        #expect(gated.status == 0, "\(gated.stderr)")
    }

    @Test func unitKeepsTheSettingsTheDaemonRelyOn() throws {
        let unit = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
        let lines = Set(unit.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for setting in [
            "Type=notify", "WatchdogSec=60", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
            "ExecStart=/usr/local/bin/vigil run --config /etc/vigil/vigil.yaml", "DynamicUser=yes",
            "StateDirectory=vigil", "LogsDirectory=vigil", "ConfigurationDirectory=vigil", "RuntimeDirectory=vigil",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "MemoryDenyWriteExecute=yes",
        ] {
            #expect(lines.contains(setting), "missing \(setting)")
        }
    }

    /// verify checks that ExecStart exists, so it runs on a copy pointing at the binary under test.
    @Test func verifyIsClean() throws {
        let folder = NSTemporaryDirectory() + "vigil-unit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let unit = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
        let copy = unit.replacingOccurrences(of: "/usr/local/bin/vigil", with: VigilProcess.executable)
        #expect(copy != unit)
        try copy.write(toFile: folder + "/vigil.service", atomically: true, encoding: .utf8)

        let run = try ExternalTool.run("systemd-analyze", ["verify", folder + "/vigil.service"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let complaints = (run.stdout + run.stderr).split(separator: "\n").filter { $0.contains("vigil.service") }
        #expect(complaints.isEmpty, "\(complaints.joined(separator: "\n"))")
    }

    /// The ✗ lines of the security report, to say what to fix when the score rises.
    static func failedChecks(_ report: String) -> String {
        report.split(separator: "\n").filter { $0.hasPrefix("✗") }.joined(separator: "\n")
    }
}
