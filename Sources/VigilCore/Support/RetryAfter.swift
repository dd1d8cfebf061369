import Foundation

/// The HTTP `Retry-After` header: delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait from `now`, or nil when the value is neither form. Past dates give 0.
    public static func seconds(_ value: String, now: Date) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? TimeInterval(seconds) : nil }
        guard let date = FeedDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
