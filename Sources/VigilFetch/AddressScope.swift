#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an IP address leads, so that fetches can refuse loopback, private and other non-public networks.
///
/// Pure classification of address bytes; the fetcher applies it to every address libcurl is about to connect to.
public enum AddressScope: Sendable, Equatable, CustomStringConvertible {
    /// A globally routable unicast address.
    case global
    /// `0.0.0.0/8`, `::`: "this host" or no address at all.
    case unspecified
    /// `127.0.0.0/8`, `::1`.
    case loopback
    /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`) and deprecated IPv6 site-local `fec0::/10`.
    case privateNetwork
    /// RFC 6598 carrier-grade NAT space, `100.64.0.0/10`.
    case sharedAddressSpace
    /// `169.254.0.0/16`, `fe80::/10`.
    case linkLocal
    /// IPv6 unique-local `fc00::/7`.
    case uniqueLocal
    /// `224.0.0.0/4`, `ff00::/8`.
    case multicast
    /// `255.255.255.255`.
    case broadcast
    /// Special-purpose ranges that are never a public web server: protocol assignments, documentation, benchmarking,
    /// the reserved `240/4`, discard-only `100::/64`, documentation `2001:db8::/32`, deprecated IPv4-compatible IPv6.
    case reserved

    /// Whether a connection to such an address reaches the public internet.
    public var isPublic: Bool { self == .global }

    /// A short name for messages.
    public var description: String {
        switch self {
        case .global: "public"
        case .unspecified: "unspecified"
        case .loopback: "loopback"
        case .privateNetwork: "private"
        case .sharedAddressSpace: "shared (CGNAT)"
        case .linkLocal: "link-local"
        case .uniqueLocal: "unique-local"
        case .multicast: "multicast"
        case .broadcast: "broadcast"
        case .reserved: "reserved"
        }
    }

    /// Classifies an address given as bytes in network order: 4 bytes for IPv4, 16 for IPv6.
    /// Returns nil for any other length.
    public static func classify(bytes: some Collection<UInt8>) -> AddressScope? {
        let b = Array(bytes)
        switch b.count {
        case 4: return classifyIPv4(b[0], b[1], b[2], b[3])
        case 16: return classifyIPv6(b)
        default: return nil
        }
    }

    /// Classifies an address in text form (`"10.0.0.1"`, `"::ffff:127.0.0.1"`); nil when it is not an IP address.
    public static func classify(_ text: String) -> AddressScope? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { classify(bytes: $0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { classify(bytes: $0) }
        }
        return nil
    }

    private static func classifyIPv4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> AddressScope {
        switch (a, b, c) {
        case (0, _, _): return .unspecified
        case (10, _, _): return .privateNetwork
        case (100, 64...127, _): return .sharedAddressSpace
        case (127, _, _): return .loopback
        case (169, 254, _): return .linkLocal
        case (172, 16...31, _): return .privateNetwork
        case (192, 0, 0), (192, 0, 2): return .reserved
        case (192, 168, _): return .privateNetwork
        case (198, 18...19, _), (198, 51, 100), (203, 0, 113): return .reserved
        case (224...239, _, _): return .multicast
        case (255, 255, 255) where d == 255: return .broadcast
        case (240...255, _, _): return .reserved
        default: return .global
        }
    }

    private static func classifyIPv6(_ b: [UInt8]) -> AddressScope {
        let first10Zero = b[0..<10].allSatisfy { $0 == 0 }
        // ::ffff:a.b.c.d (IPv4-mapped): the kernel connects to the IPv4 address.
        if first10Zero && b[10] == 0xFF && b[11] == 0xFF {
            return classifyIPv4(b[12], b[13], b[14], b[15])
        }
        if first10Zero && b[10] == 0 && b[11] == 0 {
            if b[12..<15].allSatisfy({ $0 == 0 }) {
                if b[15] == 0 { return .unspecified }
                if b[15] == 1 { return .loopback }
            }
            // ::a.b.c.d (IPv4-compatible, deprecated): never a legitimate destination.
            return .reserved
        }
        // 64:ff9b::/96 (NAT64): the gateway connects to the embedded IPv4 address.
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) {
            return classifyIPv4(b[12], b[13], b[14], b[15])
        }
        // 2002::/16 (6to4): the relay connects to the IPv4 address in bytes 2...5.
        if b[0] == 0x20 && b[1] == 0x02 {
            return classifyIPv4(b[2], b[3], b[4], b[5])
        }
        if b[0] == 0xFF { return .multicast }
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return .linkLocal }
        if b[0] == 0xFE && (b[1] & 0xC0) == 0xC0 { return .privateNetwork }
        if (b[0] & 0xFE) == 0xFC { return .uniqueLocal }
        // 100::/64 discard-only.
        if b[0] == 0x01 && b[1] == 0x00 && b[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }
        // 2001:db8::/32 documentation.
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return .reserved }
        return .global
    }
}
