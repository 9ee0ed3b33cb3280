import PodRouteCore
import Testing

/// What identifies a plan's target: its global addresses, IPv6 temporary ones left out.
@Suite struct HostIdentityTests {
    static func address(_ text: String, scope: RouteScope = .universe, flags: AddressFlags = []) -> InterfaceAddress {
        let address = IPAddress(text)!
        return InterfaceAddress(interface: InterfaceIndex(2), local: address, prefixLength: address.family == .inet ? 24 : 64,
                                scope: scope, flags: flags)
    }

    @Test func globalAddressesIdentifyLinkLocalTemporaryAndLoopbackDoNot() {
        let identity = HostIdentity(addresses: [
            Self.address("10.20.1.254"), Self.address("192.168.50.1"), Self.address("127.0.0.1", scope: .host),
            Self.address("fe80::1", scope: .link), Self.address("2001:db8::1"),
            Self.address("2001:db8::abcd", flags: .secondary),   // an IPv6 privacy address
        ])
        #expect(identity.addresses.map(\.description) == ["10.20.1.254", "192.168.50.1", "2001:db8::1"])
    }

    @Test func sameOtherOrChanged() {
        let gw = HostIdentity(addresses: [Self.address("10.20.1.254"), Self.address("192.168.50.1")])
        #expect(gw.match(gw) == .same)
        #expect(gw.match(HostIdentity(addresses: [Self.address("10.20.1.22")])) == .other)
        #expect(gw.match(HostIdentity(addresses: [Self.address("10.20.1.254")])) == .changed(missing: [IPAddress("192.168.50.1")!]))
        // More addresses now (one added since): still the same host.
        #expect(gw.match(HostIdentity(addresses: [Self.address("10.20.1.254"), Self.address("192.168.50.1"),
                                                  Self.address("10.20.1.253")])) == .same)
        // A plan naming no address identifies no host.
        #expect(HostIdentity(addresses: []).match(gw) == .other)
    }
}
