import Foundation
import Testing
@testable import PodRouteCore

/// Loads capture text the way `podroute` does.
func loadCapture(_ text: String) throws -> NetworkSnapshot {
    try CaptureReader.load(text: text, path: "captures/node1.txt")
}

extension NetworkSnapshot {
    func address(_ text: String) -> InterfaceAddress? {
        addresses.first { $0.local.description == text }
    }
}

@Suite struct TextCaptureAddressTests {
    @Test func seedArticleNodeLoadsWithoutIndentationOrComments() throws {
        let snapshot = try loadCapture(SeedArticle.nodeAddresses)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.links.map(\.name) == ["lo", "ens192", "docker0", "cali7533706c752", "cali6bf54ec99f4",
                                               "calif0a8819d7b4", "cali2299828844c", "cali7c84f4d310b", "tunl0"])
        let ens = try #require(snapshot.link(named: "ens192"))
        #expect(ens.index == InterfaceIndex(2))
        #expect(ens.flags == [.broadcast, .multicast, .up, .lowerUp, .running])
        #expect(ens.mtu == 1500 && ens.qdisc == "mq" && ens.operState == .up && ens.group == 0)
        #expect(ens.txQueueLength == 1000)
        #expect(ens.linkType == .ether && ens.address?.description == "00:50:56:95:32:45")
        #expect(ens.broadcast?.description == "ff:ff:ff:ff:ff:ff")
        let address = try #require(snapshot.address("10.20.1.22"))
        #expect(address.interface == ens.index && address.prefixLength == 24 && address.scope == .universe)
        #expect(address.broadcast == IPAddress("10.20.1.255") && address.label == "ens192")
        #expect(address.flags == [.noprefixroute, .permanent])
        #expect(address.validLifetime == .max && address.preferredLifetime == .max)

        let docker = try #require(snapshot.link(named: "docker0"))
        #expect(docker.flags.contains(.up) && !docker.flags.contains(.running) && docker.operState == .down)
        #expect(docker.txQueueLength == nil)

        let cali = try #require(snapshot.link(named: "cali6bf54ec99f4"))
        #expect(cali.parent == InterfaceIndex(3) && cali.linkNetnsID == 3)
        #expect(cali.address?.description == "ee:ee:ee:ee:ee:ee")

