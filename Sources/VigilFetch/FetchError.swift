/// Why a fetch produced no response. HTTP error statuses are responses, never this error.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new kinds may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case tooLarge, timeout, connectFailed, dnsFailed, disallowedScheme, tooManyRedirects, privateAddress
            case tls, cancelled, other
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The body exceeded `maxBodyBytes` after decompression.
        public static let tooLarge = Code(.tooLarge)
        /// Connecting or the whole transfer took longer than allowed.
        public static let timeout = Code(.timeout)
        /// No connection could be made (refused, unreachable).
        public static let connectFailed = Code(.connectFailed)
        /// The host name did not resolve.
        public static let dnsFailed = Code(.dnsFailed)
        /// The URL, or a redirect target, is not `http` or `https`.
        public static let disallowedScheme = Code(.disallowedScheme)
        /// More redirects than `maxRedirects`, or a loop.
        public static let tooManyRedirects = Code(.tooManyRedirects)
        /// The host resolved to a loopback, private or other non-public address while those are not allowed.
        public static let privateAddress = Code(.privateAddress)
        /// TLS handshake or certificate verification failed.
        public static let tls = Code(.tls)
        /// The calling task was cancelled, or the fetcher was shut down.
        public static let cancelled = Code(.cancelled)
        /// Any other failure (malformed URL, protocol error, connection dropped).
        public static let other = Code(.other)

        /// The code's name, e.g. `tooLarge`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The URL that was requested.
    public var url: String
    /// What went wrong, for people.
    public var message: String
    /// libcurl's `CURLcode` when libcurl reported the failure.
    public var curlCode: Int?

    /// An error of kind `code` for `url`.
    public init(_ code: Code, url: String, message: String, curlCode: Int? = nil) {
        self.code = code
        self.url = url
        self.message = message
        self.curlCode = curlCode
    }

    /// `<url>: <message> (<code>[, curl <n>])`.
    public var description: String {
        let curl = curlCode.map { ", curl \($0)" } ?? ""
        return "\(url): \(message) (\(code)\(curl))"
    }

    /// The fetch was cancelled by its task or by `Fetcher.shutdown()`.
    public static func cancelled(url: String, message: String = "fetch cancelled") -> FetchError {
        FetchError(.cancelled, url: url, message: message)
    }
}
