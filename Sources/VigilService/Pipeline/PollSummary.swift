import Foundation
import VigilCore

/// What one poll of one feed did: for logs, `vigil once` totals and tests.
public struct PollSummary: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case fetched
        case notModified
        case failed(String)
    }

    public var feedURL: String
    public var result: Result
    public var status: Int?
    public var newItems: Int
    public var duplicates: Int
    public var nextPoll: Date
    public var consecutiveFailures: Int
    /// Pages fetched and stored / failed for `fetch_articles` feeds.
    public var pagesStored: Int = 0
    public var pagesFailed: Int = 0
    /// Parse problems in a document that was still usable.
    public var problems: [String] = []
}
