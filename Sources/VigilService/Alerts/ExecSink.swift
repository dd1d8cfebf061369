import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VigilCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the configured command (an argv array, no shell) once per alert with the alert's JSON line on stdin.
/// Commands run one at a time from `run()`, so `enqueue(_:)` never waits; one that outlives its timeout is sent
/// SIGTERM, then SIGKILL two seconds later. A non-zero exit is logged with the start of the command's stderr.
public final class ExecSink: Service, Sendable {
    /// How one run of the command ended.
    public enum Outcome: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// It was killed by this signal (not by Vigil's timeout).
        case signalled(Int32)
        /// It ran past the timeout and was stopped.
        case timedOut
        /// It could not be started.
        case failedToStart(String)
    }

    /// The command's settings.
    public let settings: ExecSettings
    private let logger: Logger
    private let queue: AsyncStream<AlertDelivery>
    private let queueInput: AsyncStream<AlertDelivery>.Continuation
    private let failures = Atomic(0)

    /// A sink running `settings.command`. A bare program name is looked up in `PATH`.
    public init(settings: ExecSettings, logger: Logger) {
        // Writing an alert to a command that exits without reading stdin must fail with EPIPE, not kill the daemon.
        signal(SIGPIPE, SIG_IGN)
        self.settings = settings
        self.logger = logger
        (queue, queueInput) = AsyncStream.makeStream(of: AlertDelivery.self, bufferingPolicy: .unbounded)
    }

    /// Queues `delivery`; returns at once.
    public func enqueue(_ delivery: AlertDelivery) {
        queueInput.yield(delivery)
    }

    /// Accepts no more deliveries; `run()` returns once the queued ones are done.
    public func finish() {
        queueInput.finish()
    }

    /// Runs that did not exit with status 0.
    public var failureCount: Int {
        failures.load(ordering: .relaxed)
    }

    /// Runs the command for each queued alert until `finish()` or graceful shutdown.
    public func run() async throws {
        for await delivery in queue.cancelOnGracefulShutdown() {
            await execute(delivery)
        }
    }

    /// Runs the command once with `delivery`'s JSON (plus a newline) on stdin and logs an unsuccessful end.
    @discardableResult
    public func execute(_ delivery: AlertDelivery) async -> Outcome {
        var input = delivery.lineWithSeq() ?? delivery.json
        if input.last != 0x0A { input.append(0x0A) }
        let (outcome, stderr) = await Self.run(settings.command, input: input, timeout: settings.timeout)
        var metadata: Logger.Metadata = [
            "alert.id": "\(delivery.id)", "exec.command": "\(settings.command.joined(separator: " "))",
        ]
        let detail = String(decoding: stderr.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !detail.isEmpty { metadata["exec.stderr"] = "\(detail)" }
        switch outcome {
        case .exited(0):
            logger.debug("alert command succeeded", metadata: metadata)
        case .exited(let status):
            failures.add(1, ordering: .relaxed)
            logger.error("alert command exited with status \(status)", metadata: metadata)
        case .signalled(let signal):
            failures.add(1, ordering: .relaxed)
            logger.error("alert command was killed by signal \(signal)", metadata: metadata)
        case .timedOut:
            failures.add(1, ordering: .relaxed)
            logger.error(
                "alert command ran longer than \(DurationText.format(settings.timeout)); stopped", metadata: metadata)
        case .failedToStart(let reason):
            failures.add(1, ordering: .relaxed)
            logger.error("alert command could not start: \(reason)", metadata: metadata)
        }
        return outcome
    }

    /// Runs `argv` with `input` on stdin, stopping it after `timeout` seconds; returns how it ended and the first
    /// 4 KiB of its stderr. Its stdout is discarded.
    static func run(_ argv: [String], input: Data, timeout: TimeInterval) async -> (Outcome, Data) {
        guard let program = argv.first, let path = resolve(program) else {
            return (.failedToStart("'\(argv.first ?? "")' not found or not executable"), Data())
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(argv.dropFirst())
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let captured = Mutex(Data())
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            captured.withLock { if $0.count < 4096 { $0.append(data.prefix(4096 - $0.count)) } }
        }
        let (ended, endedInput) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // Set when the process ends, before anything waits in the task pool: the deadline reads it.
        let finished = Mutex(false)
        process.terminationHandler = { _ in
            finished.withLock { $0 = true }
            endedInput.yield()
            endedInput.finish()
        }
        do {
            try process.run()
        } catch {
            stderr.fileHandleForReading.readabilityHandler = nil
            return (.failedToStart("\(error)"), Data())
        }
        let writer = stdin.fileHandleForWriting
        // A command that does not read its stdin must not block the sink: write from a thread of its own.
        Thread.detachNewThread {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        // The deadline runs on a Dispatch timer, not in the task pool: a pool busy with detection must not let a
        // hung command outlive its timeout.
        let pid = process.processIdentifier
        let expired = Mutex(false)
        let deadline = DispatchWorkItem {
            let stop = finished.withLock { done in
                if !done { expired.withLock { $0 = true } }
                return !done
            }
            guard stop else { return }
            kill(pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                if !finished.withLock({ $0 }) { kill(pid, SIGKILL) }
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        for await _ in ended {}
        deadline.cancel()
        let timedOut = expired.withLock { $0 }
        stderr.fileHandleForReading.readabilityHandler = nil
        let text = captured.withLock { $0 }
        if timedOut { return (.timedOut, text) }
        switch process.terminationReason {
        case .uncaughtSignal: return (.signalled(process.terminationStatus), text)
        default: return (.exited(process.terminationStatus), text)
        }
    }

    /// `program` when it contains a slash, else its first executable match in `PATH`.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
