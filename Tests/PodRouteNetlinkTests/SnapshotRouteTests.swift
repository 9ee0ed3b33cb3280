import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct SnapshotRouteTests {
    @Test("routes of every type, table and family match `ip -j -d route show table all` as a multiset")
    func routesMatchIP() throws {
        let rich = try RichNamespace("routes")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        for family in AddressFamily.allCases {
            let flag = family == .inet ? "-4" : "-6"
            let expected = try ipJSON(rich.node.ip("\(flag) -j -d route show table all")).map(RouteCanonicalForm.line(ip:))
            let ours = snapshot.routes.indices(of: family).map { position in
                RouteCanonicalForm.line(snapshot.routes[position], names: .iproute2Defaults, deviceName: snapshot.deviceName)
            }
            #expect(ours.sorted() == expected.sorted(), "\(family.name)")
            #expect(ours.count == expected.count)
        }

        // What the canonical form does not show, checked on the routes themselves.
        let routes = Array(snapshot.routes)
        let multipath = try #require(routes.first { $0.destination == IPPrefix(captureText: "10.50.0.0/16") })
        #expect(multipath.nexthops.map(\.weight) == [1, 3])
        #expect(routes.first { $0.destination == IPPrefix(captureText: "10.71.0.0/16") }?.table == RouteTableID(1000))
        let locked = try #require(routes.first { $0.destination == IPPrefix(captureText: "10.81.0.0/16") })
        #expect(locked.metrics.mtu == 1300 && locked.metrics.locked == 1 << 2)
        let expiring = try #require(routes.first { $0.destination == IPPrefix(captureText: "2001:db8:6::/64") })
        #expect((290...300).contains(expiring.expires ?? 0))
        #expect(routes.first { $0.destination == IPPrefix(captureText: "10.91.0.0/24") }?.via == IPAddress("fe80::1"))
        let ecmp6 = try #require(routes.first { $0.destination == IPPrefix(captureText: "2001:db8:3::/64") })
        #expect(ecmp6.nexthops.count == 2 && ecmp6.nexthops.map(\.weight) == [1, 2])
        #expect(routes.contains { $0.proto == .felix && $0.type == .blackhole })
    }

    @Test("rules of both families match `ip -j rule show`")
    func rulesMatchIP() throws {
        let rich = try RichNamespace("rules")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        for family in AddressFamily.allCases {
            let flag = family == .inet ? "-4" : "-6"
            let expected = try ipJSON(rich.node.ip("\(flag) -j rule show"))
            let ours = snapshot.rules.filter { $0.family == family }
            #expect(ours.count == expected.count, "\(family.name)")
            for (rule, object) in zip(ours, expected) {
                #expect(ruleFields(rule) == ipRuleFields(object), "rule \(rule.priority)")
            }
        }
        let fwmark = try #require(snapshot.rules.first { $0.priority == 101 })
        #expect(fwmark.fwmark == 0x10 && fwmark.fwmask == 0xff && fwmark.table == RouteTableID(1000))
        #expect(snapshot.rules.first { $0.priority == 102 }?.invert == true)
        #expect(snapshot.rules.first { $0.priority == 103 }?.gotoTarget == 105)
        #expect(snapshot.rules.first { $0.priority == 105 }?.suppressPrefixLength == 0)
        #expect(snapshot.rules.first { $0.priority == 100 }?.suppressPrefixLength == nil)
        #expect(snapshot.rules.first { $0.priority == 107 }?.destinationPorts == 80...80)
        #expect(snapshot.rules.first { $0.priority == 108 }?.uidRange == 1000...2000)
        #expect(snapshot.rules.first { $0.priority == 109 }?.action == .prohibit)
    }

    @Test("netconf of both families matches `ip -j netconf show`: ip_forward, rp_filter, proxy_arp")
    func netconfMatchesIP() throws {
        let rich = try RichNamespace("netconf")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        var expected: [String] = []
        for family in ["-4", "-6"] {
            for object in try ipJSON(rich.node.ip("\(family) -j netconf show")) {
                expected.append(["family", "interface", "forwarding", "rp_filter", "mc_forwarding", "proxy_neigh",
                                 "ignore_routes_with_linkdown"].map { "\(object[$0] ?? "-")" }.joined(separator: " "))
            }
        }
        let ours = snapshot.forwarding.map { config -> String in
            let interface: String = switch config.scope {
            case .all: "all"
            case .defaults: "default"
            case .interface(let index): snapshot.deviceName(index)
            }
            let fields: [String?] = [config.family.name, interface, config.forwarding.map(boolText),
                                     config.reversePathFilter?.name, config.multicastForwarding.map(boolText),
                                     config.proxyNeighbour.map(boolText), config.ignoreRoutesWithLinkdown.map(boolText)]
            return fields.map { $0 ?? "-" }.joined(separator: " ")
        }
        #expect(ours.sorted() == expected.sorted())
        let uplink = try #require(snapshot.link(named: "uplink0")?.index)
        let uplinkV4 = try #require(snapshot.forwarding.first { $0.family == .inet && $0.scope == .interface(uplink) })
        #expect(uplinkV4.reversePathFilter == .loose && uplinkV4.proxyNeighbour == true)
        #expect(snapshot.forwarding.first { $0.family == .inet && $0.scope == .all }?.forwarding == true)
        #expect(snapshot.forwarding.first { $0.family == .inet6 && $0.scope == .all }?.forwarding == true)
    }
}

