import Foundation
import Testing

/// `vigil backup PATH`: copies the configured store; keeps an existing file unless --force.
@Suite struct BackupCommandTests {
    @Test func backsUpTheStoreAndRefusesToOverwrite() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.remove() }

        let missing = try await VigilProcess.run(["backup", "--config", fixture.configPath, fixture.root + "/b.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nothing to back up"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.databasePath))

        let status = try await VigilProcess.run(["status", "--config", fixture.configPath])  // creates the store
        #expect(status.status == 0, "\(status.stderr)")

        let target = fixture.root + "/backup.sqlite"
        let first = try await VigilProcess.run(["backup", "--config", fixture.configPath, target])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("backed up"), "\(first.stdout)")
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: target)).readData(ofLength: 16)
        #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3\0")

        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let again = try await VigilProcess.run(["backup", "--config", fixture.configPath, target])
        #expect(again.status == 1)
        #expect(again.stderr.contains("--force"), "\(again.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")

        let forced = try await VigilProcess.run(["backup", "--force", "--config", fixture.configPath, target])
        #expect(forced.status == 0, "\(forced.stderr)")
        // The copy is a database Vigil opens: status against a config whose state_dir holds it.
        let restored = try DaemonFixture()
        defer { restored.remove() }
        try FileManager.default.copyItem(atPath: target, toPath: restored.databasePath)
        let check = try await VigilProcess.run(["status", "--config", restored.configPath])
        #expect(check.status == 0, "\(check.stderr)")
    }
}
