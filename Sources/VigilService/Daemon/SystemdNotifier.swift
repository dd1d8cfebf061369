import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells the service manager how the daemon is doing, with the sd_notify protocol: one datagram per message,
/// sent to the `AF_UNIX` socket named by `NOTIFY_SOCKET` (a path, or an abstract name written with a leading `@`).
/// Without `NOTIFY_SOCKET` (not run by systemd, or `Type=simple`) every send does nothing. Written by hand: the
/// protocol is one `sendto`, and libsystemd would be a C dependency for it.
public struct SystemdNotifier: Sendable {
    /// The socket address from `NOTIFY_SOCKET`, or nil when notifications are off.
    public let address: Address?
    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, or nil when systemd expects no keep-alive.
    public let watchdogInterval: Duration?

    /// A notifier configured from `environment` (the process's own by default). `WATCHDOG_PID`, when set, must
    /// be `pid`: the watchdog settings were meant for another process otherwise.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()
    ) {
        address = environment["NOTIFY_SOCKET"].flatMap(Address.init(socket:))
        watchdogInterval = Self.watchdogInterval(environment: environment, pid: pid)
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { address != nil }

    /// Sends `state` (one or more `KEY=value` lines, e.g. `READY=1` or `STATUS=...`). Returns false when
    /// notifications are off or the datagram could not be sent; the daemon carries on either way.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard let address else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var storage = address.storage
        let sent = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                Array(state.utf8).withUnsafeBytes { bytes in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, address.length)
                }
            }
        }
        return sent == state.utf8.count
    }

    /// `STATUS=` with `text` on one line.
    @discardableResult
    public func status(_ text: String) -> Bool {
        send("STATUS=" + text.replacingOccurrences(of: "\n", with: " "))
    }

    /// `RELOADING=1` with the monotonic time systemd's `Type=notify-reload` asks for.
    @discardableResult
    public func reloading() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let micros = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        return send("RELOADING=1\nMONOTONIC_USEC=\(micros)")
    }

    /// Half of `WATCHDOG_USEC` when it is a positive number and `WATCHDOG_PID` is absent or `pid`.
    static func watchdogInterval(environment: [String: String], pid: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let micros = UInt64(text), micros > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: micros / 2))
    }

    /// A `sockaddr_un` ready for `sendto`.
    public struct Address: Sendable, Equatable {
        /// The address as `sockaddr_un`.
        public let storage: sockaddr_un
        /// The address length to pass: up to the name's last byte (abstract) or its terminating NUL (path).
        public let length: socklen_t
        /// Whether the name lives in the abstract namespace (`@name`).
        public var isAbstract: Bool { storage.sun_path.0 == 0 }

        /// The address for a `NOTIFY_SOCKET` value: an absolute path, or `@name` for the abstract namespace.
        /// Nil for anything else (empty, relative, or too long for `sun_path`).
        public init?(socket: String) {
            var bytes = Array(socket.utf8)
            guard let first = bytes.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@") else {
                return nil
            }
            let abstract = first == UInt8(ascii: "@")
            if abstract {
                bytes[0] = 0
                guard bytes.count > 1 else { return nil }
            } else {
                guard !bytes.contains(0) else { return nil }
            }
            var address = sockaddr_un()
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            // A path needs room for its NUL; an abstract name is counted by length and needs none.
            guard bytes.count + (abstract ? 0 : 1) <= capacity else { return nil }
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { path in
                path.copyBytes(from: bytes)
            }
            storage = address
            let offset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
            length = socklen_t(offset + bytes.count + (abstract ? 0 : 1))
        }

        public static func == (lhs: Address, rhs: Address) -> Bool {
            guard lhs.length == rhs.length else { return false }
            return withUnsafeBytes(of: lhs.storage) { left in
                withUnsafeBytes(of: rhs.storage) { right in
                    left.prefix(Int(lhs.length)).elementsEqual(right.prefix(Int(rhs.length)))
                }
            }
        }

        /// The name as written in `NOTIFY_SOCKET`.
        public var name: String {
            let offset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
            let count = Int(length) - offset - (isAbstract ? 0 : 1)
            var bytes = withUnsafeBytes(of: storage.sun_path) { Array($0.prefix(count)) }
            if isAbstract { bytes[0] = UInt8(ascii: "@") }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
