import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The built `vigil` binary, run as a child process with its output captured.
final class VigilProcess: Sendable {
    /// The path of the `vigil` executable built beside the test bundle.
    static let executable: String = {
        var folders: [URL] = [Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = folders.map { $0.appendingPathComponent("vigil").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    private let process: Process
    private let output = OutputBuffer()

    /// Starts `vigil` with `arguments` in `directory`.
    init(_ arguments: [String], directory: String? = nil, environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["JOURNAL_STREAM"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.data.withLock { $0.stdout.append(data) }
        }
        err.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            output.data.withLock { $0.stderr.append(data) }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { output.data.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    var stderr: String { output.data.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to exit, up to `timeout` seconds; returns its status, or nil if it is still running.
    func wait(timeout: TimeInterval) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else { return nil }
        try? await Task.sleep(for: .milliseconds(50))  // let the pipes drain
        return process.terminationStatus
    }

    /// Waits until stderr contains `text`, up to `timeout` seconds.
    func waitForLog(_ text: String, timeout: TimeInterval) async -> Bool {
        await eventually(timeout: timeout) { self.stderr.contains(text) }
    }

    /// Runs `vigil` to completion and returns (status, stdout, stderr).
    static func run(_ arguments: [String], directory: String? = nil, timeout: TimeInterval = 60) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let child = try VigilProcess(arguments, directory: directory)
        guard let status = await child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            return (-1, child.stdout, child.stderr + "\n(test: killed after \(timeout) s)")
        }
        return (status, child.stdout, child.stderr)
    }
}

/// A child's captured output, filled from the pipes' reader threads.
final class OutputBuffer: Sendable {
    let data = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
func eventually(timeout: TimeInterval, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    } while Date() < deadline
    return try await condition()
}

/// A config folder for a daemon under test: vigil.yaml, feeds.d/, inbox/, state/ and logs/ in one temp folder.
struct DaemonFixture {
    let root: String
    var configPath: String { root + "/vigil.yaml" }
    var feedsDir: String { root + "/feeds.d" }
    var inboxDir: String { root + "/inbox" }
    var databasePath: String { root + "/state/vigil.sqlite" }

    init(poll: String = "", allowPrivate: Bool = true) throws {
        root = NSTemporaryDirectory() + "vigil-daemon-\(UUID().uuidString)"
        for sub in ["feeds.d", "inbox", "state", "logs"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        let yaml = """
            state_dir: state
            log_dir: logs
            feeds_dir: feeds.d
            inbox_dir: inbox
            detect_dir: \(Self.repositoryDetectDir)
            log_level: debug
            allow_private_networks: \(allowPrivate)
            poll:
              interval: 10m
              jitter: 0s
              timeout: 10s
              backoff_initial: 1m
            \(poll.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// The detector data shipped in the repository (`config/detect`).
    static let repositoryDetectDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/detect").path

    func writeFeeds(_ name: String, urls: [String]) throws {
        let text = "feeds:\n" + urls.map { "  - url: \($0)\n" }.joined()
        try writeFeedFile(name, text)
    }

    func writeFeedFile(_ name: String, _ text: String) throws {
        // Write beside, then rename in: the way a careful tool updates a config file.
        let temporary = feedsDir + "/.\(name).tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        _ = rename(temporary, feedsDir + "/" + name)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
