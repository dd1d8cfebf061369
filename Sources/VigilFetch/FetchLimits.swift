import Foundation
import VigilCore

/// Bounds on one fetch: how long it may take, how much it may download, where it may go.
public struct FetchLimits: Sendable, Equatable {
    /// Longest time to establish the connection (DNS, TCP and TLS), in seconds.
    public var connectTimeout: TimeInterval
    /// Longest time for the whole transfer, redirects included, in seconds.
    public var timeout: TimeInterval
    /// Largest body accepted, counted after decompression.
    public var maxBodyBytes: Int
    /// Redirects followed at most before the fetch fails with `tooManyRedirects`.
    public var maxRedirects: Int
    /// `User-Agent` header sent with every request.
    public var userAgent: String
    /// Whether connections to loopback, private, link-local and other non-public addresses are allowed.
    public var allowPrivateNetworks: Bool

    /// Limits with explicit values.
    public init(
        connectTimeout: TimeInterval = 10, timeout: TimeInterval = 30, maxBodyBytes: Int = 10 * 1024 * 1024,
        maxRedirects: Int = 5, userAgent: String = PollSettings().userAgent, allowPrivateNetworks: Bool = false
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.allowPrivateNetworks = allowPrivateNetworks
    }

    /// Limits from the configured poll settings.
    public init(settings: PollSettings, allowPrivateNetworks: Bool) {
        self.init(
            connectTimeout: settings.connectTimeout, timeout: settings.timeout, maxBodyBytes: settings.maxBodyBytes,
            userAgent: settings.userAgent, allowPrivateNetworks: allowPrivateNetworks
        )
    }
}
