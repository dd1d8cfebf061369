/// One HTTP GET to perform, with the validators of the copy already held.
public struct FetchRequest: Sendable, Equatable {
    /// Absolute `http` or `https` URL.
    public var url: String
    /// `ETag` of the held copy, sent as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` of the held copy, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Time, size and network bounds of this fetch.
    public var limits: FetchLimits
    /// `Accept` header value; curl's default (`*/*`) when nil.
    public var accept: String?

    /// A request for `url`, conditional when validators are given.
    public init(
        url: String, etag: String? = nil, lastModified: String? = nil, limits: FetchLimits, accept: String? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.limits = limits
        self.accept = accept
    }
}
