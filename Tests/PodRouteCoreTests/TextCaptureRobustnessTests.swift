import Testing
@testable import PodRouteCore

/// A small deterministic generator (SplitMix64), so a failing mutation can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite struct TextCaptureRobustnessTests {
    static let samples: [String] = [
        SeedArticle.nodeAddresses, SeedArticle.podAddresses, TextCaptureRouteTests.plainAllTables,
        """
        root@node1:~# ip -d link
        8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
            link/ether 66:8e:58:d7:de:6e brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
            vxlan id 4096 local 10.20.1.22 dev eth0 srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum addrgenmode eui64 numtxqueues 1
        5: vethA@vethB: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br0 state LOWERLAYERDOWN mode DEFAULT group default qlen 1000\\    link/ether b2:21:5d:d2:b4:4d brd ff:ff:ff:ff:ff:ff\\    alias a\\ b
            bridge_slave state disabled priority 32 cost 2 hairpin off
            RX:  bytes packets errors dropped  missed   mcast
              1234567     890      1       2       3       4
        root@node1:~# ip rule
        99:\tnot from all fwmark 0x200000/0x200000 lookup 1
        500:\tfrom all oif foo0 [detached] lookup 1000
        root@node1:~# ip netconf show
        inet all forwarding on rp_filter loose mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off
        net.ipv4.conf.vxlan/calico.rp_filter = 2
        /proc/sys/net/ipv4/conf/eth0/proxy_arp:1
        Kernel IP routing table
        Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
        10.30.0.0       -               255.255.0.0     !     5      -        0 -
        Kernel IPv6 routing table
        Destination                    Next Hop                   Flag Met Ref  Use If
        ::/0                           fe80::1                    UGDAe 1024 2     0 eth0
        10.20.1.1 dev eth0 lladdr 00:50:56:aa:bb:cc REACHABLE
        """,
    ]

    static let noise: [String] = ["\u{1B}[2J", "\\", " \\ ", "@", "@if", ":", "/", "/99", "<", ">", "\t", "nexthop",
                                  "cache", "via", "inet6", "link/", "999999999999999999999", "-1", "0x", "\u{202E}",
                                  "é", "🙂", "\u{0}", "\r", "default", "0/", "::", "lock", "[detached]", "="]

    @Test func mutatedCapturesNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        for round in 0..<1500 {
            let sample = Self.samples[round % Self.samples.count]
            var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                guard !lines.isEmpty else { break }
                let index = Int.random(in: 0..<lines.count, using: &generator)
                lines[index] = mutate(lines[index], using: &generator)
            }
            let text = lines.joined(separator: "\n")
            do {
                let snapshot = try CaptureReader.load(text: text, path: "fuzz.txt")
                for warning in snapshot.warnings {
                    if let line = warning.line { #expect(line >= 1 && line <= lines.count, "round \(round)") }
                }
            } catch {
                // Refusing a file with nothing readable is fine; crashing is not.
            }
        }
    }

    private func mutate(_ line: String, using generator: inout SeededGenerator) -> String {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            let cut = Int.random(in: 0...line.count, using: &generator)
            return String(line.prefix(cut))
        case 1:
            if !words.isEmpty { words.remove(at: Int.random(in: 0..<words.count, using: &generator)) }
        case 2:
            let noise = Self.noise.randomElement(using: &generator) ?? ""
            words.insert(noise, at: Int.random(in: 0...words.count, using: &generator))
        case 3:
            if words.count > 1 {
                let a = Int.random(in: 0..<words.count, using: &generator)
                let b = Int.random(in: 0..<words.count, using: &generator)
                words.swapAt(a, b)
            }
        case 4:
            if !words.isEmpty {
                let index = Int.random(in: 0..<words.count, using: &generator)
                words[index] += Self.noise.randomElement(using: &generator) ?? ""
            }
        default:
            return String(line.shuffled(using: &generator))
        }
        return words.joined(separator: " ")
    }

    @Test func garbledLinesWarnWithTheirNumbersAndTheRestLoads() throws {
        let text = """
        2: ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 00:50:56:95:32:45 brd ff:ff:ff:ff:ff:ff
            inet 10.20.1.22/24 brd 10.20.1.255 scope global ens192
        this line is not ip output
               valid_lft forever preferred_lft forever
            inet 10.20.1.23/99 scope global ens192
        default via 10.20.1.254 dev ens192
        10.21.0.0/16 via banana dev ens192
        nexthop via 10.20.1.9 dev ens192
        %%%%
        10.22.0.0/16 via 10.20.1.24 dev ens192 proto bird
        """
        let snapshot = try loadCapture(text)
        // Line 9's next hop has no route left to belong to.
        #expect(snapshot.warnings.compactMap(\.line) == [4, 6, 8, 9, 10])
        #expect(snapshot.address("10.20.1.22")?.validLifetime == .max, "the block survives the garbage line")
        #expect(snapshot.route("0.0.0.0/0")?.gateway == IPAddress("10.20.1.254"))
        #expect(snapshot.route("10.22.0.0/16")?.proto == .bird)
        #expect(snapshot.route("10.21.0.0/16") == nil, "a route without its gateway would mislead")
    }

    @Test func windowsLineEndsAndNoBreakSpacesFromWebPages() throws {
        let text = "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default\r\n"
            + "\u{A0}\u{A0}\u{A0}\u{A0}link/ether 00:50:56:95:32:45 brd ff:ff:ff:ff:ff:ff\r\n"
            + "inet\u{A0}10.20.1.22/24 scope global eth0\r\n"
            + "default via 10.20.1.254 dev eth0\u{A0}proto static\r\n"
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.link(named: "eth0")?.address?.description == "00:50:56:95:32:45")
        #expect(snapshot.address("10.20.1.22")?.label == "eth0")
        #expect(snapshot.route("0.0.0.0/0")?.proto == .static)
    }

    @Test func nothingReadableIsAnError() {
        #expect(throws: CaptureError.self) { try loadCapture("hello\nworld\n") }
    }

    /// A big paste loads whole: 100,000 lines whose prefixes repeat after 65,536 keep one route
    /// per kernel key (speed is measured by scripts/bench, not here).
    @Test func aHundredThousandLinesLoadWithRepeatsFolded() throws {
        var text = "root@gw:~# ip route\n"
        text.reserveCapacity(6_000_000)
        for index in 0..<100_000 {
            text += "10.\(index >> 8 & 0xff).\(index & 0xff).0/24 via 10.20.1.\(index % 200 + 1) dev eth0 proto bird metric 20\n"
        }
        let snapshot = try loadCapture(text)
        #expect(snapshot.routes.count == 65_536)
        #expect(snapshot.warnings.isEmpty)
    }
}
