import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGHUP arrivals as a stream. While the source lives, SIGHUP no longer terminates the process. Several sources
/// may watch the signal at once (the alert log's reopen and the daemon's reload each have one): each gets every
/// arrival.
struct HangupSignals: @unchecked Sendable {
    // @unchecked: DispatchSourceSignal is thread-safe but not marked Sendable on Linux.
    let stream: AsyncStream<Void>
    private let source: any DispatchSourceSignal

    /// Starts watching SIGHUP; arrivals before anyone iterates `stream` are kept (the newest one).
    init(label: String) {
        Self.ignoreWhileDefault()
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: label))
        let (stream, input) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        source.setEventHandler { input.yield() }
        source.setCancelHandler { input.finish() }
        source.resume()
        self.stream = stream
        self.source = source
    }

    /// Replaces SIGHUP's default action (terminate) with SIG_IGN, only while it is the default: Dispatch installs
    /// its own handler when a source registers (asynchronously), and setting SIG_IGN over that handler, for a
    /// second source, makes the kernel drop every SIGHUP (seen: `vigil run`, with the alert log's and the
    /// reload's sources, then never reopened nor reloaded).
    private static func ignoreWhileDefault() {
        lock.withLock { _ in
            var current = sigaction()
            guard sigaction(SIGHUP, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
            signal(SIGHUP, SIG_IGN)
        }
    }

    private static let lock = Mutex(())

    /// Stops watching and ends `stream`.
    func cancel() { source.cancel() }
}