private func boolText(_ value: Bool) -> String { value ? "1" : "0" }

/// The fields `ip -j rule` prints for a rule, from the decoded value (iproute2 6.1 ip/iprule.c).
private func ruleFields(_ rule: Rule) -> [String: String] {
    var fields: [String: String] = ["priority": "\(rule.priority)"]
    if rule.invert { fields["not"] = "null" }
    fields["src"] = rule.source.map { $0.address.description } ?? "all"
    if let source = rule.source, !source.isHost { fields["srclen"] = "\(source.length)" }
    if let destination = rule.destination {
        fields["dst"] = destination.address.description
        if !destination.isHost { fields["dstlen"] = "\(destination.length)" }
    }
    if let mark = rule.fwmark, mark != 0 || rule.fwmask != nil {
        fields["fwmark"] = String(format: "0x%x", mark)
        if let mask = rule.fwmask, mask != UInt32.max { fields["fwmask"] = String(format: "0x%x", mask) }
    }
    if let name = rule.inputInterface { fields["iif"] = name }
    if let name = rule.outputInterface { fields["oif"] = name }
    if let range = rule.uidRange { fields["uid_start"] = "\(range.lowerBound)"; fields["uid_end"] = "\(range.upperBound)" }
    if let proto = rule.ipProto { fields["ipproto"] = proto == 6 ? "tcp" : proto == 17 ? "udp" : "\(proto)" }
    if let ports = rule.destinationPorts {
        if ports.count == 1 { fields["dport"] = "\(ports.lowerBound)" }
        else { fields["dport_start"] = "\(ports.lowerBound)"; fields["dport_end"] = "\(ports.upperBound)" }
    }
    if let ports = rule.sourcePorts {
        if ports.count == 1 { fields["sport"] = "\(ports.lowerBound)" }
        else { fields["sport_start"] = "\(ports.lowerBound)"; fields["sport_end"] = "\(ports.upperBound)" }
    }
    if rule.action == .lookup { fields["table"] = IPNames.iproute2Defaults.name(of: rule.table) }
    else if rule.action == .goto { fields["goto"] = rule.gotoTarget.map { "\($0)" } ?? "none" }
    else { fields["action"] = rule.action.name }
    if let length = rule.suppressPrefixLength { fields["suppress_prefixlen"] = "\(length)" }
    if let group = rule.suppressInterfaceGroup { fields["suppress_ifgroup"] = "\(group)" }
    return fields
}

private func ipRuleFields(_ object: [String: Any]) -> [String: String] {
    var fields: [String: String] = [:]
    for (key, value) in object { fields[key] = value is NSNull ? "null" : "\(value)" }
    return fields
}

@Suite(.needsNetns)
struct SnapshotErrorTests {
    @Test("a namespace that does not exist is the transport's one-sentence ENOENT")
    func missingNamespace() throws {
        let error = try #require(throws: NetlinkError.self) {
            _ = try NetlinkSnapshotReader.snapshot(namespace: "prt-no-such-namespace", names: .iproute2Defaults, host: "h")
        }
        #expect(error.errno == .ENOENT)
        #expect(error.operation == .enterNamespace("prt-no-such-namespace"))
        #expect(error.description == "cannot enter network namespace 'prt-no-such-namespace': it does not exist (/run/netns/prt-no-such-namespace: ENOENT)")
    }
}

/// Reading the caller's own namespace needs no privilege.
struct LiveSnapshotTests {
    @Test("the caller's own namespace reads as a live snapshot")
    func liveSnapshot() throws {
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: nil, names: .iproute2Defaults, host: "here")
        #expect(snapshot.source == .live && snapshot.host == "here")
        #expect(snapshot.link(named: "lo") != nil)
        #expect(snapshot.capturedAt != nil)
        #expect(snapshot.rules.contains { $0.priority == 32766 && $0.table == .main })
        #expect(snapshot.forwarding.contains { $0.scope == .all && $0.family == .inet })
    }
}
