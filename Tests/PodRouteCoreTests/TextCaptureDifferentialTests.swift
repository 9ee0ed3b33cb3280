import Foundation
import Testing
@testable import PodRouteCore

/// The text parsers against the real iproute2 on this kernel: a namespace is built with every
/// kind of device, address, route and rule podroute cares about; its text outputs are parsed
/// by `CaptureReader`, and each field of the result is compared with what `ip -j` says about
/// the same namespace (read here with JSONSerialization, independently of podroute's JSON reader).
@Suite(.enabled(if: TextCaptureNetnsLab.unavailableReason == nil, "\(TextCaptureNetnsLab.unavailableReason ?? "")"))
struct TextCaptureDifferentialTests {
    /// Devices whose kernel module may be missing; checks follow whatever the JSON shows.
    private static func build(_ lab: TextCaptureNetnsLab) throws {
        try lab.sysctl("net.ipv6.conf.all.accept_dad=0")
        try lab.sysctl("net.ipv6.conf.default.accept_dad=0")
        try lab.inNode("link set lo up")
        try lab.inNode("link add eth0 type veth peer name eth0p")
        try lab.inNode("link set eth0 up")
        try lab.inNode("link set eth0p up")
        try lab.inNode("addr add 10.20.1.22/24 dev eth0")
        try lab.inNode("addr add 10.20.1.23/24 dev eth0 label eth0:1")
        try lab.inNode("addr add 10.20.1.99/24 dev eth0 valid_lft 300 preferred_lft 200")
        try lab.inNode("addr add 2001:db8::1/64 dev eth0")
        try lab.inNode("addr add 2001:db8:1::5/64 dev eth0 nodad noprefixroute")
        try lab.inNode(arguments: ["link", "set", "dev", "eth0", "alias", "uplink to tor"])
        try lab.inNode("link property add dev eth0 altname uplink0")
        try lab.inNode("link add calic440f455693 type veth peer name eth0 netns \(lab.peer)")
        try lab.inNode("link set calic440f455693 up")
        try lab.inNode("link add br0 type bridge")
        try lab.inNode("link set br0 up")
        try lab.inNode("addr add 192.168.7.1/24 dev br0")
        try lab.inNode("link add vethA type veth peer name vethB")
        try lab.inNode("link set vethA master br0")
        try lab.inNode("link set vethA up")
        if (try? lab.inNode("link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.20.1.22 dev eth0")) != nil {
            try lab.inNode("link set vxlan.calico up")
            try lab.inNode("addr add 10.21.230.0/32 dev vxlan.calico")
            try lab.inNode("route add 10.21.100.0/26 via 10.21.100.1 dev vxlan.calico onlink")
        }
        if (try? lab.inNode("link add mv0 link eth0 type macvlan mode bridge")) != nil {
            try lab.inNode("link set mv0 up")
            try lab.inNode("addr add 10.9.9.1 peer 10.9.9.2/32 dev mv0")
        }
        try lab.inNode("route add default via 10.20.1.1 src 10.20.1.22")
        try lab.inNode("route add 10.21.69.0/26 via 10.20.1.24 dev eth0 proto bird")
        try lab.inNode("route add blackhole 10.21.230.0/26 proto 80")
        try lab.inNode("route add unreachable 10.30.0.0/16 metric 5")
        try lab.inNode("route add prohibit 10.31.0.0/16")
        try lab.inNode("route add 10.40.0.0/16 nexthop via 10.20.1.30 dev eth0 weight 2 nexthop via 10.20.1.31 dev eth0 weight 1")
        try lab.inNode("route add 10.41.0.0/16 via 10.20.1.40 dev eth0 onlink")
        try lab.inNode("route add 10.50.0.0/16 via 10.20.1.1 table 100")
        try lab.inNode("route add throw 10.70.0.0/16 table 100")
        try lab.inNode("route add default via 10.20.1.1 table 1000 metric 100")
        try lab.inNode("route add 10.60.0.0/16 via 10.20.1.1 mtu 1400 advmss 1360")
        try lab.inNode("route add 10.61.0.0/16 via 10.20.1.1 mtu lock 1300")
        try lab.inNode("route add 10.62.0.0/16 via 10.20.1.1 metric 50 proto static")
        try lab.inNode("route add 10.21.69.212 dev calic440f455693 scope link")
        try lab.inNode("route add 10.21.69.213 dev vethA scope link proto 80")
        try lab.inNode("-6 route add 2001:db8:5::/64 via 2001:db8::2 dev eth0 pref high")
        try lab.inNode("-6 route add 2001:db8:6::/64 dev eth0 metric 2048 pref low proto bird")
        try lab.inNode("-6 route add blackhole 2001:db8:7::/64")
        try lab.inNode("rule add not from all fwmark 0x200000/0x200000 lookup 1 prio 99")
        try lab.inNode("rule add from 10.0.0.0/8 iif eth0 lookup 100 prio 100")
        try lab.inNode("rule add to 10.9.0.0/16 goto 32766 prio 200")
        try lab.inNode("rule add lookup main suppress_prefixlength 0 prio 300")
        try lab.inNode("rule add blackhole from 1.2.3.0/24 prio 400")
        try lab.inNode("rule add oif foo0 lookup 1000 prio 500")
        try lab.inNode("-6 rule add from 2001:db8::/32 lookup 100 prio 100")
        try lab.sysctl("net.ipv4.conf.all.forwarding=1")
        try lab.sysctl("net.ipv4.conf.eth0.rp_filter=2")
        try lab.sysctl("net.ipv4.conf.calic440f455693.proxy_arp=1")
    }

