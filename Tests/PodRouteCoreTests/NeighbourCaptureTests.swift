import PodRouteCore
import Testing

/// Neighbour and FDB entries from captures (`ip [-j] neigh`, `bridge [-j] fdb show`), their
/// snapshot JSON, and what the trace makes of them: the VXLAN outer destination, or why not.
@Suite struct NeighbourCaptureTests {
    /// A Calico VXLAN node: eth0, vxlan.calico, the route to node2's block via its VTEP.
    static let node = """
    root@node1:~# ip -d link
    2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
        link/ether 02:00:00:00:01:22 brd ff:ff:ff:ff:ff:ff promiscuity 0
    8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
        link/ether 66:8e:58:d7:de:6e brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
        vxlan id 4096 local 10.20.1.22 dev eth0 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum addrgenmode eui64 numtxqueues 1
    root@node1:~# ip addr show eth0
    2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
        inet 10.20.1.22/24 brd 10.20.1.255 scope global eth0
    root@node1:~# ip route
    default via 10.20.1.1 dev eth0
    10.20.1.0/24 dev eth0 proto kernel scope link src 10.20.1.22
    10.21.69.192/26 via 10.21.69.192 dev vxlan.calico onlink
    10.21.70.0/26 via 10.21.70.0 dev vxlan.calico onlink

    """

    static let neighbourText = """
    root@node1:~# ip neigh
    10.21.69.192 dev vxlan.calico lladdr 66:11:22:33:44:55 PERMANENT
    10.20.1.1 dev eth0 lladdr 02:00:00:00:01:01 router REACHABLE
    10.20.1.9 dev eth0  FAILED
    fe80::1 dev eth0 lladdr 02:00:00:00:01:01 router STALE
    10.20.1.77 dev eth0 lladdr zz:11 STALE
    10.20.1.78 lladdr 02:00:00:00:01:78 STALE
    root@node1:~# bridge fdb show
    33:33:00:00:00:01 dev eth0 self permanent
    66:11:22:33:44:55 dev vxlan.calico dst 10.20.1.24 self permanent
    00:00:00:00:00:00 dev vxlan.calico dst 10.20.1.99 port 4790 vni 5000 via eth0 self permanent
    c2:b1:8b:24:4a:be dev veth1 master br0 permanent
    02:aa:bb:cc:dd:ee dev veth1 vlan 10 master br0
    02:aa:bb:cc:dd:ef dev veth1 master br0 locked
    66:11:22:33:44:66 dev vxlan.calico dst 10.20.1.300 self permanent

    """

    static let neighbourJSON = """
    root@node1:~# ip -j neigh show
    [{"dst":"10.21.69.192","dev":"vxlan.calico","lladdr":"66:11:22:33:44:55","state":["PERMANENT"]},{"dst":"fe80::1","dev":"eth0","lladdr":"02:00:00:00:01:01","router":null,"state":["REACHABLE"]},{"dst":"10.21.99.9","dev":"vxlan.calico"},{"dst":"10.21.99.10","dev":"vxlan.calico","lladdr":"nope","state":["STALE"]}]
    root@node1:~# bridge -j fdb show
    [{"mac":"66:11:22:33:44:55","ifname":"vxlan.calico","dst":"10.20.1.24","flags":["self"],"state":"permanent"},{"mac":"00:00:00:00:00:00","ifname":"vxlan.calico","dst":"10.20.1.99","port":4790,"vni":5000,"viaIf":"eth0","flags":["self"],"state":"permanent"},{"mac":"c2:b1:8b:24:4a:be","ifname":"veth1","flags":[],"master":"br0","state":"permanent"},{"mac":"66:00:00:00:00:01","ifname":"vxlan.calico","flags":["self"],"state":"weird"}]

    """

    private func load(_ text: String) throws -> NetworkSnapshot {
        try CaptureReader.load(text: text, path: "node1.txt")
    }

    private func trace(_ snapshot: NetworkSnapshot, _ destination: String) -> TraceResult {
        let site = Site(hosts: [SiteHost(name: snapshot.host, snapshot: snapshot)])
        return PathTracer(site: site).trace(to: IPAddress(destination)!, from: snapshot.host)
    }

