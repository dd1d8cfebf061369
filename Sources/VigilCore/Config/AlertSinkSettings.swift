import Foundation

/// The `alerts:` section of `vigil.yaml`: optional sinks beyond the alert log file and the journal.
public struct AlertSinkSettings: Sendable, Equatable, Codable {
    /// Where to POST each alert, or nil for no webhook.
    public var webhook: WebhookSettings?
    /// A command run with each alert on stdin, or nil for none.
    public var exec: ExecSettings?

    /// No webhook, no command.
    public init(webhook: WebhookSettings? = nil, exec: ExecSettings? = nil) {
        self.webhook = webhook
        self.exec = exec
    }
}

/// `alerts.webhook`: a URL that receives each alert as a JSON POST, retried with exponential backoff.
public struct WebhookSettings: Sendable, Equatable, Codable {
    /// The `http` or `https` URL to POST to.
    public var url: String
    /// Whole-request timeout of one attempt, in seconds.
    public var timeout: TimeInterval = 10
    /// Attempts at most, the first included, before the alert is given up for this webhook.
    public var maxAttempts: Int = 8
    /// Delay before the first retry, in seconds; doubled after each further failure.
    public var backoffInitial: TimeInterval = 5
    /// Longest delay between two attempts, in seconds.
    public var backoffMax: TimeInterval = 600

    /// A webhook to `url` with the default timeout and backoff.
    public init(url: String) {
        self.url = url
    }
}

/// `alerts.exec`: a command (argv, no shell) that receives each alert's JSON on stdin.
public struct ExecSettings: Sendable, Equatable, Codable {
    /// Program path followed by its arguments.
    public var command: [String]
    /// Time the command may run before it is terminated, in seconds.
    public var timeout: TimeInterval = 30

    /// A command with the default timeout.
    public init(command: [String]) {
        self.command = command
    }
}
