import Glibc
import PodRouteCore
import PodRouteTesting

/// The node the differential tests build in a namespace pair: a Calico-style workload veth
/// whose peer is in the other namespace, a bridge with an enslaved veth, `vxlan.calico`, a
/// macvlan, a veth without carrier, an alias full of hostile characters, addresses with
/// labels, peers, lifetimes and metrics, routes of every type and rules of most selectors.
enum IPJSONFixture {
    /// ESC, a CSI sequence, C1 CSI, a newline, quotes, a backslash, a tab and a snowman.
    static let hostileAlias = "odd \"alias\" \\ tab\t\u{1b}[31mred\u{9b}2J\nline2 \u{2603}"

    static func build(in pair: JSONTestNamespace) throws {
        try pair.ipScript("""
            link set lo up
            link add calic440f455693 type veth peer name eth0 netns \(pair.peer)
            link add vpa type veth peer name vpb
            link add br0 type bridge
            link set vpb master br0
            link add dum0 type veth peer name up0 netns \(pair.peer)
            link set dum0 up
            link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.0.0.1 dev dum0
            link add mv0 link dum0 type macvlan mode bridge
            link property add dev vpa altname vpa-alt1
            link add vd0 type veth peer name vd1
            link set vd0 up
            link set calic440f455693 up
            link set vpa up
            link set vpb up
            link set br0 up
            link set vxlan.calico up
            link set mv0 up
            addr add 10.0.0.1/24 brd + dev dum0
            addr add 10.0.0.5/24 dev dum0 label dum0:1
            addr add 10.9.9.1 peer 10.9.9.2/32 dev vpa
            addr add 2001:db8::1/64 dev dum0 nodad
            addr add 2001:db8:1::1/64 dev dum0 noprefixroute nodad valid_lft 3000 preferred_lft 2000
            addr add 192.168.50.1/24 dev br0
            addr add 10.77.0.1/24 dev br0 metric 55
            addr add 169.254.1.1/32 dev calic440f455693 scope link
            route add 10.1.0.0/16 via 10.0.0.254 dev dum0 proto bird
            route add 10.2.0.0/16 via 10.0.0.254 dev dum0 proto 80 metric 100
            route add blackhole 10.3.0.0/16
            route add unreachable 10.4.0.0/16
            route add prohibit 10.5.0.0/16
            route add throw 10.93.0.0/16 table 100
            route add 10.6.0.0/16 nexthop via 10.0.0.253 dev dum0 weight 1 nexthop via 10.0.0.252 dev dum0 weight 3
            route add 10.94.0.0/16 nexthop via 10.0.0.250 dev dum0 onlink weight 2 nexthop via 10.0.1.1 dev vd0 onlink
            route add 10.7.0.0/16 via 172.16.0.1 dev dum0 onlink
            route add 10.8.0.1 dev calic440f455693 scope link
            route add 10.10.0.0/16 via 10.0.0.254 dev dum0 table 100
            route add default via 10.0.0.254 dev dum0 table 1000
            route add 10.11.0.0/16 via 10.0.0.254 dev dum0 mtu 1400 advmss 1360
            route add 10.12.0.0/16 via 10.0.0.254 dev dum0 mtu lock 1300 initcwnd 10
            route add 10.95.0.0/16 via 10.0.0.254 dev dum0 rtt 100ms rttvar 50ms rto_min 300ms features ecn congctl lock cubic hoplimit 64 quickack 1 window 1000
            route add 10.13.0.0/16 dev dum0 src 10.0.0.1 proto static
            route add 10.90.0.0/16 via inet6 fe80::1 dev dum0
            route add 10.92.0.0/16 via 10.0.0.254 dev dum0 realms 3/4 tos 0x10
            route add 10.97.0.0/16 dev vd0
            route add default via 10.0.0.254 dev dum0
            route add 2001:db8:5::/64 via 2001:db8::fe dev dum0 pref high
            route add blackhole 2001:db8:6::/64
            route add 2001:db8:7::/64 nexthop via 2001:db8::fd dev dum0 weight 1 nexthop via 2001:db8::fc dev dum0 weight 3
            route add 2001:db8:8::/64 via 2001:db8::fe dev dum0 table 1000 metric 50 mtu 1280
            route add 2001:db8:b::/64 from 2001:db8:a::/48 via 2001:db8::fe dev dum0
            route add default via 2001:db8::fe dev dum0 proto bird
            rule add fwmark 0x10/0xff lookup 100 priority 100
            rule add from 10.0.0.0/8 lookup 1000 priority 200
            rule add iif vpa lookup main priority 300
            rule add not to 10.50.0.0/16 lookup 100 priority 400
            rule add goto 32766 priority 500
            rule add from 10.0.0.0/8 suppress_prefixlength 0 lookup main priority 600
            rule add oif dum0 blackhole priority 700
            rule add ipproto tcp dport 80 sport 1000-2000 lookup 100 priority 800
            rule add uidrange 1000-2000 lookup 100 priority 900 protocol static
            rule add fwmark 0x20 lookup 100 priority 1000
            rule add priority 1100 nop
            rule add priority 1200 to 10.60.0.1 tos 0x10 iif nosuchdev lookup 100 realms 5/7
            rule add priority 1300 sport 53 dport 100-200 ipproto udp lookup 100 proto 99
            rule add priority 1400 from 10.0.0.1 fwmark 0x5/0xffffffff lookup 100 suppress_ifgroup 5
            -6 rule add from 2001:db8::/32 lookup 1000 priority 100
            -6 rule add fwmark 0x1 lookup 100 priority 200
            """)
        try pair.ip(["link", "set", "dev", "vpa", "alias", hostileAlias])
        try pair.ipPeer(["link", "set", "lo", "up"])
        try pair.ipPeer(["link", "set", "eth0", "up"])
        try pair.ipPeer(["link", "set", "up0", "up"])
    }

