import Foundation
import PodRouteCore
@testable import PodRouteUI

/// A Calico IPIP node like the UI sketch's node-1: ens192, tunl0, docker0 (no carrier), lo, a
/// dozen cali* workloads (eleven with known pods), their /32 routes, the node's blackhole
/// block, other nodes' blocks via tunl0 onlink, the default route, connected and local routes.
enum Fixtures {
    static let pods: [(String, String, String)] = [
        ("default", "nginx-0", "10.21.230.3"),
        ("default", "web-6b7f6d8c9d-4kz8p", "10.21.230.5"),
        ("default", "web-6b7f6d8c9d-rx2lw", "10.21.230.6"),
        ("ingress-nginx", "ingress-nginx-controller-d864d97df-22ljk", "10.21.230.9"),
        ("kube-system", "calico-kube-controllers-7c845d499-xm8tr", "10.21.230.14"),
        ("kube-system", "coredns-6d8c4cb4d-9bq5x", "10.21.230.21"),
        ("kube-system", "coredns-6d8c4cb4d-tlc7w", "10.21.230.26"),
        ("monitoring", "grafana-5f9c7d8b6c-qwz4n", "10.21.230.30"),
        ("monitoring", "prometheus-k8s-0", "10.21.230.33"),
        ("monitoring", "alertmanager-main-0", "10.21.230.34"),
        ("payments", "api-7f9d8c6b5-kq2lp", "10.21.230.40"),
    ]

    static func prefix(_ text: String) -> IPPrefix {
        let parts = text.split(separator: "/")
        let address = IPAddress(String(parts[0]))!
        let length = parts.count > 1 ? UInt8(parts[1])! : address.family.bitWidth
        return IPPrefix(containing: address, length: length)
    }

    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    static func stats(rx: UInt64, tx: UInt64, errors: UInt64 = 0, drops: UInt64 = 0) -> LinkStats {
        var stats = LinkStats()
        stats.rxBytes = rx
        stats.txBytes = tx
        stats.rxPackets = rx / 800
        stats.txPackets = tx / 800
        stats.rxErrors = errors
        stats.rxDropped = drops
        return stats
    }

    /// The node; `source` decides live or static.
    static func node(source: SnapshotSource = .live, extraRoutes: [Route] = []) -> NetworkSnapshot {
        var links: [Link] = [
            Link(index: InterfaceIndex(1), name: "lo", flags: [.loopback, .up, .running, .lowerUp], mtu: 65536,
                 operState: .unknown, linkType: .loopback, qdisc: "noqueue", stats: stats(rx: 1000, tx: 1000)),
            Link(index: InterfaceIndex(2), name: "ens192", altNames: ["enp11s0"],
                 flags: [.broadcast, .multicast, .up, .running, .lowerUp], mtu: 1500, operState: .up,
                 address: LinkLayerAddress("00:50:56:95:32:45"), qdisc: "mq", stats: stats(rx: 9_000_000, tx: 7_000_000)),
            Link(index: InterfaceIndex(3), name: "docker0", flags: [.broadcast, .multicast, .up], mtu: 1500,
                 operState: .down, address: LinkLayerAddress("02:42:4f:0d:6a:48"), qdisc: "noqueue", kind: .bridge),
            Link(index: InterfaceIndex(15), name: "tunl0", flags: [.noarp, .up, .running, .lowerUp], mtu: 1440,
                 operState: .unknown, linkType: .ipip, address: LinkLayerAddress(bytes: [0, 0, 0, 0]),
                 parent: InterfaceIndex(0), qdisc: "noqueue", kind: .ipip, stats: stats(rx: 3_000_000, tx: 2_500_000, errors: 2, drops: 5)),
        ]
        var addresses: [InterfaceAddress] = [
            InterfaceAddress(interface: InterfaceIndex(1), local: ip("127.0.0.1"), prefixLength: 8, scope: .host),
            InterfaceAddress(interface: InterfaceIndex(2), local: ip("10.20.1.22"), prefixLength: 24,
                             broadcast: ip("10.20.1.255")),
            InterfaceAddress(interface: InterfaceIndex(2), local: ip("fe80::250:56ff:fe95:3245"), prefixLength: 64, scope: .link),
            InterfaceAddress(interface: InterfaceIndex(3), local: ip("172.17.0.1"), prefixLength: 16),
            InterfaceAddress(interface: InterfaceIndex(15), local: ip("10.21.230.0"), prefixLength: 32),
        ]
        var routes: [Route] = [
            Route(family: .inet, destination: .default(.inet), proto: .static, metric: 100, gateway: ip("10.20.1.254"),
                  device: InterfaceIndex(2)),
            Route(family: .inet, destination: prefix("10.20.1.0/24"), proto: .kernel, scope: .link, metric: 100,
                  device: InterfaceIndex(2), preferredSource: ip("10.20.1.22")),
            Route(family: .inet, destination: prefix("10.21.12.64/26"), proto: .bird, flags: .onlink,
                  gateway: ip("10.20.1.23"), device: InterfaceIndex(15)),
            Route(family: .inet, destination: prefix("10.21.69.192/26"), proto: .bird, flags: .onlink,
                  gateway: ip("10.20.1.24"), device: InterfaceIndex(15)),
            Route(family: .inet, destination: prefix("10.21.141.128/26"), proto: .bird, flags: .onlink,
                  gateway: ip("10.20.1.25"), device: InterfaceIndex(15)),
            Route(family: .inet, type: .blackhole, destination: prefix("10.21.230.0/26"), proto: .bird),
        ]
        var pods: [PodReference] = []
        for (offset, (namespace, name, address)) in pods_.enumerated() {
            let index = InterfaceIndex(Int32(20 + offset))
            let known = offset < pods_.count - 1
            let device = known ? CalicoNaming.interfaceName(namespace: namespace, pod: name) : "cali0d1e2f3a4b5"
            links.append(Link(index: index, name: device, flags: [.broadcast, .multicast, .up, .running, .lowerUp], mtu: 1440,
                              operState: .up, address: LinkLayerAddress("ee:ee:ee:ee:ee:ee"), parent: InterfaceIndex(3),
                              linkNetnsID: Int32(offset), qdisc: "noqueue", kind: .veth,
                              stats: stats(rx: UInt64(100_000 * (offset + 1)), tx: UInt64(50_000 * (offset + 2)))))
            routes.append(Route(family: .inet, destination: prefix(address), scope: .link, device: index))
            if known { pods.append(PodReference(namespace: namespace, name: name, addresses: [ip(address)])) }
        }
        routes += [
            Route(family: .inet, destination: prefix("10.21.235.128/26"), proto: .bird, flags: .onlink,
                  gateway: ip("10.20.1.21"), device: InterfaceIndex(15)),
            Route(family: .inet, destination: prefix("172.17.0.0/16"), proto: .kernel, scope: .link, flags: .linkdown,
                  device: InterfaceIndex(3), preferredSource: ip("172.17.0.1")),
            Route(family: .inet, type: .local, destination: prefix("10.20.1.22/32"), table: .local, proto: .kernel,
                  scope: .host, device: InterfaceIndex(2), preferredSource: ip("10.20.1.22")),
            Route(family: .inet, type: .broadcast, destination: prefix("10.20.1.255/32"), table: .local, proto: .kernel,
                  scope: .link, device: InterfaceIndex(2), preferredSource: ip("10.20.1.22")),
            Route(family: .inet, type: .local, destination: prefix("127.0.0.0/8"), table: .local, proto: .kernel,
                  scope: .host, device: InterfaceIndex(1), preferredSource: ip("127.0.0.1")),
        ]
        routes += extraRoutes
        routes += [
            Route(family: .inet6, destination: prefix("fe80::/64"), proto: .kernel, metric: 256, device: InterfaceIndex(2),
                  preference: .medium),
            Route(family: .inet6, type: .local, destination: prefix("::1/128"), table: .local, proto: .kernel, metric: 0,
                  device: InterfaceIndex(1), preference: .medium),
        ]
        addresses.sort { $0.interface < $1.interface }
        return NetworkSnapshot(host: "node-1", source: source, links: links, addresses: addresses,
                               routes: RouteStore(routes), pods: pods)
    }