    /// Runs `body` with a built lab; the namespaces are removed whatever happens.
    private func withLab(_ body: (TextCaptureNetnsLab) throws -> Void) throws {
        let lab = try TextCaptureNetnsLab()
        defer { lab.remove() }
        try Self.build(lab)
        try Self.settle(lab)
        try body(lab)
    }

    /// Waits until carrier changes have reached the routes (`linkdown` appears up to a second
    /// after a device comes up, when the kernel's link watcher runs), so the text and the
    /// JSON, read moments apart, describe the same state.
    private static func settle(_ lab: TextCaptureNetnsLab) throws {
        var previous = ""
        for _ in 0..<30 {
            let state = try lab.inNode("route show table all") + lab.inNode("link")  // no -d: bridge timers tick
            if state == previous { return }
            previous = state
            Thread.sleep(forTimeInterval: 0.4)
        }
    }

    /// `root@node1:~# ip ...` followed by the command's output, as an operator pastes it.
    private func capture(_ lab: TextCaptureNetnsLab, _ commands: [String]) throws -> String {
        var text = ""
        for command in commands {
            text += "root@node1:~# ip \(command)\n"
            text += try lab.inNode(command)
        }
        return text
    }

    private func json(_ lab: TextCaptureNetnsLab, _ command: String) throws -> [[String: Any]] {
        let output = try lab.inNode(command)
        let value = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return try #require(value as? [[String: Any]])
    }

    // MARK: links and addresses

    @Test(arguments: [["addr"], ["-d addr"], ["-d link", "addr"], ["-o link", "-o addr"], ["-d link", "-o addr"]])
    func linksAndAddressesMatchJSON(_ commands: [String]) throws {
        try withLab { lab in
            let snapshot = try loadCapture(try capture(lab, commands))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let expected = try json(lab, "-j -d addr show")
            let detailed = commands.contains { $0.hasPrefix("-d") }
            let ownIndexes = Dictionary(expected.compactMap { object -> (String, Int32)? in
                guard let name = object["ifname"] as? String, let index = object["ifindex"] as? Int else { return nil }
                return (name, Int32(index))
            }, uniquingKeysWith: { first, _ in first })
            #expect(snapshot.links.filter { !$0.isInferred }.count == expected.count)
            for object in expected {
                // `ip addr` prints no alias; `ip link`, `-o link` and `-d addr` do.
                let showsAlias = detailed || commands.contains { $0.hasSuffix("link") }
                try compareLink(object, in: snapshot, lab: lab, detailed: detailed, indexes: ownIndexes, showsAlias: showsAlias)
            }
            let expectedAddresses = expected.flatMap { ($0["addr_info"] as? [[String: Any]]) ?? [] }
            #expect(snapshot.addresses.count == expectedAddresses.count)
        }
    }

