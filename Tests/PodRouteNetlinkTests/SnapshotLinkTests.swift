import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct SnapshotLinkTests {
    @Test("every link of a Calico-like node matches `ip -j -d addr show`, field by field, kind data included")
    func linksMatchIP() throws {
        let rich = try RichNamespace("links")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        let expected = try ipJSON(rich.node.ip("-j -d addr show"))
        #expect(snapshot.source == .namespace(rich.node.name))
        #expect(snapshot.links.count == expected.count)
        let names = Dictionary(uniqueKeysWithValues: snapshot.links.map { ($0.index, $0.name) })

        for object in expected {
            let index = InterfaceIndex(Int32(try #require(object["ifindex"] as? Int)))
            let link = try #require(snapshot.link(index), "no link \(index)")
            let name = link.name
            #expect(link.name == object["ifname"] as? String)
            let ipFlags = (object["flags"] as? [String] ?? []).filter { $0 != "M-DOWN" }
            #expect(link.flags.names == ipFlags, "\(name) flags")
            #expect(Int(link.mtu) == object["mtu"] as? Int, "\(name) mtu")
            #expect(link.qdisc == object["qdisc"] as? String, "\(name) qdisc")
            #expect(link.master.flatMap { names[$0] } == object["master"] as? String, "\(name) master")
            #expect(link.operState.name == object["operstate"] as? String, "\(name) operstate")
            #expect(IPNames.iproute2Defaults.groupName(link.group) == object["group"] as? String, "\(name) group")
            #expect(link.txQueueLength.map(Int.init) == object["txqlen"] as? Int, "\(name) txqlen")
            #expect(link.linkType.name == object["link_type"] as? String, "\(name) link_type")
            #expect(link.address?.hexDescription == object["address"] as? String, "\(name) address")
            #expect(link.broadcast?.hexDescription == object["broadcast"] as? String, "\(name) broadcast")
            #expect(link.permanentAddress?.hexDescription == object["permaddr"] as? String, "\(name) permaddr")
            #expect(link.alias == object["ifalias"] as? String, "\(name) alias")
            #expect(link.altNames == (object["altnames"] as? [String] ?? []), "\(name) altnames")
            let numbers: [(String, UInt32?)] = [
                ("promiscuity", link.promiscuity), ("allmulti", link.allmulti), ("min_mtu", link.minMTU),
                ("max_mtu", link.maxMTU), ("num_tx_queues", link.queues.txQueues),
                ("num_rx_queues", link.queues.rxQueues), ("gso_max_size", link.queues.gsoMaxSize),
                ("gso_max_segs", link.queues.gsoMaxSegments), ("tso_max_size", link.queues.tsoMaxSize),
                ("tso_max_segs", link.queues.tsoMaxSegments), ("gro_max_size", link.queues.groMaxSize),
            ]
            for (key, value) in numbers {
                #expect(value.map(Int.init) == object[key] as? Int, "\(name) \(key)")
            }
            // IFLA_LINK: a name, null for 0 (`@NONE`), or an index when the peer is in another namespace.
            if let netnsID = object["link_netnsid"] as? Int {
                #expect(link.linkNetnsID == Int32(netnsID), "\(name) link_netnsid")
                #expect(link.parent?.rawValue == (object["link_index"] as? Int).map(Int32.init), "\(name) link_index")
            } else if object.keys.contains("link") {
                #expect(link.parent.flatMap { names[$0] } == object["link"] as? String, "\(name) link")
            } else {
                #expect(link.linkNetnsID == nil, "\(name) link_netnsid")
            }
            let info = object["linkinfo"] as? [String: Any]
            #expect(link.kind?.rawValue == info?["info_kind"] as? String, "\(name) info_kind")
            #expect(link.slaveKind == info?["info_slave_kind"] as? String, "\(name) info_slave_kind")
            let ticking: (String) -> Bool = { $0.hasSuffix("_timer") }
            let dataDifferences = jsonDifferences(link.kindData, info?["info_data"] as? [String: Any] ?? [:], ignore: ticking)
            #expect(dataDifferences.isEmpty, "\(name) info_data: \(dataDifferences)")
            let slaveDifferences = jsonDifferences(link.slaveData, info?["info_slave_data"] as? [String: Any] ?? [:], ignore: ticking)
            #expect(slaveDifferences.isEmpty, "\(name) info_slave_data: \(slaveDifferences)")
        }

        // The fixture's promises, so a silently missing device cannot pass the loop above.
        let uplink = try #require(snapshot.link(named: "uplink0"))
        #expect(uplink.alias == RichNamespace.alias)
        #expect(uplink.altNames == ["uplink-alt"])
        #expect(snapshot.link(named: "uplink-alt")?.index == uplink.index)
        let vxlan = try #require(snapshot.link(named: "vxlan.calico")?.vxlan)
        #expect(vxlan.vni == 4096 && vxlan.port == 4789 && vxlan.underlyingDevice == "uplink0")
        #expect(vxlan.local == IPAddress("10.20.1.22"))
        let port = try #require(snapshot.link(named: "brport0"))
        #expect(port.slaveKind == "bridge" && port.slaveData["state"] != nil)
        #expect(snapshot.link(named: "br0")?.kindData["group_fwd_mask"] == .string("0"))
        #expect(snapshot.link(named: "mv0")?.kindData["mode"] == .string("bridge"))
        let workload = try #require(snapshot.link(named: "calic440f455693"))
        #expect(workload.linkNetnsID != nil)
        #expect(workload.linkNetnsName == rich.pod.name, "link-netns resolved through RTM_GETNSID")
        #expect(workload.stats != nil)
    }

    @Test("kind data equals PodRouteCore's own reading of `ip -j -d` JSON, value types included")
    func kindDataEqualsCapturedJSON() throws {
        let rich = try RichNamespace("kindjson")
        let links = try RTNetlink.links(in: rich.node.name)
        let text = try rich.node.ip("-j -d link show").unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\n" ? String(format: "\\u%04x", scalar.value) : String(scalar)
        }.joined()
        let captured = try #require(try JSONValue.parse(Substring(text)).arrayValue)
        var compared = 0
        for object in captured {
            let name = try #require(object["ifname"]?.stringValue)
            let link = try #require(links.first { $0.name == name })
            for (ours, key) in [(link.kindData, "info_data"), (link.slaveData, "info_slave_data")] {
                let theirs = object["linkinfo"]?[key]?.objectValue ?? JSONObject()
                #expect(Set(ours.keys) == Set(theirs.keys), "\(name) \(key) keys")
                for member in theirs where !member.key.hasSuffix("_timer") {
                    #expect(ours[member.key].map { unordered($0) == unordered(member.value) } == true,
                            "\(name) \(key).\(member.key): ours \(String(describing: ours[member.key])), ip \(member.value)")
                    compared += 1
                }
            }
        }
        #expect(compared > 80, "bridge, bridge port, vxlan and macvlan data were compared")
    }

    /// PodRouteCore's JSON reader sorts object keys; decoded kind data keeps iproute2's order.
    private func unordered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(JSONObject(object.map { ($0.key, unordered($0.value)) }.sorted { $0.0 < $1.0 }))
        case .array(let values): .array(values.map(unordered))
        default: value
        }
    }

    @Test("addresses of both families match `ip -j addr show`: peers, labels, broadcast, flags, lifetimes")
    func addressesMatchIP() throws {
        let rich = try RichNamespace("addrs")
        let snapshot = try NetlinkSnapshotReader.snapshot(namespace: rich.node.name, names: .iproute2Defaults, host: "node")
        var expected: [String] = []
        for object in try ipJSON(rich.node.ip("-j -d addr show")) {
            let index = try #require(object["ifindex"] as? Int)
            for info in object["addr_info"] as? [[String: Any]] ?? [] {
                let flags = AddressFlags.printed.map(\.1) + ["temporary", "dynamic"]
                let set = flags.filter { (info[$0] as? Bool) == true }.sorted()
                expected.append([
                    "\(index)", info["family"] as? String ?? "?", info["local"] as? String ?? "-",
                    info["address"] as? String ?? "-", "\(info["prefixlen"] as? Int ?? -1)",
                    info["broadcast"] as? String ?? "-", info["scope"] as? String ?? "-",
                    info["family"] as? String == "inet" ? info["label"] as? String ?? "-" : "-",
                    set.joined(separator: ","),
                    "\(info["valid_life_time"] as? Int ?? -1)", "\(info["preferred_life_time"] as? Int ?? -1)",
                ].joined(separator: " "))
            }
        }
        let ours = snapshot.addresses.map { address in
            var flags = AddressFlags.printed.filter { address.flags.contains($0.0) }.map(\.1)
            if address.family == .inet6, let index = flags.firstIndex(of: "secondary") { flags[index] = "temporary" }
            if !address.flags.contains(.permanent) { flags.append("dynamic") }
            return [
                "\(address.interface.rawValue)", address.family.name, address.local.description,
                address.peer?.description ?? "-", "\(address.prefixLength)", address.broadcast?.description ?? "-",
                IPNames.iproute2Defaults.name(of: address.scope), address.label ?? "-",
                flags.sorted().joined(separator: ","), "\(address.validLifetime)", "\(address.preferredLifetime)",
            ].joined(separator: " ")
        }
        #expect(ours.sorted() == expected.sorted())
        #expect(snapshot.addresses.contains { $0.peer == IPAddress("10.9.9.2") && $0.local == IPAddress("10.9.9.1") })
        #expect(snapshot.addresses.contains { $0.label == "uplink0:1" && $0.flags.contains(.secondary) })
        #expect(snapshot.addresses.contains { $0.broadcast == IPAddress("192.168.50.255") })
    }
}
