import Testing
import VigilFetch

@Suite struct AddressScopeTests {
    @Test(arguments: [
        ("0.0.0.0", AddressScope.unspecified),
        ("0.1.2.3", .unspecified),
        ("127.0.0.1", .loopback),
        ("127.255.1.2", .loopback),
        ("10.0.0.1", .privateNetwork),
        ("172.16.0.1", .privateNetwork),
        ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork),
        ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace),
        ("169.254.169.254", .linkLocal),
        ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast),
        ("255.255.255.255", .broadcast),
        ("240.0.0.1", .reserved),
        ("192.0.2.10", .reserved),
        ("198.18.0.1", .reserved),
        ("203.0.113.5", .reserved),
    ])
    func nonPublicIPv4(address: String, expected: AddressScope) {
        #expect(AddressScope.classify(address) == expected)
        #expect(AddressScope.classify(address)?.isPublic == false)
    }

    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "169.253.1.1", "192.169.0.1", "11.0.0.1", "126.255.255.255", "223.255.255.255",
    ])
    func publicIPv4(address: String) {
        #expect(AddressScope.classify(address) == .global)
    }

    @Test(arguments: [
        ("::", AddressScope.unspecified),
        ("::1", .loopback),
        ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal),
        ("fc00::1", .uniqueLocal),
        ("fd12:3456:789a::1", .uniqueLocal),
        ("fec0::1", .privateNetwork),
        ("ff02::1", .multicast),
        ("2001:db8::1", .reserved),
        ("100::1", .reserved),
        ("::ffff:127.0.0.1", .loopback),
        ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:0.0.0.0", .unspecified),
        ("::127.0.0.1", .reserved),
        ("64:ff9b::192.168.0.1", .privateNetwork),
        ("2002:7f00:1::", .loopback),
        ("2002:c0a8:101::1", .privateNetwork),
    ])
    func nonPublicIPv6(address: String, expected: AddressScope) {
        #expect(AddressScope.classify(address) == expected)
    }

    @Test(arguments: [
        "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8",
        "2002:0808:0808::1", "fe00::1", "fbff::1",
    ])
    func publicIPv6(address: String) {
        #expect(AddressScope.classify(address) == .global)
    }

    @Test func bytesOfOtherLengthsAreNotAddresses() {
        #expect(AddressScope.classify(bytes: [127, 0, 0]) == nil)
        #expect(AddressScope.classify(bytes: [UInt8]()) == nil)
        #expect(AddressScope.classify("localhost") == nil)
        #expect(AddressScope.classify("999.1.1.1") == nil)
    }

    @Test func bytesInNetworkOrder() {
        #expect(AddressScope.classify(bytes: [192, 168, 0, 1]) == .privateNetwork)
        var loopback6 = [UInt8](repeating: 0, count: 16)
        loopback6[15] = 1
        #expect(AddressScope.classify(bytes: loopback6) == .loopback)
    }
}
