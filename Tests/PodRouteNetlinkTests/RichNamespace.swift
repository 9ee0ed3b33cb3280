import Foundation
import PodRouteTesting
import Testing

/// A namespace dressed like a Calico/Flannel node: a workload veth whose peer lives in a second
/// namespace, an uplink with addresses of both families, a bridge with an enslaved veth, a vxlan,
/// a macvlan, an alias with an ESC byte, an altname, routes of every type and table, policy rules
/// and non-default forwarding settings.
final class RichNamespace {
    let node: TestNamespace
    let pod: TestNamespace
    /// The alias set on `uplink0`: contains ESC, which iproute2 prints JSON-escaped.
    static let alias = "edge\u{1b}[31mred"
    /// False when this kernel has no 8021q module (the vlan device was not created).
    private(set) var hasVLAN = false

    init(_ label: String) throws {
        node = try TestNamespace(label)
        pod = try TestNamespace(label + "-pod")
        // No IPv6 link-local addresses: their routes appear when DAD ends, racing the comparisons.
        try node.run("sysctl", "-qw", "net.ipv6.conf.default.addr_gen_mode=1")
        try node.ipBatch([
            "link add calic440f455693 type veth peer name eth0 netns \(pod.name)",
            "link set calic440f455693 up",
            "link add uplink0 type veth peer name uplink1",
            "link set uplink0 up",
            "link set uplink1 up",
            "link set dev uplink0 alias \(Self.alias)",
            "link property add dev uplink0 altname uplink-alt",
            "addr add 10.20.1.22/24 dev uplink0",
            "addr add 10.20.1.23/24 dev uplink0 label uplink0:1",
            "addr add 10.9.9.1 peer 10.9.9.2/32 dev uplink0",
            "addr add 2001:db8:1::22/64 dev uplink0 nodad",
            "link add br0 type bridge",
            "link add brport0 type veth peer name brport1",
            "link set brport0 master br0",
            "link set br0 up",
            "link set brport0 up",
            "link set brport1 up",
            "addr add 192.168.50.1/24 broadcast 192.168.50.255 dev br0",
            "link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.20.1.22 dev uplink0",
            "link set vxlan.calico up",
            "link add mv0 link uplink0 type macvlan mode bridge",
            // Kind data beyond the defaults: IPv6 endpoints, multicast group, options, STP, port settings.
            "link add vx6 type vxlan id 5 local 2001:db8:1::22 remote 2001:db8:1::99 dstport 4789 ttl 64 tos 0x10 flowlabel 0x1234 df set noudpcsum nolearning",
            "link add vxg type vxlan id 6 group 239.1.1.1 dev uplink0 dstport 8472 srcport 1000 2000 ageing 100 maxaddr 50 l2miss l3miss proxy",
            "link add vxe type vxlan external dstport 4790",
            "link add mvp link uplink1 type macvlan mode private",
            "link add br1 type bridge stp_state 1 forward_delay 400 ageing_time 1000 priority 100 group_fwd_mask 0x4000 mcast_snooping 0",
            "link add bp0 type veth peer name bp1",
            "link set bp0 master br1",
            "link set bp0 type bridge_slave cost 5 priority 7 hairpin on learning off group_fwd_mask 0x4001",
        ])
        hasVLAN = (try? node.ip("link add uplink0.10 link uplink0 type vlan id 10")) != nil
        try pod.ipBatch([
            "link set eth0 up",
            "addr add 10.21.0.5/32 dev eth0",
        ])
        try node.ipBatch(Self.routes + Self.rules)
        try node.ip("-6 rule add from 2001:db8::/32 table 100 pref 200")
        try node.run("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                     "net.ipv4.conf.uplink0.rp_filter=2", "net.ipv4.conf.uplink0.proxy_arp=1")
    }

    static let routes = [
        "route add 10.21.0.5 dev calic440f455693 scope link proto 80",
        "route add 10.30.0.0/24 via 10.20.1.1 dev uplink0 proto bird",
        "route add blackhole 10.21.0.0/26 proto 80",
        "route add unreachable 10.40.0.0/16",
        "route add prohibit 10.41.0.0/16",
        "route add throw 10.42.0.0/16 table 100",
        "route add 10.50.0.0/16 nexthop via 10.20.1.1 dev uplink0 weight 1 nexthop via 10.20.1.2 dev uplink0 weight 3",
        "route add 10.60.0.0/16 via 10.99.0.1 dev uplink0 onlink",
        "route add 10.70.0.0/16 via 10.20.1.1 dev uplink0 table 100 metric 50",
        "route add 10.71.0.0/16 via 10.20.1.1 dev uplink0 table 1000",
        "route add 10.80.0.0/16 via 10.20.1.1 dev uplink0 mtu 1400 advmss 1360",
        "route add 10.81.0.0/16 via 10.20.1.1 dev uplink0 mtu lock 1300",
        "route add 10.90.0.0/24 dev uplink0 src 10.20.1.22",
        "route add 10.91.0.0/24 via inet6 fe80::1 dev uplink0",
        "route add default via 10.20.1.1 dev uplink0 metric 100",
        "route add default via 10.20.1.1 dev uplink0 table 1000",
        "route add 2001:db8:2::/64 via 2001:db8:1::1 dev uplink0 pref high",
        "route add 2001:db8:3::/64 nexthop via 2001:db8:1::1 dev uplink0 weight 1 nexthop via 2001:db8:1::2 dev uplink0 weight 2",
        "route add blackhole 2001:db8:4::/64",
        "route add 2001:db8:5::/64 dev uplink0 metric 2048 table 100",
        "route add 2001:db8:6::/64 via 2001:db8:1::1 dev uplink0 expires 300",
        "route add default via 2001:db8:1::1 dev uplink0 proto bird",
    ]

    static let rules = [
        "rule add from 10.1.0.0/16 table 100 pref 100",
        "rule add fwmark 0x10/0xff table 1000 pref 101",
        "rule add not iif uplink0 table 100 pref 102",
        "rule add pref 103 goto 105",
        "rule add pref 105 table main suppress_prefixlength 0",
        "rule add to 10.2.0.0/16 oif uplink0 table 100 pref 106",
        "rule add pref 107 ipproto tcp dport 80 table 100",
        "rule add pref 108 uidrange 1000-2000 table 100",
        "rule add pref 109 fwmark 0x20 prohibit",
    ]
}

/// `ip -j ...` output parsed with JSONSerialization. iproute2 6.1 writes control characters inside
/// strings raw (an alias with ESC makes its JSON invalid), so they are escaped first.
func ipJSON(_ text: String) throws -> [[String: Any]] {
    var bytes: [UInt8] = []
    for byte in text.utf8 {
        if byte < 0x20 && byte != UInt8(ascii: "\n") {
            bytes += Array(String(format: "\\u%04x", byte).utf8)
        } else {
            bytes.append(byte)
        }
    }
    return try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
}
