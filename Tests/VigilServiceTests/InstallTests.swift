import Foundation
import Testing

/// `make install-files` / `make uninstall` into a DESTDIR, with the binary under test (no release build).
/// Skipped where make is not installed.
@Suite(.enabled(if: ExternalTool.find("make") != nil, "make is not installed"))
struct InstallTests {
    static let installed = [
        "usr/local/bin/vigil", "lib/systemd/system/vigil.service", "etc/logrotate.d/vigil", "etc/vigil/vigil.yaml",
        "etc/vigil/feeds.d/example.yaml.example", "usr/local/share/vigil/detect/taxonomy.yaml",
        "usr/local/share/vigil/detect/cues.yaml", "usr/local/share/vigil/detect/actors.yaml",
        "usr/local/share/vigil/detect/gazetteer.tsv", "usr/local/share/bash-completion/completions/vigil",
        "usr/local/share/zsh/site-functions/_vigil", "usr/local/share/fish/vendor_completions.d/vigil.fish",
    ]

    func make(_ target: String, destdir: String, prefix: String = "/usr/local") throws -> String {
        let run = try ExternalTool.run(
            "make", ["-s", target, "BIN=\(VigilProcess.executable)", "DESTDIR=\(destdir)", "PREFIX=\(prefix)"],
            directory: ExternalTool.repositoryRoot)
        #expect(run.status == 0, "make \(target): \(run.stderr)")
        return run.stdout
    }

    func files(under root: String) -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: Set<String> = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                found.insert(path)
            }
        }
        return found
    }

    @Test func installLaysOutTheFilesAndUninstallKeepsTheConfig() throws {
        let destdir = NSTemporaryDirectory() + "vigil-install-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        _ = try make("install-files", destdir: destdir)
        #expect(files(under: destdir) == Set(Self.installed))
        #expect(FileManager.default.isExecutableFile(atPath: destdir + "/usr/local/bin/vigil"))
        let unit = try String(contentsOfFile: destdir + "/lib/systemd/system/vigil.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/vigil run --config /etc/vigil/vigil.yaml"))
        let config = try String(contentsOfFile: destdir + "/etc/vigil/vigil.yaml", encoding: .utf8)
        for line in [
            "state_dir: /var/lib/vigil", "log_dir: /var/log/vigil", "feeds_dir: /etc/vigil/feeds.d",
            "inbox_dir: /var/lib/vigil/inbox", "detect_dir: /usr/local/share/vigil/detect",
        ] {
            #expect(config.contains(line), "config lacks \(line)")
        }
        let bash = try String(
            contentsOfFile: destdir + "/usr/local/share/bash-completion/completions/vigil", encoding: .utf8)
        #expect(bash.contains("backup"))

        // A second install keeps the operator's config.
        try "log_level: debug\n".write(toFile: destdir + "/etc/vigil/vigil.yaml", atomically: true, encoding: .utf8)
        _ = try make("install-files", destdir: destdir)
        #expect(try String(contentsOfFile: destdir + "/etc/vigil/vigil.yaml", encoding: .utf8) == "log_level: debug\n")

        // Uninstall removes what install put down, and keeps the config and the operator's feed files.
        try "feeds: []\n".write(toFile: destdir + "/etc/vigil/feeds.d/mine.yaml", atomically: true, encoding: .utf8)
        _ = try make("uninstall", destdir: destdir)
        #expect(files(under: destdir) == ["etc/vigil/vigil.yaml", "etc/vigil/feeds.d/mine.yaml"])
    }

    @Test func anotherPrefixMovesExecStartAndDetectDir() throws {
        let destdir = NSTemporaryDirectory() + "vigil-install-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        _ = try make("install-files", destdir: destdir, prefix: "/opt/vigil")
        #expect(FileManager.default.isExecutableFile(atPath: destdir + "/opt/vigil/bin/vigil"))
        let unit = try String(contentsOfFile: destdir + "/lib/systemd/system/vigil.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/opt/vigil/bin/vigil run --config /etc/vigil/vigil.yaml"))
        let config = try String(contentsOfFile: destdir + "/etc/vigil/vigil.yaml", encoding: .utf8)
        #expect(config.contains("detect_dir: /opt/vigil/share/vigil/detect"))
        #expect(FileManager.default.fileExists(atPath: destdir + "/opt/vigil/share/vigil/detect/taxonomy.yaml"))
    }

    /// The shipped service config is valid: check-config passes once its absolute folders point into a temp root.
    @Test func serviceConfigPassesCheckConfig() async throws {
        let root = NSTemporaryDirectory() + "vigil-svc-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/feeds", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: ExternalTool.repositoryRoot + "/config/example-feed.yaml", toPath: root + "/feeds/example.yaml")
        let yaml = try String(
            contentsOfFile: ExternalTool.repositoryRoot + "/config/vigil.service.yaml", encoding: .utf8
        )
        .replacingOccurrences(of: "/var/lib/vigil", with: root + "/state")
        .replacingOccurrences(of: "/var/log/vigil", with: root + "/log")
        .replacingOccurrences(of: "/etc/vigil/feeds.d", with: root + "/feeds")
        .replacingOccurrences(of: "/usr/local/share/vigil/detect", with: DaemonFixture.repositoryDetectDir)
        try yaml.write(toFile: root + "/vigil.yaml", atomically: true, encoding: .utf8)
        let run = try await VigilProcess.run(["check-config", "--config", root + "/vigil.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 feeds (1 enabled)"), "\(run.stdout)")
    }
}
