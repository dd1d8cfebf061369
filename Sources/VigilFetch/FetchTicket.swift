import Synchronization

/// The hand-off between a `fetch` call and its cancellation handler, which may run in either order.
///
/// Both sides go through this lock, and each enqueues its loop command while holding it, so the loop always sees a
/// fetch's `start` before its `cancel`, and a fetch cancelled before it was submitted is never submitted.
final class FetchTicket: Sendable {
    private enum Phase {
        case created, submitted, cancelled, rejected
    }

    /// What happened to a submission.
    enum Submission {
        /// The loop owns the continuation now.
        case submitted
        /// The task was cancelled first; nothing was enqueued.
        case cancelledEarly
        /// The loop refused it (shut down); nothing was enqueued.
        case rejected(FetchError)
    }

    /// The transfer id this ticket stands for.
    let id: UInt64
    private let phase = Mutex(Phase.created)

    init(id: UInt64) {
        self.id = id
    }

    /// Runs `enqueue` unless the fetch was already cancelled; `enqueue` returns an error when the loop refuses it.
    func submit(_ enqueue: () -> FetchError?) -> Submission {
        phase.withLock { phase in
            guard case .created = phase else { return .cancelledEarly }
            if let error = enqueue() {
                phase = .rejected
                return .rejected(error)
            }
            phase = .submitted
            return .submitted
        }
    }

    /// Marks the fetch cancelled; runs `enqueueCancel` only when the loop already has the fetch.
    func cancel(_ enqueueCancel: () -> Void) {
        phase.withLock { phase in
            switch phase {
            case .created:
                phase = .cancelled
            case .submitted:
                phase = .cancelled
                enqueueCancel()
            case .cancelled, .rejected:
                break
            }
        }
    }
}
