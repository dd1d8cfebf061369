/// What the fixture server received: every request per path, and how many were being answered at once.
struct RequestLog {
    private(set) var requests: [String: [FixtureRequest]] = [:]
    private(set) var total = 0
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0

    /// Records a request arriving; it counts as in flight until `leave()`.
    mutating func enter(_ request: FixtureRequest) {
        requests[request.path, default: []].append(request)
        total += 1
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    /// Records that a response was fully sent (or abandoned).
    mutating func leave() {
        inFlight -= 1
    }

    /// Forgets the requests and the maximum, keeping the ones in flight.
    mutating func reset() {
        requests = [:]
        total = 0
        maxInFlight = inFlight
    }
}
