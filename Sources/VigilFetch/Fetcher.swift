/// Fetches URLs over HTTP(S) with libcurl, many at once, from any task.
///
/// One dedicated thread runs the libcurl multi interface and keeps connections alive between fetches. Transfers
/// beyond `maxConcurrent` in total, or `maxPerHost` to one host, wait their turn; their timeouts start when they run.
public final class Fetcher: Sendable {
    private let loop: FetchLoop

    /// A fetcher running at most `maxConcurrent` transfers at once, at most `maxPerHost` of them to one host.
    /// Its thread starts with the first fetch.
    public init(maxConcurrent: Int, maxPerHost: Int) {
        loop = FetchLoop(maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
    }

    deinit {
        loop.shutdown()
    }

    /// Performs a GET and returns the final response, whatever its status (a 304 has `isNotModified`).
    ///
    /// Throws `FetchError` when no response could be had: a URL that is not http(s) before any I/O, a refused
    /// redirect, a body over the limit, a timeout, a private address, and `cancelled` when the calling task is
    /// cancelled or the fetcher shuts down.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let target = try RequestTarget(parsing: request.url)
        if Task.isCancelled { throw FetchError.cancelled(url: request.url) }
        let ticket = FetchTicket(id: loop.makeID())
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<FetchResponse, any Error>) in
                let command = LoopCommand.start(
                    id: ticket.id, request: request, hostKey: target.hostKey, continuation: continuation)
                switch ticket.submit({ loop.submit(command) }) {
                case .submitted:
                    break
                case .cancelledEarly:
                    continuation.resume(throwing: FetchError.cancelled(url: request.url))
                case .rejected(let error):
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            ticket.cancel { _ = loop.submit(.cancel(id: ticket.id)) }
        }
    }

    /// Stops the fetcher: fetches in flight or waiting throw `cancelled`, later ones too. Returns once the loop
    /// thread has ended. Safe to call more than once.
    public func shutdown() {
        loop.shutdown()
    }
}
