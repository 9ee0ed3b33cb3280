import CNetlink
import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

/// `RTNetlink.neighbours` and `RTNetlink.fdb` against `ip -j neigh show nud all` and
/// `bridge -j fdb show`, field by field, on a namespace with Calico's VXLAN entries (permanent
/// neighbour + `self permanent` FDB entry with a dst), entries in other states and families, a
/// flood entry with its own port, VNI and `via` and a second remote (the kernel appends remotes
/// only to the all-zeros and multicast MACs), and a bridge port.
@Suite(.needsNetns)
struct NeighbourDumpTests {
    /// A node namespace with vxlan.calico, a bridge with a port, and neighbour/FDB entries of every kind.
    private func namespace(_ label: String) throws -> TestNamespace {
        let node = try TestNamespace(label)
        _ = try node.run("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0")
        _ = try node.run("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0")
        try node.ipBatch([
            "link set lo up",
            "link add ens192 type veth peer name uplink-br",
            "link add br0 type bridge",
            "link set uplink-br master br0",
            "addr add 10.20.1.22/24 dev ens192",
            "link set ens192 up", "link set uplink-br up", "link set br0 up",
            "link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.20.1.22 dev ens192 nolearning",
            "link set vxlan.calico address 66:0a:0b:0c:0d:0e",
            "addr add 10.21.230.0/32 dev vxlan.calico",
            "link set vxlan.calico mtu 1450 up",
            "neigh add 10.21.69.192 lladdr 66:11:22:33:44:55 dev vxlan.calico nud permanent",
            "neigh add 10.21.70.1 lladdr 66:11:22:33:44:56 dev vxlan.calico nud stale",
            "neigh add 10.21.71.1 lladdr 66:11:22:33:44:57 dev vxlan.calico nud noarp",
            "neigh add 10.20.1.24 lladdr 02:00:00:00:01:24 dev ens192 nud reachable",
            "neigh add 2001:db8:20:1::1 lladdr 02:00:00:00:01:01 dev ens192 router nud permanent",
        ])
        _ = try node.run("bridge", "fdb", "append", "66:11:22:33:44:55", "dev", "vxlan.calico", "dst", "10.20.1.24")
        _ = try node.run("bridge", "fdb", "append", "66:11:22:33:44:56", "dev", "vxlan.calico", "dst", "10.20.1.25")
        _ = try node.run("bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "vxlan.calico", "dst", "10.20.1.28")
        _ = try node.run("bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "vxlan.calico", "dst", "10.20.1.27",
                         "port", "4790", "vni", "5000", "via", "ens192")
        _ = try node.run("bridge", "fdb", "add", "02:aa:bb:cc:dd:ee", "dev", "uplink-br", "master", "static")
        return node
    }

    /// `ip -j neigh` objects as comparable text: `dst dev lladdr [router] STATE,...`.
    private func ipNeighbourRows(_ json: [[String: Any]]) -> [String] {
        json.map { object in
            var row = "\(object["dst"] as? String ?? "?") dev \(object["dev"] as? String ?? "?")"
            if let lladdr = object["lladdr"] as? String { row += " lladdr \(lladdr)" }
            for flag in ["router", "proxy", "extern_learn", "offload"] where object.keys.contains(flag) { row += " \(flag)" }
            row += " " + (object["state"] as? [String] ?? []).joined(separator: ",")
            return row
        }.sorted()
    }

    private func neighbourRows(_ entries: [Neighbour], names: [InterfaceIndex: String]) -> [String] {
        entries.map { entry in
            var row = "\(entry.destination) dev \(names[entry.device] ?? "?")"
            if let lladdr = entry.linkLayerAddress { row += " lladdr \(lladdr)" }
            for flag in entry.flags.neighbourNames { row += " \(flag)" }
            row += " " + entry.state.names.joined(separator: ",")
            return row
        }.sorted()
    }

    /// `bridge -j fdb` objects as comparable text, every member iproute2 prints.
    private func bridgeRows(_ json: [[String: Any]]) -> [String] {
        json.map { object in
            var row = "\(object["mac"] as? String ?? "?") dev \(object["ifname"] as? String ?? "?")"
            if let vlan = object["vlan"] as? Int { row += " vlan \(vlan)" }
            if let dst = object["dst"] as? String { row += " dst \(dst)" }
            if let port = object["port"] as? Int { row += " port \(port)" }
            if let vni = object["vni"] as? Int { row += " vni \(vni)" }
            if let via = object["viaIf"] as? String { row += " via \(via)" }
            row += " flags " + (object["flags"] as? [String] ?? []).joined(separator: ",")
            if let master = object["master"] as? String { row += " master \(master)" }
            row += " state \(object["state"] as? String ?? "?")"
            return row
        }.sorted()
    }

    private func fdbRows(_ entries: [FDBEntry], names: [InterfaceIndex: String]) -> [String] {
        entries.map { entry in
            var row = "\(entry.linkLayerAddress) dev \(names[entry.device] ?? "?")"
            if let vlan = entry.vlan { row += " vlan \(vlan)" }
            if let dst = entry.destination { row += " dst \(dst)" }
            if let port = entry.port { row += " port \(port)" }
            if let vni = entry.vni { row += " vni \(vni)" }
            if let via = entry.viaDevice { row += " via \(names[via] ?? "?")" }
            row += " flags " + entry.flags.fdbNames.joined(separator: ",")
            if let master = entry.master { row += " master \(names[master] ?? "?")" }
            row += " state \(entry.state.fdbName)"
            return row
        }.sorted()
    }

    /// Our read between two equal oracle reads: multicast traffic floods to the all-zeros
    /// remotes (ARP then adds INCOMPLETE entries on ens192) and the bridge learns MACs at any moment.
    static func between<Ours>(_ read: () throws -> Ours, oracle: () throws -> [String]) throws -> (Ours, [String]) {
        for _ in 0..<10 {
            let first = try oracle()
            let ours = try read()
            let second = try oracle()
            if first == second { return (ours, second) }
            usleep(300_000)
        }
        return (try read(), try oracle())
    }

    @Test("neighbours of both families equal `ip -j neigh show nud all`: dst, dev, lladdr, flags, NUD state")
    func neighboursMatchIP() throws {
        let node = try namespace("neigh")
        defer { try? node.remove() }
        let names = Dictionary(uniqueKeysWithValues: try RTNetlink.links(in: node.name).map { ($0.index, $0.name) })
        let (ours, expected) = try Self.between(
            { try RTNetlink.neighbours(family: .inet, in: node.name) + RTNetlink.neighbours(family: .inet6, in: node.name) },
            oracle: { ipNeighbourRows(try ipJSON(node.ip("-j neigh show nud all"))) })
        #expect(neighbourRows(ours, names: names) == expected)
        // The entries this test made are among them, typed.
        let vtep = ours.first { $0.destination == IPAddress("10.21.69.192") }
        #expect(vtep?.state == .permanent)
        #expect(vtep?.linkLayerAddress?.hexDescription == "66:11:22:33:44:55")
        #expect(ours.first { $0.destination == IPAddress("2001:db8:20:1::1") }?.flags.contains(.router) == true)
        #expect(ours.first { $0.destination == IPAddress("10.21.71.1") }?.state == .noarp)

        // NDA_IFINDEX makes the kernel filter: `ip neigh show dev vxlan.calico nud all`.
        let device = try #require(names.first { $0.value == "vxlan.calico" }?.key)
        let filtered = try RTNetlink.neighbours(family: .inet, device: device, in: node.name)
        let expectedFiltered = ipNeighbourRows(try ipJSON(node.ip("-4 -j neigh show dev vxlan.calico nud all"))
            .map { $0.merging(["dev": "vxlan.calico"]) { old, _ in old } })
        #expect(neighbourRows(filtered, names: names) == expectedFiltered)
        #expect(filtered.count == 3)
    }

    @Test("FDB entries equal `bridge -j fdb show`: mac, dev, dst, port, vni, via, flags, master, state")
    func fdbMatchesBridge() throws {
        let node = try namespace("fdb")
        defer { try? node.remove() }
        let names = Dictionary(uniqueKeysWithValues: try RTNetlink.links(in: node.name).map { ($0.index, $0.name) })
        let (ours, expected) = try Self.between({ try RTNetlink.fdb(in: node.name) },
                                                oracle: { bridgeRows(try ipJSON(node.run("bridge", "-j", "fdb", "show"))) })
        #expect(fdbRows(ours, names: names) == expected)
        let calico = ours.filter { $0.linkLayerAddress.hexDescription == "66:11:22:33:44:55" }
        #expect(calico.count == 1)
        #expect(calico.first?.destination == IPAddress("10.20.1.24"))
        #expect(calico.first?.flags.contains(.self) == true)
        #expect(calico.first?.state.contains(.permanent) == true)
        #expect(calico.first?.state.fdbName == "permanent")
        #expect(calico.first?.vni == nil, "the device's own VNI is not repeated")
        let floods = ours.filter { $0.linkLayerAddress.bytes == [0, 0, 0, 0, 0, 0] }
        #expect(Set(floods.compactMap(\.destination)) == [IPAddress("10.20.1.27")!, IPAddress("10.20.1.28")!])
        let flood = floods.first { $0.destination == IPAddress("10.20.1.27") }
        #expect(flood?.port == 4790)
        #expect(flood?.vni == 5000)
        #expect(flood.flatMap { $0.viaDevice.flatMap { names[$0] } } == "ens192")
        let port = ours.first { $0.linkLayerAddress.hexDescription == "02:aa:bb:cc:dd:ee" }
        #expect(port.flatMap { $0.master.flatMap { names[$0] } } == "br0")
        #expect(port?.state == .noarp)

        // `bridge fdb show brport vxlan.calico`: the kernel filters on NDA_IFINDEX.
        let device = try #require(names.first { $0.value == "vxlan.calico" }?.key)
        let filtered = try RTNetlink.fdb(device: device, in: node.name)
        let expectedFiltered = try ipJSON(node.run("bridge", "-j", "fdb", "show", "brport", "vxlan.calico"))
            .map { $0.merging(["ifname": "vxlan.calico"]) { old, _ in old } }
        #expect(fdbRows(filtered, names: names) == bridgeRows(expectedFiltered))
        #expect(filtered.allSatisfy { $0.device == device })
    }

    @Test("the snapshot reader fills neighbours and FDB; the VTEP's entries resolve to the remote node")
    func snapshotCarriesTheTables() throws {
        let node = try namespace("neigh-snap")
        defer { try? node.remove() }
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: node.name, names: .iproute2Defaults, host: "node1")
        let device = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let neighbour = try #require(snapshot.neighbour(IPAddress("10.21.69.192")!, on: device))
        let mac = try #require(neighbour.linkLayerAddress)
        #expect(snapshot.fdbEntries(mac, on: device).map(\.destination) == [IPAddress("10.20.1.24")])
        #expect(VXLANRemote.resolve(IPAddress("10.21.69.192")!, device: device, in: snapshot).destination == IPAddress("10.20.1.24"))
        // An address without a neighbour entry: the kernel ARPs through the device, which floods
        // to the all-zeros entry's remotes.
        let unresolved = VXLANRemote.resolve(IPAddress("10.21.99.1")!, device: device, in: snapshot)
        #expect(Set(unresolved.entries.compactMap(\.destination)) == [IPAddress("10.20.1.27")!, IPAddress("10.20.1.28")!])
        #expect(unresolved.vtepMAC == nil && unresolved.unknownReason == nil)
    }

