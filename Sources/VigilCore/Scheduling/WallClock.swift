import Foundation

/// The source of "now" for anything that schedules or timestamps, injected so tests and replays control time.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
