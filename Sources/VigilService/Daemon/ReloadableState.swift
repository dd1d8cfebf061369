import Synchronization
import VigilCore
import VigilDetect

/// The config and detector in effect, replaced as a whole by a SIGHUP reload. The daemon's loops read it at the
/// start of each iteration, so a reload applies from their next round and never halfway through one.
public final class ReloadableState: Sendable {
    /// What one reload installs.
    public struct Current: Sendable {
        /// The config in effect.
        public var config: VigilConfig
        /// The detector in effect (nil when the daemon runs without detection).
        public var detector: Detector?
        /// Bumped by every applied reload, so a loop can tell that it must rebuild what it derived.
        public var generation: Int
    }

    private let state: Mutex<Current>

    /// The state at start-up.
    public init(config: VigilConfig, detector: Detector?) {
        state = Mutex(Current(config: config, detector: detector, generation: 0))
    }

    /// A consistent snapshot of the config and detector.
    public var current: Current { state.withLock { $0 } }

    /// Installs a reloaded config and detector; returns the previous ones.
    @discardableResult
    public func replace(config: VigilConfig, detector: Detector?) -> Current {
        state.withLock { state in
            let previous = state
            state = Current(config: config, detector: detector, generation: previous.generation + 1)
            return previous
        }
    }
}
