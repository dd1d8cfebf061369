import Logging
import Synchronization

/// The log level shared by every copy of the daemon's logger, so that a SIGHUP reload can change it live.
public final class LogLevelSetting: Sendable {
    private let current: Mutex<Logger.Level>

    /// A setting starting at `level`.
    public init(_ level: Logger.Level) {
        current = Mutex(level)
    }

    /// The level in effect.
    public var level: Logger.Level {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}