        let tunnel = try #require(snapshot.link(named: "tunl0"))
        #expect(tunnel.index == InterfaceIndex(15) && tunnel.parent == nil && tunnel.linkType == .ipip)
        #expect(tunnel.address?.bytes == [0, 0, 0, 0] && tunnel.flags.contains(.noarp))
        let tunnelAddress = try #require(snapshot.address("10.21.230.0"))
        #expect(tunnelAddress.prefixLength == 32 && tunnelAddress.interface == tunnel.index)
        #expect(snapshot.address("127.0.0.1")?.scope == .host)
    }

    @Test func seedArticlePodAndPeerNode() throws {
        let pod = try loadCapture(SeedArticle.podAddresses)
        #expect(pod.warnings.isEmpty, "\(pod.warnings)")
        let eth0 = try #require(pod.link(named: "eth0"))
        #expect(eth0.parent == InterfaceIndex(19) && eth0.mtu == 1440 && eth0.group == 0)
        #expect(pod.address("10.21.69.212")?.prefixLength == 32)
        let tunnel = try #require(pod.link(named: "tunl0"))
        #expect(tunnel.operState == .down && tunnel.qdisc == "noop" && pod.addresses(of: tunnel.index).isEmpty)

        let peer = try loadCapture(SeedArticle.peerNodeAddresses)
        #expect(peer.warnings.isEmpty, "\(peer.warnings)")
        let podPeer = try #require(peer.link(InterfaceIndex(19)))
        #expect(podPeer.name == "calib51fc1cd61e" && podPeer.parent == InterfaceIndex(3) && podPeer.linkNetnsID == 15)
        #expect(peer.links.count == 14)
    }

    @Test(.enabled(if: seedArticleText != nil, "shared/seed is not beside the repository"))
    func wholeSeedArticleLoadsWithProseAsWarnings() throws {
        let article = try #require(seedArticleText)
        let snapshot = try loadCapture(article)
        #expect(snapshot.links.contains { $0.name == "calib51fc1cd61e" })
        #expect(!snapshot.warnings.isEmpty)
        // Every warning is about a prose line, never about one of the article's ip addr lines.
        let lines = article.split(separator: "\n", omittingEmptySubsequences: false)
        for warning in snapshot.warnings {
            let line = try #require(warning.line)
            let text = lines[line - 1]
            #expect(!text.hasPrefix("link/") && !text.hasPrefix("inet") && !text.hasPrefix("valid_lft"), "\(warning)")
        }
    }

    @Test func detailedLinkFillsKindDataWithJSONKeys() throws {
        let text = """
        8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
            link/ether 66:8e:58:d7:de:6e brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
            vxlan id 4096 local 10.20.1.22 dev eth0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
        5: vethA@vethB: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br0 state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
            link/ether b2:21:5d:d2:b4:4d brd ff:ff:ff:ff:ff:ff promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535
            veth
            bridge_slave state disabled priority 32 cost 2 hairpin off guard off learning on flood on addrgenmode eui64 numtxqueues 2
        4: vethB@vethA: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
            link/ether 72:c2:6e:f3:b8:ee brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
            veth addrgenmode eui64 numtxqueues 2 numrxqueues 2
        3: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
            link/ether b2:21:5d:d2:b4:4d brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
            bridge forward_delay 1500 hello_time 200 max_age 2000 stp_state 0 priority 32768 vlan_filtering 0 designated_root 8000.b2:21:5d:d2:b4:4d hello_timer    0.00 addrgenmode eui64
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let vxlan = try #require(snapshot.link(named: "vxlan.calico")?.vxlan)
        #expect(vxlan.vni == 4096 && vxlan.local == IPAddress("10.20.1.22") && vxlan.port == 4789)
        #expect(vxlan.underlyingDevice == "eth0" && vxlan.learning == false)
        let data = try #require(snapshot.link(named: "vxlan.calico")?.kindData)
        #expect(data["port_range"]?["low"] == .uint(0) && data["ttl"] == .uint(0) && data["udp_csum"] == .bool(true))
        #expect(data["udp_zero_csum6_tx"] == .bool(false))
        let link = try #require(snapshot.link(named: "vxlan.calico"))
        #expect(link.minMTU == 68 && link.maxMTU == 65535 && link.promiscuity == 0 && link.queues.txQueues == 1)

        let port = try #require(snapshot.link(named: "vethA"))
        #expect(port.kind == .veth && port.slaveKind == "bridge")
        #expect(port.slaveData["state"] == .string("disabled") && port.slaveData["learning"] == .bool(true))
        #expect(port.master == InterfaceIndex(3), "master named before the bridge is described")
        #expect(port.parent == InterfaceIndex(4), "peer named before it is described")
        #expect(snapshot.link(named: "vethB")?.parent == InterfaceIndex(5))
        let bridge = try #require(snapshot.link(named: "br0"))
        #expect(bridge.kind == .bridge && bridge.kindData["root_id"] == .string("8000.b2:21:5d:d2:b4:4d"))
        #expect(bridge.kindData["stp_state"] == .uint(0))
    }

    @Test func aliasAltnameNetnsNamesAndPeers() throws {
        let text = """
        2: calic440f455693@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 46:25:ae:b5:a4:02 brd ff:ff:ff:ff:ff:ff link-netns tx1234b
        7: eth0@eth0p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 92:88:6a:57:0d:cd brd ff:ff:ff:ff:ff:ff
            alias uplink to  tor
            altname uplink0
            altname enp0s3
            inet 10.9.9.1 peer 10.9.9.2/32 scope global eth0
               valid_lft forever preferred_lft forever
            inet 10.20.1.99/24 brd 10.20.1.255 scope global secondary dynamic eth0:1
               valid_lft 300sec preferred_lft 200sec
            inet6 2001:db8::1/64 scope global nodad tentative
               valid_lft forever preferred_lft forever
        15: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440 qdisc noqueue state UNKNOWN group 7 qlen 1000
            link/ipip 0.0.0.0 brd 0.0.0.0
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let veth = try #require(snapshot.link(named: "calic440f455693"))
        #expect(veth.linkNetnsName == "tx1234b" && veth.linkNetnsID == nil && veth.parent == InterfaceIndex(2))
        let eth0 = try #require(snapshot.link(named: "eth0"))
        #expect(eth0.alias == "uplink to  tor" && eth0.altNames == ["uplink0", "enp0s3"])
        #expect(eth0.parent == nil, "eth0p is never described")
        #expect(snapshot.link(named: "enp0s3")?.index == eth0.index)
        let peer = try #require(snapshot.address("10.9.9.1"))
        #expect(peer.peer == IPAddress("10.9.9.2") && peer.prefixLength == 32)
        let dynamic = try #require(snapshot.address("10.20.1.99"))
        #expect(dynamic.flags == [.secondary] && dynamic.label == "eth0:1")
        #expect(dynamic.validLifetime == 300 && dynamic.preferredLifetime == 200)
        let v6 = try #require(snapshot.address("2001:db8::1"))
        #expect(v6.flags == [.nodad, .tentative, .permanent] && v6.label == nil)
        #expect(snapshot.link(named: "tunl0")?.group == 7)
    }

    @Test func onelineOutputs() throws {
        let text = """
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
        7: eth0@eth0p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 92:88:6a:57:0d:cd brd ff:ff:ff:ff:ff:ff\\    alias uplink to tor\\    altname uplink0
        1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
        7: eth0    inet 10.20.1.99/24 scope global secondary dynamic eth0\\       valid_lft 300sec preferred_lft 200sec
        7: eth0    inet6 fe80::9088:6aff:fe57:dcd/64 scope link \\       valid_lft forever preferred_lft forever
        9: mv0    inet 10.9.9.1 peer 10.9.9.2/32 scope global mv0\\       valid_lft forever preferred_lft forever
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let eth0 = try #require(snapshot.link(named: "eth0"))
        #expect(eth0.alias == "uplink to tor" && eth0.altNames == ["uplink0"] && eth0.linkType == .ether)
        #expect(snapshot.address("10.20.1.99")?.interface == eth0.index)
        #expect(snapshot.address("10.20.1.99")?.validLifetime == 300)
        #expect(snapshot.addresses(of: eth0.index).count == 2)
        let mv0 = try #require(snapshot.link(named: "mv0"))
        #expect(mv0.index == InterfaceIndex(9) && mv0.isInferred, "known only from ip -o addr")
        #expect(snapshot.address("10.9.9.1")?.interface == mv0.index)
    }

    @Test func busyBoxAddresses() throws {
        let text = """
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
               valid_lft forever preferred_lft forever
        2: calic440f455693@calic440f455693: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue qlen 1000
            link/ether 46:25:ae:b5:a4:02 brd ff:ff:ff:ff:ff:ff
        7: eth0@eth0p: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue qlen 1000
            link/ether 92:88:6a:57:0d:cd brd ff:ff:ff:ff:ff:ff
            inet6 2001:db8:1::5/64 scope global flags 02
               valid_lft forever preferred_lft forever
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.link(named: "calic440f455693")?.parent == InterfaceIndex(2))
        #expect(snapshot.link(named: "eth0")?.operState == .unknown)
        #expect(snapshot.address("2001:db8:1::5")?.flags == [.nodad, .permanent])
    }

    @Test func statisticsUnderALink() throws {
        let text = """
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
            link/ether 00:50:56:95:32:45 brd ff:ff:ff:ff:ff:ff
            RX:  bytes packets errors dropped  missed   mcast
              1234567     890      1       2       3       4
            TX:  bytes packets errors dropped carrier collsns
               7654321     321      5       6       7       8
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let stats = try #require(snapshot.link(named: "eth0")?.stats)
        #expect(stats.rxBytes == 1_234_567 && stats.rxPackets == 890 && stats.multicast == 4)
        #expect(stats.txBytes == 7_654_321 && stats.collisions == 8 && stats.txCarrierErrors == 7)
    }

    @Test func hostileNamesAndAliasesLoadAsData() throws {
        let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J"
        let text = """
        3: ev\u{1B}[31mil: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 02:42:4f:0d:6a:48 brd ff:ff:ff:ff:ff:ff
            alias \(escape) \u{202E}txt.exe
            inet 10.1.1.1/24 scope global ev\u{1B}[31mil
        10.1.2.0/24 via 10.1.1.254 dev ev\u{1B}[31mil
        """
        let snapshot = try loadCapture(text)
        let link = try #require(snapshot.link(InterfaceIndex(3)))
        #expect(link.name == "ev\u{1B}[31mil" && link.alias == "\(escape) \u{202E}txt.exe")
        #expect(snapshot.routes.first?.device == link.index)
        #expect(snapshot.address("10.1.1.1")?.label == "ev\u{1B}[31mil")
    }
}

/// The seed article from shared/ beside the repository (or the workplace's copy).
let seedArticleText: String? = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(3)  // Tests/PodRouteCoreTests/<file>
    let repository = parts.joined(separator: "/")
    let candidates = [repository + "/../shared/seed/k8s-lan-routing-article.zh.txt",
                      "/work/shared/seed/k8s-lan-routing-article.zh.txt"]
    for path in candidates {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
    }
    print("TextCaptureAddressTests: seed article not found in \(candidates)")
    return nil
}()