    private func compareLink(_ object: [String: Any], in snapshot: NetworkSnapshot, lab: TextCaptureNetnsLab,
                             detailed: Bool, indexes: [String: Int32], showsAlias: Bool) throws {
        let name = try #require(object["ifname"] as? String)
        let link = try #require(snapshot.link(named: name), "\(name) missing")
        let ifindex = try #require(object["ifindex"] as? Int)
        #expect(link.index.rawValue == Int32(ifindex))
        #expect(link.flags == LinkFlags(names: (object["flags"] as? [String]) ?? []), "\(name) flags")
        let mtu = try #require(object["mtu"] as? Int)
        #expect(link.mtu == UInt32(mtu), "\(name) mtu")
        #expect(link.qdisc == object["qdisc"] as? String, "\(name) qdisc")
        #expect(link.operState.name == object["operstate"] as? String, "\(name) state")
        #expect(link.group == (object["group"] as? String == "default" ? 0 : UInt32(object["group"] as? String ?? "")))
        #expect(link.txQueueLength == (object["txqlen"] as? Int).map(UInt32.init), "\(name) qlen")
        #expect(link.linkType.name == object["link_type"] as? String, "\(name) link type")
        #expect(link.address?.description == object["address"] as? String, "\(name) address")
        #expect(link.broadcast?.description == object["broadcast"] as? String, "\(name) broadcast")
        if let peerIndex = object["link_index"] as? Int {
            let expectedParent = InterfaceIndex(Int32(peerIndex))
            #expect(link.parent == expectedParent, "\(name) parent index")
        } else if let peerName = object["link"] as? String {
            let expectedParent: InterfaceIndex? = indexes[peerName].map { InterfaceIndex($0) }
            #expect(link.parent == expectedParent, "\(name) parent \(peerName)")
        } else {
            #expect(link.parent == nil, "\(name) has no parent")
        }
        if let netnsID = object["link_netnsid"] as? Int {
            #expect(link.linkNetnsID == Int32(netnsID) || link.linkNetnsName == lab.peer, "\(name) peer namespace")
        }
        let expectedMaster: InterfaceIndex? = (object["master"] as? String).flatMap { indexes[$0] }.map { InterfaceIndex($0) }
        #expect(link.master == expectedMaster, "\(name) master")
        if showsAlias { #expect(link.alias == object["ifalias"] as? String, "\(name) alias") }
        #expect(link.altNames == (object["altnames"] as? [String] ?? []), "\(name) altnames")
        guard detailed else { return }
        #expect(link.promiscuity == (object["promiscuity"] as? Int).map(UInt32.init), "\(name) promiscuity")
        #expect(link.allmulti == (object["allmulti"] as? Int).map(UInt32.init), "\(name) allmulti")
        #expect(link.minMTU == (object["min_mtu"] as? Int).map(UInt32.init), "\(name) minmtu")
        #expect(link.maxMTU == (object["max_mtu"] as? Int).map(UInt32.init), "\(name) maxmtu")
        #expect(link.queues.txQueues == (object["num_tx_queues"] as? Int).map(UInt32.init), "\(name) txqueues")
        #expect(link.queues.gsoMaxSize == (object["gso_max_size"] as? Int).map(UInt32.init), "\(name) gso")
        let info = object["linkinfo"] as? [String: Any]
        #expect(link.kind?.rawValue == info?["info_kind"] as? String, "\(name) kind")
        #expect(link.slaveKind == info?["info_slave_kind"] as? String, "\(name) slave kind")
        if info?["info_kind"] as? String == "vxlan", let data = info?["info_data"] as? [String: Any] {
            let vxlan = try #require(link.vxlan)
            #expect(vxlan.vni == (data["id"] as? Int).map(UInt32.init))
            #expect(vxlan.local == (data["local"] as? String).flatMap { IPAddress($0) })
            #expect(vxlan.port == (data["port"] as? Int).map(UInt16.init))
            #expect(vxlan.underlyingDevice == data["link"] as? String)
            #expect(vxlan.learning == data["learning"] as? Bool)
            let range = data["port_range"] as? [String: Any]
            #expect(link.kindData["port_range"]?["high"]?.uintValue == (range?["high"] as? Int).map(UInt64.init))
            #expect(link.kindData["ttl"]?.uintValue == (data["ttl"] as? Int).map(UInt64.init))
            #expect(link.kindData["udp_csum"]?.boolValue == data["udp_csum"] as? Bool)
        }
        if info?["info_kind"] as? String == "macvlan", let data = info?["info_data"] as? [String: Any] {
            #expect(link.kindData["mode"]?.stringValue == data["mode"] as? String)
        }
        if let slave = info?["info_slave_data"] as? [String: Any], info?["info_slave_kind"] as? String == "bridge" {
            #expect(link.slaveData["state"]?.stringValue == slave["state"] as? String)
            #expect(link.slaveData["cost"]?.uintValue == (slave["cost"] as? Int).map(UInt64.init))
            #expect(link.slaveData["learning"]?.boolValue == slave["learning"] as? Bool)
        }
        for addressObject in (object["addr_info"] as? [[String: Any]]) ?? [] {
            try compareAddress(addressObject, link: link, in: snapshot)
        }
    }

    private func compareAddress(_ object: [String: Any], link: Link, in snapshot: NetworkSnapshot) throws {
        let local = try #require((object["local"] as? String).flatMap { IPAddress($0) })
        let address = try #require(snapshot.addresses.first { $0.local == local && $0.interface == link.index },
                                   "\(local) on \(link.name) missing")
        let length = try #require(object["prefixlen"] as? Int)
        #expect(address.prefixLength == UInt8(length), "\(local) length")
        #expect(address.scope == IPNames.iproute2Defaults.scope(named: object["scope"] as? String ?? ""), "\(local) scope")
        #expect(address.peer == (object["address"] as? String).flatMap { IPAddress($0) }, "\(local) peer")
        #expect(address.broadcast == (object["broadcast"] as? String).flatMap { IPAddress($0) }, "\(local) brd")
        if local.family == .inet { #expect(address.label == object["label"] as? String, "\(local) label") }
        for (flag, name) in AddressFlags.printed {
            let key = flag == .secondary && local.family == .inet6 ? "temporary" : name
            #expect(address.flags.contains(flag) == (object[key] as? Bool == true), "\(local) \(name)")
        }
        #expect(address.flags.contains(.permanent) == (object["dynamic"] as? Bool != true), "\(local) dynamic")
        for (value, key) in [(address.validLifetime, "valid_life_time"), (address.preferredLifetime, "preferred_life_time")] {
            let expected = try #require(object[key] as? Int)
            if expected == Int(UInt32.max) { #expect(value == .max, "\(local) \(key)") }
            else { #expect(Int(value) >= expected && Int(value) - expected <= 10, "\(local) \(key): \(value) vs \(expected)") }
        }
    }

    // MARK: routes

    @Test(arguments: ["route show table all", "-d route show table all"])
    func routesMatchJSON(_ command: String) throws {
        try withLab { lab in
            let snapshot = try loadCapture(try capture(lab, [command]))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let expected = try json(lab, "-j -d route show table all")
            #expect(snapshot.routes.count == expected.count)
            for object in expected { try compareRoute(object, in: snapshot) }
        }
    }

    @Test func ipv6RoutesWithoutTableArgument() throws {
        try withLab { lab in
            let snapshot = try loadCapture(try capture(lab, ["-6 route"]))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let expected = try json(lab, "-6 -j -d route")
            #expect(snapshot.routes.count == expected.count)
            for object in expected { try compareRoute(object, in: snapshot) }
        }
    }

    private func compareRoute(_ object: [String: Any], in snapshot: NetworkSnapshot) throws {
        let names = IPNames.iproute2Defaults
        let destinationText = try #require(object["dst"] as? String)
        let gatewayText = object["gateway"] as? String
        let family: AddressFamily = destinationText.contains(":") || (gatewayText?.contains(":") ?? false) ? .inet6 : .inet
        let destination = try #require(IPPrefix(captureText: Substring(destinationText), family: family))
        // `ip -6 -j -d route` (one table) leaves the table out, as the text does.
        let tableName = object["table"] as? String ?? "main"
        let typeName = try #require(object["type"] as? String)
        let table = try #require(names.table(named: tableName))
        let type = try #require(RouteType(name: typeName))
        let device = object["dev"] as? String
        let label = "\(object["type"] ?? "") \(destinationText) table \(table.rawValue) dev \(device ?? "-")"
        let route = try #require(snapshot.routes.first { route in
            route.destination == destination && route.table == table && route.type == type
                && route.device.map(snapshot.deviceName) == device
        }, "\(label) missing")
        #expect(route.proto == names.routeProtocol(named: object["protocol"] as? String ?? ""), "\(label) proto")
        #expect(route.scope == names.scope(named: object["scope"] as? String ?? ""), "\(label) scope")
        #expect(route.gateway == gatewayText.flatMap { IPAddress($0) }, "\(label) gateway")
        #expect(route.preferredSource == (object["prefsrc"] as? String).flatMap { IPAddress($0) }, "\(label) src")
        #expect(route.metric == (object["metric"] as? Int).map(UInt32.init), "\(label) metric")
        let flags = RouteFlags.printed.filter { route.flags.contains($0.0) }.map(\.1)
        #expect(Set(flags) == Set(object["flags"] as? [String] ?? []), "\(label) flags")
        #expect(route.preference?.name == object["pref"] as? String, "\(label) pref")
        var expectedMetrics: [String: Int] = [:]
        for entry in (object["metrics"] as? [[String: Any]]) ?? [] {
            for (key, value) in entry { if let number = value as? Int { expectedMetrics[key] = number } }
        }
        let metrics = Dictionary(route.metrics.values.compactMap { metric in metric.kind.name.map { ($0, Int(metric.value)) } },
                                 uniquingKeysWith: { first, _ in first })
        #expect(metrics == expectedMetrics, "\(label) metrics")
        let hops = (object["nexthops"] as? [[String: Any]]) ?? []
        #expect(route.nexthops.count == hops.count, "\(label) hops")
        for (hop, expected) in zip(route.nexthops, hops) {
            #expect(hop.gateway == (expected["gateway"] as? String).flatMap { IPAddress($0) }, "\(label) hop gateway")
            #expect(hop.device.map(snapshot.deviceName) == expected["dev"] as? String, "\(label) hop dev")
            #expect(Int(hop.weight) == expected["weight"] as? Int, "\(label) hop weight")
            let hopFlags = RouteFlags.printed.filter { hop.flags.contains($0.0) }.map(\.1)
            #expect(Set(hopFlags) == Set(expected["flags"] as? [String] ?? []), "\(label) hop flags")
        }
    }

    // MARK: rules and netconf

    @Test func rulesMatchJSON() throws {
        try withLab { lab in
            let snapshot = try loadCapture(try capture(lab, ["rule", "-6 rule"]))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let expected = [(AddressFamily.inet, try json(lab, "-j rule")), (.inet6, try json(lab, "-6 -j rule"))]
            #expect(snapshot.rules.count == expected.reduce(0) { $0 + $1.1.count })
            for (family, objects) in expected {
                for object in objects { try compareRule(object, family: family, in: snapshot) }
            }
        }
    }

    private func compareRule(_ object: [String: Any], family: AddressFamily, in snapshot: NetworkSnapshot) throws {
        let priority = UInt32(try #require(object["priority"] as? Int))
        let rule = try #require(snapshot.rules.first { $0.family == family && $0.priority == priority }, "rule \(priority)")
        func prefix(_ key: String, _ lengthKey: String) -> IPPrefix? {
            guard let text = object[key] as? String, text != "all" else { return nil }
            let length = object[lengthKey] as? Int ?? Int(family.bitWidth)
            return IPAddress(text).map { IPPrefix(containing: $0, length: UInt8(length)) }
        }
        #expect(rule.source == prefix("src", "srclen"), "rule \(priority) from")
        #expect(rule.destination == prefix("dst", "dstlen"), "rule \(priority) to")
        #expect(rule.invert == (object.keys.contains("not")), "rule \(priority) not")
        #expect(rule.fwmark == (object["fwmark"] as? String).flatMap { UInt32($0.dropFirst(2), radix: 16) })
        #expect(rule.fwmask == (object["fwmask"] as? String).flatMap { UInt32($0.dropFirst(2), radix: 16) })
        #expect(rule.inputInterface == object["iif"] as? String && rule.outputInterface == object["oif"] as? String)
        #expect(rule.outputInterfaceDetached == object.keys.contains("oif_detached"), "rule \(priority) detached")
        #expect(rule.suppressPrefixLength == (object["suppress_prefixlen"] as? Int).map(UInt32.init))
        #expect(rule.gotoTarget == (object["goto"] as? Int).map(UInt32.init), "rule \(priority) goto")
        let action = (object["action"] as? String).flatMap { RuleAction(name: $0) } ?? (object["goto"] != nil ? .goto : .lookup)
        #expect(rule.action == action, "rule \(priority) action")
        let table = (object["table"] as? String).flatMap { IPNames.iproute2Defaults.table(named: $0) } ?? .unspec
        #expect(rule.table == table, "rule \(priority) table")
    }

    @Test func netconfMatchesJSON() throws {
        try withLab { lab in
            let snapshot = try loadCapture(try capture(lab, ["link", "netconf show"]))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let expected = try json(lab, "-j netconf show")
            #expect(snapshot.forwarding.count == expected.count)
            for object in expected {
                let familyName = try #require(object["family"] as? String)
                let family = try #require(AddressFamily(name: familyName))
                let interface = try #require(object["interface"] as? String)
                let scope: ForwardingConfig.Scope = switch interface {
                case "all": .all
                case "default": .defaults
                default: .interface(try #require(snapshot.link(named: interface)).index)
                }
                let entry = try #require(snapshot.forwarding.first { $0.family == family && $0.scope == scope }, "\(interface)")
                #expect(entry.forwarding == object["forwarding"] as? Bool, "\(interface) forwarding")
                #expect(entry.reversePathFilter?.name == object["rp_filter"] as? String, "\(interface) rp_filter")
                #expect(entry.proxyNeighbour == object["proxy_neigh"] as? Bool, "\(interface) proxy")
                #expect(entry.multicastForwarding == object["mc_forwarding"] as? Bool, "\(interface) mc")
            }
        }
    }

    /// Everything in one file, as an operator would paste it: the richest description wins.
    @Test func combinedCaptureLoadsEverything() throws {
        try withLab { lab in
            let commands = ["addr", "-d link", "route show table all", "-d route show table all", "-6 route",
                            "rule", "-6 rule", "netconf show", "-o link"]
            let snapshot = try loadCapture(try capture(lab, commands))
            #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
            let routes = try json(lab, "-j -d route show table all")
            #expect(snapshot.routes.count == routes.count)
            for object in routes { try compareRoute(object, in: snapshot) }
            #expect(snapshot.links.filter { !$0.isInferred }.count == (try json(lab, "-j link")).count)
        }
    }
}
