import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A bound `AF_UNIX` datagram socket standing in for systemd's notification socket: a path in the temp folder,
/// or an abstract name.
final class NotifySocket: Sendable {
    /// The value for `NOTIFY_SOCKET`.
    let name: String
    private let fd: Int32
    private let received = Mutex<[String]>([])

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// Binds a socket at a fresh temp path, or under a fresh abstract name.
    init(abstract: Bool = false) throws {
        let unique = "vigil-notify-\(UUID().uuidString.prefix(8))"
        name = abstract ? "@" + unique : NSTemporaryDirectory() + unique + ".sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SetupError(description: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard status == 0 else {
            Glibc.close(fd)
            throw SetupError(description: "bind \(name): errno \(errno)")
        }
    }

    /// Every datagram received so far, in order.
    var messages: [String] {
        received.withLock { messages in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard count > 0 else { break }
                messages.append(String(decoding: buffer.prefix(count), as: UTF8.self))
            }
            return messages
        }
    }

    /// The received datagrams split into their `KEY=value` lines, in order.
    var lines: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }

    func close() {
        Glibc.close(fd)
        if !name.hasPrefix("@") { unlink(name) }
    }
}
