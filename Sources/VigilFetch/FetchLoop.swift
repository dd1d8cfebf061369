import CCurl
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A libcurl multi handle.
///
/// `@unchecked Sendable` because it is a raw C pointer: only the loop thread drives it, other threads only call
/// `curl_multi_wakeup` (which libcurl allows from any thread) under `FetchLoop`'s lock, which also guarantees that
/// the handle is not cleaned up meanwhile.
struct MultiHandle: @unchecked Sendable {
    /// The `CURLM *`.
    let raw: UnsafeMutableRawPointer
}

/// A request to the loop thread.
enum LoopCommand: Sendable {
    /// Run a new transfer and resume `continuation` with its outcome.
    case start(
        id: UInt64, request: FetchRequest, hostKey: String,
        continuation: CheckedContinuation<FetchResponse, any Error>)
    /// Abandon a transfer; its continuation is resumed with `cancelled`.
    case cancel(id: UInt64)
}

/// The dedicated thread that owns the multi handle and every easy handle, and the locked queue through which
/// other threads talk to it.
final class FetchLoop: Sendable {
    private struct Shared {
        var commands: [LoopCommand] = []
        var isShutdown = false
        var thread: pthread_t?
    }

    private let multi: MultiHandle
    private let shared = Mutex(Shared())
    private let nextID = Atomic<UInt64>(1)
    private let maxConcurrent: Int
    private let maxPerHost: Int

    init(maxConcurrent: Int, maxPerHost: Int) {
        precondition(maxConcurrent > 0 && maxPerHost > 0, "fetch concurrency limits must be positive")
        CurlRuntime.initialize()
        guard let raw = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        // Also bounds connections when a redirect leads to a host the scheduler did not count.
        _ = vigil_multi_setopt_long(raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConcurrent)
        _ = vigil_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, maxPerHost)
        multi = MultiHandle(raw: raw)
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
    }

    /// A fresh transfer id.
    func makeID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Queues `command` and wakes the loop, starting its thread on first use. Returns an error when the loop has
    /// shut down (or its thread could not start); the command was then not queued.
    func submit(_ command: LoopCommand) -> FetchError? {
        shared.withLock { shared in
            if shared.isShutdown { return .cancelled(url: command.url, message: "fetcher is shut down") }
            if shared.thread == nil {
                guard let thread = startThread() else {
                    return FetchError(.other, url: command.url, message: "could not start the fetch thread")
                }
                shared.thread = thread
            }
            shared.commands.append(command)
            _ = curl_multi_wakeup(multi.raw)
            return nil
        }
    }

    /// Stops the loop: in-flight and queued fetches throw `cancelled`, later fetches are refused. Waits for the
    /// thread to end. Idempotent.
    func shutdown() {
        let thread: pthread_t?? = shared.withLock { shared in
            if shared.isShutdown { return .none }
            shared.isShutdown = true
            if shared.thread != nil { _ = curl_multi_wakeup(multi.raw) }
            return .some(shared.thread)
        }
        switch thread {
        case .none:
            return
        case .some(.none):
            // The thread never started: nobody else touches the handle.
            curl_multi_cleanup(multi.raw)
        case .some(.some(let thread)):
            if pthread_equal(thread, pthread_self()) == 0 {
                pthread_join(thread, nil)
            } else {
                pthread_detach(thread)
            }
        }
    }

    private func startThread() -> pthread_t? {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                let loop = Unmanaged<FetchLoop>.fromOpaque(context).takeRetainedValue()
                loop.run()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<FetchLoop>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// The thread's body.
    private func run() {
        let worker = LoopWorker(multi: multi.raw, maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
        while true {
            let (commands, stopping) = shared.withLock { shared in
                let commands = shared.commands
                shared.commands = []
                return (commands, shared.isShutdown)
            }
            if stopping {
                worker.abandonAll(commands)
                break
            }
            worker.handle(commands)
            worker.perform()
            // A shutdown requested after this check wakes the poll below, so none is missed.
            if shared.withLock({ $0.isShutdown }) { continue }
            worker.poll()
        }
        curl_multi_cleanup(multi.raw)
    }
}

extension LoopCommand {
    /// The URL a command concerns, for errors.
    var url: String {
        switch self {
        case .start(_, let request, _, _): request.url
        case .cancel: ""
        }
    }
}
