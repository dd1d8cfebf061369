import Foundation

/// A request the fixture server received, as its handlers and its request log see it.
public struct FixtureRequest: Sendable, Equatable {
    /// HTTP method, e.g. `GET`.
    public var method: String
    /// Path without the query, e.g. `/feeds/a.xml`.
    public var path: String
    /// Query string without `?`, or nil.
    public var query: String?
    /// Request headers, names lower-cased; repeated headers joined with `, `.
    public var headers: [String: String]
    /// The request body (at most 1 MiB is kept), empty for a GET.
    public var body: Data

    /// A request with the given parts.
    public init(
        method: String = "GET", path: String, query: String? = nil, headers: [String: String] = [:],
        body: Data = Data()
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
