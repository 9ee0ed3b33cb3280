import Foundation
import Testing
@testable import PodRouteCore

/// The capture fixtures (Resources/fixtures/captures, described fact by fact in its README)
/// loaded through `CaptureReader`.
@Suite(.enabled(if: CaptureFixture.directory != nil, "Resources/fixtures/captures not found"))
struct TextCaptureFixtureTests {
    @Test func seedArticleFiles() throws {
        let node1 = try CaptureFixture.load("seed-node1-ip-addr.txt")
        #expect(node1.warnings.isEmpty, "\(node1.warnings)")
        #expect(node1.links.count == 9 && node1.addresses.count == 4 && node1.addresses.allSatisfy { $0.family == .inet })
        let node2 = try CaptureFixture.load("seed-node2-ip-addr.txt")
        #expect(node2.warnings.isEmpty && node2.links.count == 14)
        #expect(node2.link(InterfaceIndex(19))?.name == "calib51fc1cd61e" && node2.link(InterfaceIndex(19))?.linkNetnsID == 15)
        let pod = try CaptureFixture.load("seed-pod-ip-addr.txt")
        #expect(pod.warnings.isEmpty && pod.links.count == 3)
        #expect(pod.link(named: "eth0")?.parent == InterfaceIndex(19))
        let tunnel = try #require(pod.link(named: "tunl0"))
        #expect(tunnel.mtu == 1480 && tunnel.operState == .down && pod.addresses(of: tunnel.index).isEmpty)
    }

