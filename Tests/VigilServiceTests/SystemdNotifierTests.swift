import Foundation
import Testing
import VigilService

#if canImport(Glibc)
    import Glibc
#endif

/// `NOTIFY_SOCKET` and `WATCHDOG_*` handling, and datagrams over real sockets.
@Suite struct SystemdNotifierTests {
    private static let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!

    @Test func pathNameCountsItsTerminatingNul() throws {
        let address = try #require(SystemdNotifier.Address(socket: "/run/systemd/notify"))
        #expect(!address.isAbstract)
        #expect(Int(address.length) == Self.pathOffset + "/run/systemd/notify".utf8.count + 1)
        #expect(address.name == "/run/systemd/notify")
    }

    @Test func atSignMeansAbstractNamespaceWithoutNul() throws {
        let address = try #require(SystemdNotifier.Address(socket: "@vigil/notify"))
        #expect(address.isAbstract)
        #expect(address.storage.sun_path.0 == 0)
        #expect(Int(address.length) == Self.pathOffset + "@vigil/notify".utf8.count)
        #expect(address.name == "@vigil/notify")
    }

    @Test func unusableNamesTurnNotificationsOff() {
        for name in ["", "@", "relative/notify", "notify", String(repeating: "/a", count: 54)] {
            #expect(SystemdNotifier.Address(socket: name) == nil, "\(name)")
        }
        // The longest path that fits: 107 bytes and the NUL; an abstract name may use all 108.
        #expect(SystemdNotifier.Address(socket: "/" + String(repeating: "a", count: 106)) != nil)
        #expect(SystemdNotifier.Address(socket: "/" + String(repeating: "a", count: 107)) == nil)
        #expect(SystemdNotifier.Address(socket: "@" + String(repeating: "a", count: 107)) != nil)
        let off = SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative"])
        #expect(!off.isEnabled)
        #expect(!off.send("READY=1"))
    }

    @Test func withoutNotifySocketEverySendIsANoOp() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        #expect(!notifier.send("READY=1"))
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        let pid: Int32 = 4242
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000"], pid: pid).watchdogInterval == .seconds(1))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"], pid: pid)
                .watchdogInterval == .seconds(15))
        // Meant for another process, or not a usable number.
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "1"], pid: pid)
                .watchdogInterval == nil)
        for value in ["0", "-5", "soon", ""] {
            #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": value], pid: pid).watchdogInterval == nil)
        }
    }

    @Test(arguments: [false, true]) func sendsOneDatagramPerMessage(abstract: Bool) throws {
        let socket = try NotifySocket(abstract: abstract)
        defer { socket.close() }
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.name])
        #expect(notifier.isEnabled)
        #expect(notifier.send("READY=1"))
        #expect(notifier.status("3/4 feeds healthy,\nsecond line"))
        #expect(notifier.reloading())
        let messages = socket.messages
        #expect(messages.count == 3)
        #expect(messages.first == "READY=1")
        #expect(messages.dropFirst().first == "STATUS=3/4 feeds healthy, second line")
        #expect(messages.last?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
    }

    @Test func aMissingSocketIsReportedNotFatal() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": NSTemporaryDirectory() + "no-such-\(UUID())"])
        #expect(notifier.isEnabled)
        #expect(!notifier.send("READY=1"))
    }
}