    @Test("RTM_NEWNEIGH/RTM_DELNEIGH notifications keep a live snapshot's VXLAN entries current")
    func notificationsUpdateTheSnapshot() throws {
        let node = try namespace("neigh-live")
        defer { try? node.remove() }
        var snapshot = try NetlinkSnapshotReader.snapshot(namespace: node.name, names: .iproute2Defaults, host: "node1")
        let device = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let vtep = IPAddress("10.21.12.64")!
        // Before Felix's entries: the flood entry's remotes, no MAC.
        let floods: Set<IPAddress> = [IPAddress("10.20.1.27")!, IPAddress("10.20.1.28")!]
        let before = VXLANRemote.resolve(vtep, device: device, in: snapshot)
        #expect(Set(before.entries.compactMap(\.destination)) == floods && before.vtepMAC == nil)
        var subscription = try RTNetlinkSubscription(groups: [.neighbour], namespace: node.name)
        let names = Dictionary(uniqueKeysWithValues: snapshot.links.map { ($0.index, $0.name) })

        func receive(until done: (NetworkSnapshot) -> Bool) throws {
            let deadline = ContinuousClock.now + .seconds(10)
            while !done(snapshot), ContinuousClock.now < deadline {
                guard try subscription.wait(timeout: .milliseconds(200)) else { continue }
                var changes: [NetworkChange] = []
                try subscription.receiveAvailable { message in
                    if let change = try? NetworkChangeDecoder.change(from: message, names: names) { changes.append(change) }
                }
                snapshot = snapshot.applying(changes)
            }
        }
        try node.ip("neigh add 10.21.12.64 lladdr 66:aa:bb:cc:dd:01 dev vxlan.calico nud permanent")
        _ = try node.run("bridge", "fdb", "append", "66:aa:bb:cc:dd:01", "dev", "vxlan.calico", "dst", "10.20.1.26")
        try receive { VXLANRemote.resolve(vtep, device: device, in: $0).destination == IPAddress("10.20.1.26") }
        #expect(VXLANRemote.resolve(vtep, device: device, in: snapshot).destination == IPAddress("10.20.1.26"))

        _ = try node.run("bridge", "fdb", "del", "66:aa:bb:cc:dd:01", "dev", "vxlan.calico", "dst", "10.20.1.26")
        try receive { VXLANRemote.resolve(vtep, device: device, in: $0).destination != IPAddress("10.20.1.26") }
        let gone = VXLANRemote.resolve(vtep, device: device, in: snapshot)
        #expect(Set(gone.entries.compactMap(\.destination)) == floods && gone.vtepMAC?.hexDescription == "66:aa:bb:cc:dd:01")
        // The applied snapshot's VXLAN entries equal a fresh read (other devices' ARP states age on their own).
        let fresh = try NetlinkSnapshotReader.snapshot(namespace: node.name, names: .iproute2Defaults, host: "node1")
        #expect(Set((snapshot.fdb ?? []).filter { $0.device == device }) == Set((fresh.fdb ?? []).filter { $0.device == device }))
        #expect(Set((snapshot.neighbours ?? []).filter { $0.device == device })
                == Set((fresh.neighbours ?? []).filter { $0.device == device }))
    }

    @Test("a refused neighbour or FDB dump carries errno and the kernel's extended-ACK text; the socket stays usable")
    func refusedDumpsSayWhy() throws {
        let node = try TestNamespace("neigh-extack")
        defer { try? node.remove() }
        var socket = try RTNetlinkSocket(namespace: node.name)
        for family in [NetlinkFamily.inet, .bridge] {
            var header = ndmsg()
            header.ndm_family = family.rawValue
            header.ndm_state = UInt16(NUD_PERMANENT)  // a state is no dump filter: EINVAL under strict checking
            let error = try #require(throws: NetlinkError.self) {
                try socket.dump(NetlinkRequest(.getNeighbour, header: header), onRestart: {}) { _ in Issue.record("no message expected") }
            }
            #expect(error.errno == .EINVAL)
            let expected = family == .bridge ? "Invalid values in header for fdb dump request"
                : "Invalid values in header for neighbor dump request"
            #expect(error.kernelMessage == expected)
            #expect(error.description == "the kernel refused the neighbour dump: \(expected) (EINVAL)")
        }
        #expect(try socket.neighbours(family: .inet).isEmpty)
        _ = try socket.fdb()  // answers again
    }
}
