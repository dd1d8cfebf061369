/// Decides which transfers may run now under a global and a per-host limit, first come first served.
///
/// Pure state: the fetch loop tells it what arrived and what ended, and starts the ids it returns. Transfers wait
/// here rather than inside libcurl so that their timeouts only start once they really run.
struct TransferScheduler {
    /// Transfers running at once, over all hosts.
    let maxConcurrent: Int
    /// Transfers running at once to one host.
    let maxPerHost: Int

    private var waiting: [(id: UInt64, host: String)] = []
    private var running: [UInt64: String] = [:]
    private var runningPerHost: [String: Int] = [:]

    init(maxConcurrent: Int, maxPerHost: Int) {
        precondition(maxConcurrent > 0 && maxPerHost > 0, "fetch concurrency limits must be positive")
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
    }

    /// What `remove` found.
    enum Removed: Equatable {
        case running, waiting, unknown
    }

    /// Transfers running now.
    var runningCount: Int { running.count }
    /// Transfers waiting for a slot.
    var waitingCount: Int { waiting.count }

    /// Adds a transfer for `host`; returns the ids to start now (the new one, or none when it has to wait).
    mutating func submit(id: UInt64, host: String) -> [UInt64] {
        waiting.append((id, host))
        return admit()
    }

    /// Forgets a transfer that ended or was cancelled; returns the ids that may start in its place.
    mutating func remove(id: UInt64) -> (removed: Removed, start: [UInt64]) {
        if let host = running.removeValue(forKey: id) {
            let left = (runningPerHost[host] ?? 1) - 1
            runningPerHost[host] = left > 0 ? left : nil
            return (.running, admit())
        }
        if let index = waiting.firstIndex(where: { $0.id == id }) {
            waiting.remove(at: index)
            return (.waiting, [])
        }
        return (.unknown, [])
    }

    /// Empties the scheduler, returning every id it knew.
    mutating func removeAll() -> [UInt64] {
        let ids = Array(running.keys) + waiting.map(\.id)
        running = [:]
        runningPerHost = [:]
        waiting = []
        return ids
    }

    private mutating func admit() -> [UInt64] {
        var started: [UInt64] = []
        var index = 0
        while index < waiting.count && running.count < maxConcurrent {
            let candidate = waiting[index]
            let onHost = runningPerHost[candidate.host] ?? 0
            if onHost < maxPerHost {
                waiting.remove(at: index)
                running[candidate.id] = candidate.host
                runningPerHost[candidate.host] = onHost + 1
                started.append(candidate.id)
            } else {
                index += 1
            }
        }
        return started
    }
}