    /// The outputs the tests compare with, each as a capture section.
    struct Dumps {
        var addresses: String
        var routes: String
        var plainRoutes: String
        var rules4: String
        var rules6: String
        var plainRules4: String
        var plainRules6: String
        var routes6: String
        var addressesWithStats: String
        var netconf: String

        /// What must not change between two rounds (counters in `addressesWithStats` always do).
        var stableParts: [String] { [addresses, routes, plainRoutes, routes6] }
    }

    /// Every dump, taken again until two rounds agree: the kernel keeps adding IPv6 link-local
    /// addresses and their routes for a moment after links come up, and the comparisons need
    /// one consistent state across the separate `ip` runs.
    static func dump(_ pair: JSONTestNamespace) throws -> Dumps {
        var previous = try dumpOnce(pair)
        for _ in 0..<50 {
            usleep(100_000)
            let next = try dumpOnce(pair)
            if next.stableParts == previous.stableParts { return next }
            previous = next
        }
        return previous
    }

    private static func dumpOnce(_ pair: JSONTestNamespace) throws -> Dumps {
        Dumps(addresses: try pair.ip(["-j", "-d", "addr", "show"]),
              routes: try pair.ip(["-j", "-d", "route", "show", "table", "all"]),
              plainRoutes: try pair.ip(["-j", "route", "show", "table", "all"]),
              rules4: try pair.ip(["-j", "-d", "rule"]),
              rules6: try pair.ip(["-6", "-j", "-d", "rule"]),
              plainRules4: try pair.ip(["-j", "rule"]),
              plainRules6: try pair.ip(["-6", "-j", "rule"]),
              routes6: try pair.ip(["-6", "-j", "-d", "route", "show", "table", "all"]),
              addressesWithStats: try pair.ip(["-j", "-s", "-d", "addr", "show"]),
              netconf: try pair.ip(["-j", "netconf", "show"]))
    }

    /// Sections as an operator would paste them: each after its shell prompt.
    static func capture(_ sections: [(command: String, output: String)]) -> String {
        sections.map { "root@jsfixture:~# \($0.command)\n\($0.output)\n" }.joined()
    }
}