    @Test("plain `ip neigh` and `bridge fdb show`: entries typed, bad lines warned about by line number")
    func plainText() throws {
        let snapshot = try load(Self.node + Self.neighbourText)
        let neighbours = try #require(snapshot.neighbours)
        #expect(neighbours.count == 4)
        let vxlan = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let eth0 = try #require(snapshot.link(named: "eth0")?.index)
        let vtep = try #require(snapshot.neighbour(IPAddress("10.21.69.192")!, on: vxlan))
        #expect(vtep.state == .permanent && vtep.linkLayerAddress?.hexDescription == "66:11:22:33:44:55")
        #expect(snapshot.neighbour(IPAddress("10.20.1.1")!, on: eth0)?.flags == .router)
        #expect(snapshot.neighbour(IPAddress("10.20.1.9")!, on: eth0)?.state == .failed)
        #expect(snapshot.neighbour(IPAddress("10.20.1.9")!, on: eth0)?.linkLayerAddress == nil)
        let fdb = try #require(snapshot.fdb)
        #expect(fdb.count == 6)
        let remote = snapshot.fdbEntries(LinkLayerAddress("66:11:22:33:44:55")!, on: vxlan)
        #expect(remote.map(\.destination) == [IPAddress("10.20.1.24")])
        #expect(remote.first?.flags == .self && remote.first?.state == .permanent)
        let flood = snapshot.fdbEntries(LinkLayerAddress("00:00:00:00:00:00")!, on: vxlan).first
        #expect(flood?.port == 4790 && flood?.vni == 5000 && flood?.viaDevice == eth0)
        let port = fdb.first { $0.linkLayerAddress.hexDescription == "02:aa:bb:cc:dd:ee" }
        #expect(port?.vlan == 10 && port?.state == .reachable && port.flatMap { snapshot.link($0.master)?.name } == "br0")
        let warnings = snapshot.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("line 20:") && $0.contains("'zz:11' is not a link-layer address") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("line 21:") && $0.contains("has no 'dev'") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("line 29:") && $0.contains("'10.20.1.300' is not an IP address") }, "\(warnings)")
        #expect(warnings.count == 3, "\(warnings)")
        // No neighbour or FDB line became a route.
        #expect(snapshot.routes.count == 4)
    }

    @Test("`ip -j neigh` and `bridge -j fdb`: the same model; a bad element is one warning, the rest still load")
    func json() throws {
        let snapshot = try load(Self.node + Self.neighbourJSON)
        let vxlan = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let neighbours = try #require(snapshot.neighbours)
        #expect(neighbours.count == 3)
        // `{"dst","dev"}` after an `ip neigh` prompt is a NUD_NONE neighbour, not a route.
        #expect(snapshot.neighbour(IPAddress("10.21.99.9")!, on: vxlan)?.state == [])
        #expect(snapshot.routes.count == 4)
        #expect(try #require(snapshot.fdb).count == 3)
        #expect(snapshot.fdbEntries(LinkLayerAddress("66:11:22:33:44:55")!, on: vxlan).first?.destination == IPAddress("10.20.1.24"))
        let warnings = snapshot.warnings.map(\.description)
        #expect(warnings.contains { $0.contains(".[3] (a neighbour): 'lladdr' is \"nope\"") }, "\(warnings)")
        #expect(warnings.contains { $0.contains(".[3] (an FDB entry): 'state' is \"weird\"") }, "\(warnings)")
        #expect(warnings.count == 2, "\(warnings)")

        // Without prompts, the keys tell neighbours (lladdr/state) and FDB entries (mac + ifname) apart.
        let bare = Self.neighbourJSON.split(separator: "\n").filter { !$0.hasPrefix("root@") }.joined(separator: "\n")
        let unprompted = try load(Self.node + bare)
        #expect(unprompted.neighbours?.count == 2)
        #expect(unprompted.fdb?.count == 3)
    }

    @Test("single-host trace over a capture: the FDB names the outer destination; the flood entry stands in for a MAC without one")
    func traceNamesTheOuterDestination() throws {
        let snapshot = try load(Self.node + Self.neighbourText)
        let hop = try #require(trace(snapshot, "10.21.69.212").hops.first)
        let encap = try #require(hop.encapsulation)
        #expect(encap.kind == .vxlan)
        #expect(encap.outerSource == IPAddress("10.20.1.22"))
        #expect(encap.outerDestination == IPAddress("10.20.1.24"))
        #expect(encap.vni == 4096 && encap.port == 4789)
        #expect(encap.vtep == IPAddress("10.21.69.192") && encap.vtepMAC?.hexDescription == "66:11:22:33:44:55")
        #expect(encap.outerDestinationUnknown == nil)
        #expect(hop.mtu == 1450)

        // 10.21.70.0 has no neighbour entry: the kernel ARPs through the device, which floods to
        // the default entry's remote (with that entry's own port and VNI).
        let flooded = try #require(trace(snapshot, "10.21.70.5").hops.first?.encapsulation)
        #expect(flooded.outerDestination == IPAddress("10.20.1.99"))
        #expect(flooded.vni == 5000 && flooded.port == 4790 && flooded.vtepMAC == nil)

        // Without the default entry the kernel has nowhere to send it: dropped, said why.
        let noFlood = Self.neighbourText.split(separator: "\n").filter { !$0.hasPrefix("00:00:00:00:00:00") }.joined(separator: "\n")
        let missing = trace(try load(Self.node + noFlood), "10.21.70.5")
        let unknown = try #require(missing.hops.first?.encapsulation)
        #expect(unknown.outerDestination == nil)
        #expect(unknown.outerDestinationUnknown == "no neighbour entry for 10.21.70.0 on vxlan.calico")
        #expect(missing.findings.contains { $0.code == .vxlanFDB && $0.host == "node1" })
        #expect(missing.verdict == .unreachable)
        #expect(missing.hops.first?.outcome == .dropped(.vxlanFDB))
    }

    @Test("a capture or snapshot without neighbours still loads; the trace says the outer destination is unknown and why")
    func oldCaptureSaysWhy() throws {
        let snapshot = try load(Self.node)
        #expect(snapshot.neighbours == nil && snapshot.fdb == nil)
        let result = trace(snapshot, "10.21.69.212")
        let encap = try #require(result.hops.first?.encapsulation)
        #expect(encap.outerDestination == nil)
        #expect(encap.outerDestinationUnknown?.hasPrefix("the snapshot has no neighbour table") == true, "\(String(describing: encap.outerDestinationUnknown))")
        #expect(!result.findings.contains { $0.code == .vxlanFDB }, "not read is no fault of the node")

        // Neighbours but no FDB.
        let half = try load(Self.node + "root@node1:~# ip neigh\n10.21.69.192 dev vxlan.calico lladdr 66:11:22:33:44:55 PERMANENT\n")
        let reason = try #require(trace(half, "10.21.69.212").hops.first?.encapsulation?.outerDestinationUnknown)
        #expect(reason.hasPrefix("the snapshot has no FDB"), "\(reason)")
        #expect(reason.contains("10.21.69.192 is 66:11:22:33:44:55 on vxlan.calico"), "\(reason)")
    }

    @Test("snapshot JSON carries neighbours and FDB (iproute2-shaped) and reads them back; none read means no key")
    func snapshotRoundTrip() throws {
        let snapshot = try load(Self.node + Self.neighbourText)
        let text = SnapshotJSON(snapshot: snapshot).text()
        let value = try JSONValue.parse(text, strict: true)
        #expect(value["neighbours"]?.arrayValue?.first?["lladdr"]?.stringValue == "66:11:22:33:44:55")
        #expect(value["neighbours"]?.arrayValue?.first?["state"]?.arrayValue?.first?.stringValue == "PERMANENT")
        #expect(value["fdb"]?.arrayValue?[1]["dst"]?.stringValue == "10.20.1.24")
        #expect(value["fdb"]?.arrayValue?[1]["flags"]?.arrayValue?.first?.stringValue == "self")
        let loaded = try CaptureReader.load(text: text, path: "node1.json", source: snapshot.source)
        #expect(loaded.neighbours == snapshot.neighbours)
        #expect(loaded.fdb == snapshot.fdb)
        #expect(SnapshotJSON(snapshot: loaded).text() == text)

        let old = SnapshotJSON(snapshot: try load(Self.node)).text()
        #expect(!old.contains("\"neighbours\"") && !old.contains("\"fdb\""))
        let empty = try CaptureReader.load(text: old.replacing("\"pods\":", with: "\"neighbours\":[],\"fdb\":[],\"pods\":"),
                                           path: "node1.json")
        #expect(empty.neighbours == [] && empty.fdb == [])
        let reason = trace(empty, "10.21.69.212").hops.first?.encapsulation?.outerDestinationUnknown
        #expect(reason == "no neighbour entry for 10.21.69.192 on vxlan.calico")
    }

    @Test("hostile device names in neighbour lines never reach the terminal raw")
    func hostileNames() throws {
        let text = Self.node + "root@node1:~# ip -j neigh\n"
            + #"[{"dst":"10.9.9.9","dev":"evil\u001b[31m","lladdr":"02:00:00:00:00:09","state":["PERMANENT"]}]"# + "\n"
            + #"[{"dst":"10.21.69.192","dev":"vxlan.calico","lladdr":"zz\u001b[2J","state":["PERMANENT"]}]"# + "\n"
        let snapshot = try load(text)
        #expect(snapshot.neighbours?.count == 1)
        #expect(snapshot.warnings.allSatisfy { !$0.description.contains("\u{1b}") }, "\(snapshot.warnings)")
        let evil = try #require(snapshot.neighbours?.first?.device)
        let reason = VXLANRemote.resolve(IPAddress("10.9.9.8")!, device: evil, in: snapshot).unknownReason
        #expect(reason?.hasPrefix("no neighbour entry for 10.9.9.8 on evil") == true, "\(String(describing: reason))")
        #expect(reason?.contains("\u{1b}") == false)
    }

    /// node2 of the same site: its vxlan.calico holds the VTEP 10.21.69.192 and listens on 10.20.1.24.
    static let node2 = """
    root@node2:~# ip -d link
    2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
        link/ether 02:00:00:00:01:24 brd ff:ff:ff:ff:ff:ff promiscuity 0
    8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
        link/ether 66:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
        vxlan id 4096 local 10.20.1.24 dev eth0 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum addrgenmode eui64 numtxqueues 1
    root@node2:~# ip addr
    2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
        inet 10.20.1.24/24 brd 10.20.1.255 scope global eth0
    8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000
        inet 10.21.69.192/32 scope global vxlan.calico
    root@node2:~# ip route
    10.20.1.0/24 dev eth0 proto kernel scope link src 10.20.1.24
    blackhole 10.21.69.192/26 proto 80

    """

    @Test("a site trace follows node1's FDB to node2, and flags an FDB that sends node2's VTEP elsewhere")
    func siteCrossChecksTheFDB() throws {
        func site(_ node1Tables: String) throws -> PathTracer {
            let node1 = try load(Self.node + node1Tables)
            let node2 = try CaptureReader.load(text: Self.node2, path: "node2.txt")
            return PathTracer(site: Site(hosts: [SiteHost(name: "node1", snapshot: node1), SiteHost(name: "node2", snapshot: node2)]))
        }
        let right = try site(Self.neighbourText).trace(to: IPAddress("10.21.69.200")!, from: "node1")
        #expect(right.hops.map(\.host) == ["node1", "node2"])
        #expect(right.hops.first?.encapsulation?.outerDestination == IPAddress("10.20.1.24"))
        #expect(right.hops.last?.arrivedOn == "vxlan.calico")
        #expect(!right.findings.contains { $0.code == .vxlanFDB }, "\(right.findings)")

        let stale = Self.neighbourText.replacing("dst 10.20.1.24 self", with: "dst 10.20.1.77 self")
        let wrong = try site(stale).trace(to: IPAddress("10.21.69.200")!, from: "node1")
        #expect(wrong.hops.first?.encapsulation?.outerDestination == IPAddress("10.20.1.77"))
        let finding = try #require(wrong.findings.first { $0.code == .vxlanFDB }, "\(wrong.findings)")
        #expect(finding.host == "node1")
        #expect(finding.message == "node1's FDB sends 10.21.69.192 (node2's VTEP, 66:11:22:33:44:55) to 10.20.1.77, but node2 listens on 10.20.1.24")
        #expect(finding.fix.hasPrefix("on node1: bridge fdb replace 66:11:22:33:44:55 dev vxlan.calico dst 10.20.1.24 self permanent"))
    }
}
