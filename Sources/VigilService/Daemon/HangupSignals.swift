import Dispatch

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
        #if canImport(Darwin)
            // kqueue's EVFILT_SIGNAL sees signals even when ignored, and ignoring keeps the default action away.
            signal(SIGHUP, SIG_IGN)
        #endif
        // On Linux, Dispatch catches the signal with a handler of its own; SIG_IGN there makes the kernel discard
        // SIGHUP before Dispatch sees it (seen: `vigil run` started by the tests never reopened or reloaded). swift-service-lifecycle
        // does the same for SIGTERM.
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: label))
        let (stream, input) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        source.setEventHandler { input.yield() }
        source.setCancelHandler { input.finish() }
        source.resume()
        self.stream = stream
        self.source = source
    }

    /// Stops watching and ends `stream`.
    func cancel() { source.cancel() }
}