    @Test func seedRouteN() throws {
        let snapshot = try CaptureFixture.load("seed-node1-route-n.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.routes.count == 13)
        let defaultRoute = try #require(snapshot.route("0.0.0.0/0"))
        #expect(defaultRoute.gateway == IPAddress("10.20.1.254") && defaultRoute.metric == 100)
        #expect(snapshot.route("10.21.230.0/26")?.type == .blackhole)
        #expect(snapshot.routes.filter { $0.destination.isHost && snapshot.deviceName(of: $0)?.hasPrefix("cali") == true }.count == 5)
        #expect(snapshot.routes.filter { snapshot.deviceName(of: $0) == "tunl0" && $0.gateway != nil }.count == 4)
    }

    @Test func calicoIPIPNode() throws {
        let snapshot = try CaptureFixture.load("calico-ipip-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 12 && snapshot.rules.count == 3)
        #expect(Self.count(snapshot, .inet, .main) == 15 && Self.count(snapshot, .inet, .local) == 16)
        #expect(Self.count(snapshot, .inet6, .main) == 10 && Self.count(snapshot, .inet6, .local) == 16)
        let ipvs = try #require(snapshot.link(named: "kube-ipvs0"))
        #expect(snapshot.routes.filter { $0.type == .local && $0.device == ipvs.index && $0.table == .local }.count == 6)
        #expect(snapshot.route("10.21.230.0/26")?.type == .blackhole && snapshot.route("10.21.230.0/26")?.proto == .bird)
        let borrowed = try #require(snapshot.route("10.21.230.61/32"))
        #expect(borrowed.gateway == IPAddress("10.20.1.25") && borrowed.flags.contains(.onlink) && borrowed.proto == .bird)
        let defaultRoute = try #require(snapshot.route("0.0.0.0/0", table: .main))
        #expect(defaultRoute.proto == .static && defaultRoute.metric == 100)
        #expect(snapshot.route("172.17.0.0/16")?.flags.contains(.linkdown) == true)
        #expect(snapshot.route("2001:db8:ff00::/40")?.preference == .high)
        #expect(snapshot.link(named: "calic440f455693") != nil && snapshot.link(named: "enp11s0")?.name == "ens192")
    }

    @Test func calicoVXLANNodeWithoutPrompts() throws {
        let snapshot = try CaptureFixture.load("calico-vxlan-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 8 && snapshot.addresses.count == 11 && Self.count(snapshot, .inet, .main) == 14)
        let vxlan = try #require(snapshot.link(named: "vxlan.calico"))
        #expect(vxlan.index == InterfaceIndex(5) && vxlan.mtu == 1450)
        let parameters = try #require(vxlan.vxlan)
        #expect(parameters.vni == 4096 && parameters.local == IPAddress("10.0.1.12") && parameters.port == 4789)
        #expect(parameters.learning == false && parameters.underlyingDevice == "eth0")
        let eth0 = try #require(snapshot.link(named: "eth0"))
        #expect(eth0.parentBus == "virtio" && eth0.parentDevice == "virtio0" && eth0.altNames == ["enp0s3"])
        #expect(snapshot.links.filter { $0.linkNetnsName?.hasPrefix("cni-") == true }.count == 5)
        #expect(snapshot.address("192.168.33.64")?.interface == vxlan.index)
        let remote = try #require(snapshot.route("192.168.7.0/26"))
        #expect(remote.metrics.mtu == 1450 && remote.flags.contains(.onlink) && remote.device == vxlan.index)
        #expect(snapshot.route("192.168.33.64/26")?.type == .blackhole && snapshot.route("192.168.33.64/26")?.proto == .felix)
        let sameSubnet = try #require(snapshot.route("192.168.201.128/26"))
        #expect(sameSubnet.gateway == IPAddress("10.0.1.13") && sameSubnet.proto == .felix && sameSubnet.device == eth0.index)
        #expect(snapshot.route("0.0.0.0/0")?.proto == .dhcp && snapshot.route("0.0.0.0/0")?.metric == 100)
    }

    @Test func calicoBGPNodeMultipath() throws {
        let snapshot = try CaptureFixture.load("calico-bgp-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 9 && Self.count(snapshot, .inet, .main) == 16)
        let services = try #require(snapshot.route("10.96.0.0/12"))
        #expect(services.nexthops.count == 3 && services.nexthops.last?.flags == .linkdown && services.proto == .bird)
        #expect(snapshot.route("10.10.64.0/20")?.nexthops.map(\.weight) == [1, 1])
        #expect(snapshot.route("10.10.45.0/26")?.type == .blackhole)
    }

    @Test func calicoWireGuardNode() throws {
        let snapshot = try CaptureFixture.load("calico-wireguard-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 6 && snapshot.rules.count == 4)
        let wireguard = try #require(snapshot.link(named: "wireguard.cali"))
        #expect(wireguard.kind == .wireguard && wireguard.linkType == .none && wireguard.flags.contains(.pointToPoint))
        #expect(Self.count(snapshot, .inet, RouteTableID(1)) == 5)
        #expect(snapshot.routes.filter { $0.type == .throw && $0.table == RouteTableID(1) }.count == 2)
        let rule = try #require(snapshot.rules.first { $0.priority == 99 })
        #expect(rule.invert && rule.fwmark == 0x200000 && rule.table == RouteTableID(1))
    }

    @Test func flannelNode() throws {
        let snapshot = try CaptureFixture.load("flannel-vxlan-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 8 && Self.count(snapshot, .inet, .main) == 6)
        let flannel = try #require(snapshot.link(named: "flannel.1")?.vxlan)
        #expect(flannel.vni == 1 && flannel.port == 8472)
        let bridge = try #require(snapshot.link(named: "cni0"))
        let ports = snapshot.links.filter { $0.master == bridge.index }
        #expect(ports.count == 4 && ports.allSatisfy { $0.slaveKind == "bridge" && $0.slaveData["state"] == .string("forwarding") })
        #expect(snapshot.routes.filter { $0.flags.contains(.onlink) && $0.device.map(snapshot.deviceName) == "flannel.1" }.count == 3)
    }

    @Test func ciliumNode() throws {
        let snapshot = try CaptureFixture.load("cilium-node.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 10 && snapshot.rules.count == 4)
        #expect(snapshot.link(named: "cilium_vxlan")?.kindData["external"] == .bool(true))
        #expect(snapshot.link(named: "cilium_net")?.parent == snapshot.link(named: "cilium_host")?.index)
        let local = try #require(snapshot.route("0.0.0.0/0", table: RouteTableID(2004)))
        #expect(local.type == .local && local.scope == .host && local.device.map(snapshot.deviceName) == "lo")
        let mark = try #require(snapshot.rules.first { $0.priority == 9 })
        #expect(mark.fwmark == 0x200 && mark.fwmask == 0xf00 && mark.table == RouteTableID(2004))
        #expect(snapshot.routes.filter { $0.table == .main }.allSatisfy { $0.proto == .kernel || $0.proto == .static })
    }

    @Test func linuxGatewayWithNetTools() throws {
        let snapshot = try CaptureFixture.load("gateway-linux.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 4 && Self.count(snapshot, .inet, .main) == 8, "route -n and netstat repeat ip route")
        #expect(snapshot.route("192.168.99.0/24")?.type == .prohibit)
        #expect(snapshot.route("0.0.0.0/0")?.proto == .dhcp)
        let wan = try #require(snapshot.address("198.51.100.23"))
        #expect(!wan.flags.contains(.permanent) && wan.validLifetime == 86396)
    }

    @Test func busyBoxFiles() throws {
        let node = try CaptureFixture.load("busybox-node.txt")
        #expect(node.warnings.isEmpty, "\(node.warnings)")
        #expect(node.links.count == 7 && Self.count(node, .inet, .main) == 5)
        let eth0 = try #require(node.link(named: "eth0"))
        let veths = node.links.filter { $0.name.hasPrefix("veth") }
        #expect(veths.count == 3 && veths.allSatisfy { $0.parent == eth0.index && $0.master == node.link(named: "cni0")?.index })
        #expect(node.route("0.0.0.0/0")?.metric == 202)
        let routes = try CaptureFixture.load("busybox-route.txt")
        #expect(routes.warnings.isEmpty, "\(routes.warnings)")
        #expect(routes.routes.count == 5 && routes.route("0.0.0.0/0")?.metric == 202)
        #expect(routes.routes.filter { $0.gateway == nil }.count == 2)
    }

    @Test func onelineLinkQuirks() throws {
        let snapshot = try CaptureFixture.load("quirks-ip-o-link.txt")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.count == 14)
        let eth0 = try #require(snapshot.link(named: "eth0"))
        #expect(eth0.alias == "rack B\\3 \"uplink\" #1 → core-sw (vlan 10)")
        #expect(eth0.altNames == ["enp0s31f6", "enx001b213a7c5e"])
        #expect(snapshot.link(named: "docker0")?.alias == "docker's default bridge")
        let tunnel = try #require(snapshot.link(named: "tunl0"))
        #expect(tunnel.parent == nil && tunnel.linkType == .ipip)
        #expect(snapshot.link(named: "calidb3ae172dbe")?.linkNetnsName == "cni-1ac17c6b-082a-7ae1-414f-aa851f79d0dd")
        #expect(snapshot.link(named: "cali7533706c752")?.linkNetnsID == 2)
        #expect(snapshot.link(named: "cali0140629a81f")?.operState == .lowerLayerDown)
        #expect(snapshot.link(named: "macvlan0")?.parent == eth0.index)
    }

    @Test func garbledFiles() throws {
        let partial = try CaptureFixture.load("garbled-partial.txt")
        #expect(partial.warnings.compactMap(\.line) == [4, 6, 9, 11])
        #expect(partial.routes.count == 13)
        #expect(partial.route("10.21.230.0/26")?.type == .blackhole)
        #expect(throws: CaptureError.self) { try CaptureFixture.load("garbled-total.txt") }
    }

    private static func count(_ snapshot: NetworkSnapshot, _ family: AddressFamily, _ table: RouteTableID) -> Int {
        snapshot.routes.filter { $0.family == family && $0.table == table }.count
    }
}

/// Finds the capture fixtures from this file's path.
enum CaptureFixture {
    static let directory: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/fixtures/captures")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func load(_ name: String) throws -> NetworkSnapshot {
        let url = try #require(directory).appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return try CaptureReader.load(text: text, path: name)
    }
}