    private static var pods_: [(String, String, String)] { pods + [("unknown", "unknown", "10.21.230.50")] }

    /// 14:02:31 UTC.
    static let clock = Date(timeIntervalSince1970: 1_699_970_551)

    /// A state on the node with two stats samples one second apart (rates for every link).
    static func state(size: Size = Size(width: 100, height: 30), glyphs: Glyphs = .unicode,
                      source: SnapshotSource = .live, readOnly: Bool = true, extraRoutes: [Route] = []) -> AppState {
        let snapshot = node(source: source, extraRoutes: extraRoutes)
        var state = AppState(snapshot: snapshot, configuration: AppConfiguration(readOnly: readOnly, glyphs: glyphs),
                             size: size, now: clock)
        if source.isLive {
            var first: [InterfaceIndex: LinkStats] = [:]
            var second: [InterfaceIndex: LinkStats] = [:]
            for (offset, link) in snapshot.links.enumerated() {
                guard let stats = link.stats else { continue }
                first[link.index] = stats
                var next = stats
                next.rxBytes += UInt64(1_200 * (offset * offset + 1))
                next.txBytes += UInt64(860 * (offset + 1))
                next.rxPackets += UInt64(10 * (offset + 1))
                next.txPackets += UInt64(7 * (offset + 1))
                second[link.index] = next
            }
            _ = reduce(&state, .linkStats(LinkStatsSample(time: 100, stats: first)))
            _ = reduce(&state, .linkStats(LinkStatsSample(time: 101, stats: second)))
        }
        _ = reduce(&state, .tick(clock.addingTimeInterval(0)))
        return state
    }

    /// Sends keys through the reducer; returns all effects.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    /// Types text into whatever takes characters.
    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .key(.char($0))) }
    }

    /// The demo capture shipped with podroute, if its text parser reads it.
    static func demoCapture() -> NetworkSnapshot? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let node = root.appendingPathComponent("Resources/samples/demo-node.txt")
        guard let text = try? String(contentsOf: node, encoding: .utf8),
              let snapshot = try? CaptureReader.load(text: text, path: node.path, source: .demo) else { return nil }
        let podsFile = root.appendingPathComponent("Resources/samples/demo-pods.txt")
        if let podText = try? String(contentsOf: podsFile, encoding: .utf8), let pods = try? PodListParser.parse(podText) {
            return snapshot.replacing(pods: pods)
        }
        return snapshot
    }
}
