import ArgumentParser
import Foundation
import VigilCore
import VigilService
import VigilStore

/// `vigil backup PATH`: an online copy of the store, safe while the daemon runs.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store (state_dir/vigil.sqlite) to PATH with SQLite's online backup.",
        discussion: """
            Safe while the daemon runs: the copy is one consistent snapshot and the daemon keeps writing.
            PATH is written whole or not at all; an existing file is kept unless --force is given.
            Restore by stopping the daemon and copying the backup over state_dir/vigil.sqlite
            (remove vigil.sqlite-wal and vigil.sqlite-shm beside it).

            Examples:
              vigil backup --config /etc/vigil/vigil.yaml /var/backups/vigil-$(date +%F).sqlite
              vigil backup --force /var/backups/vigil-latest.sqlite
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "path"))
    var path: String

    @Flag(help: "Replace PATH if it exists.")
    var force = false

    func run() async throws {
        let config = try options.loadConfig()
        // Opening a missing database would create an empty one: there is nothing to back up then.
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            throw CommandFailure(message: "vigil: no database at \(config.databasePath): nothing to back up")
        }
        if !force && FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(message: "vigil: \(path) exists: pass --force to replace it")
        }
        do {
            let store = try Runtime.openStore(config)
            try store.backup(to: path, overwrite: force)
            try store.close()
        } catch {
            throw CommandFailure(message: "vigil: backup to \(path) failed: \(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("backed up \(config.databasePath) to \(path) (\(size) bytes)")
    }
}
