import Foundation

/// The final HTTP response of a fetch, whatever its status: 4xx and 5xx are responses, not errors.
public struct FetchResponse: Sendable, Equatable {
    /// HTTP status code of the final response.
    public var status: Int
    /// Effective URL after redirects.
    public var url: String
    /// Headers of the final response, names lower-cased; for a repeated header the last value wins.
    public var headers: [String: String]
    /// Body after content decoding (gzip, deflate, br, zstd).
    public var body: Data
    /// `ETag` header.
    public var etag: String?
    /// `Last-Modified` header.
    public var lastModified: String?
    /// `Content-Type` header.
    public var contentType: String?
    /// `Retry-After` header as sent (seconds or an HTTP date).
    public var retryAfter: String?
    /// Redirects followed to reach `url`.
    public var redirectCount: Int
    /// Body bytes of the final response as received, before decompression.
    public var wireBytes: Int
    /// Whole transfer time in seconds, redirects included.
    public var duration: TimeInterval

    /// Whether the server answered 304: the held copy is current.
    public var isNotModified: Bool { status == 304 }

    /// A response with the given parts; validators and the other named headers default to those in `headers`.
    public init(
        status: Int, url: String, headers: [String: String] = [:], body: Data = Data(), redirectCount: Int = 0,
        wireBytes: Int? = nil, duration: TimeInterval = 0
    ) {
        self.status = status
        self.url = url
        self.headers = headers
        self.body = body
        self.etag = headers["etag"]
        self.lastModified = headers["last-modified"]
        self.contentType = headers["content-type"]
        self.retryAfter = headers["retry-after"]
        self.redirectCount = redirectCount
        self.wireBytes = wireBytes ?? body.count
        self.duration = duration
    }
}
