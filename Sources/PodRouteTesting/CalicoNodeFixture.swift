import Foundation

/// A Calico-like node built in network namespaces, with every kind of device and route the
/// differential tests compare against iproute2: a workload veth `calic440f455693` whose peer
/// lives in a pod namespace, a bridge with an enslaved veth, `vxlan.calico` (with the
/// permanent neighbour and FDB entries of one remote VTEP), a macvlan, an
/// alias with an escape character and an altname; unicast, blackhole, unreachable, prohibit
/// and throw routes, multipath with weights, onlink, `proto bird` and `proto 80`, tables 100
/// and 1000, metrics, `mtu`/`advmss`, IPv6 with `pref`, and policy rules.
///
/// The kernel here has no dummy, ipip or wireguard devices; captures cover those.
public final class CalicoNodeFixture: Sendable {
    public let node: TestNamespace
    public let pod: TestNamespace

    public init(label: String = "node") throws {
        node = try TestNamespace(label)
        pod = try TestNamespace(label + "-pod")
        try build()
    }

    private func build() throws {
        let ip = { (arguments: String) throws -> Void in _ = try self.node.ip(arguments) }
        // No duplicate address detection: addresses are final at once, not `tentative` for a while.
        for namespace in [node, pod] {
            for scope in ["all", "default"] {
                _ = try namespace.run("sysctl", "-qw", "net.ipv6.conf.\(scope).accept_dad=0")
            }
        }
        try ip("link set lo up")
        // The uplink: a veth pair standing in for ens192, its other end enslaved to a bridge.
        try ip("link add ens192 type veth peer name uplink-br")
        try ip("link add br0 type bridge")
        try ip("link set uplink-br master br0")
        try ip("addr add 10.20.1.22/24 dev ens192")
        try ip("addr add 2001:db8:20:1::22/64 dev ens192 nodad")
        try node.ip(["link", "set", "ens192", "alias", "uplink \u{1b}[31mrack-b"])
        try ip("link property add dev ens192 altname enp11s0")
        for device in ["ens192", "uplink-br", "br0"] { try ip("link set \(device) up") }
        // Calico's VXLAN device and a pod's veth (its peer in the pod namespace).
        try ip("link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.20.1.22 dev ens192")
        try ip("addr add 10.21.230.1/32 dev vxlan.calico")
        try ip("link set vxlan.calico mtu 1450 up")
        try ip("link add calic440f455693 type veth peer name eth0 netns \(pod.name)")
        try ip("link set calic440f455693 up")
        // Felix's entries for the remote VTEP 10.21.12.64: its MAC, and the node behind that MAC.
        try ip("neigh add 10.21.12.64 lladdr 66:aa:bb:cc:dd:01 dev vxlan.calico nud permanent")
        _ = try node.run("bridge", "fdb", "append", "66:aa:bb:cc:dd:01", "dev", "vxlan.calico", "dst", "10.20.1.26")
        _ = try pod.ip("addr add 10.21.230.5/32 dev eth0")
        _ = try pod.ip("link set eth0 up")
        try ip("link add mv0 link ens192 type macvlan mode bridge")
        try ip("addr add 172.31.9.9/32 dev mv0")
        // Routes of every kind.
        try node.ipBatch([
            "route add default via 10.20.1.254 dev ens192",
            "route add 10.21.230.5 dev calic440f455693 scope link",
            "route add blackhole 10.21.230.0/26 proto bird",
            "route add 10.21.69.192/26 via 10.20.1.24 dev ens192 onlink proto bird",
            "route add 10.21.12.64/26 via 10.21.12.64 dev vxlan.calico onlink",
            "route add 10.96.0.0/12 via 10.20.1.4 metric 100 mtu 1400 advmss 1360 proto 80",
            "route add unreachable 10.99.0.0/16",
            "route add prohibit 10.98.0.0/16 table 100",
            "route add throw 10.98.5.0/24 table 100",
            "route add 10.97.0.0/16 table 1000 nexthop via 10.20.1.2 weight 1 nexthop via 10.20.1.3 weight 3",
            "route add 192.168.7.0/24 via 10.20.1.7 metric 300 table 1000",
            "route add 2001:db8:1::/64 via 2001:db8:20:1::2 pref high",
            "route add 2001:db8:2::/64 nexthop via 2001:db8:20:1::3 weight 2 nexthop via 2001:db8:20:1::4",
            "route add blackhole 2001:db8:3::/64",
            "rule add from 10.0.0.0/8 lookup 100 pref 100",
            "rule add fwmark 0x200000/0x200000 lookup 1000 pref 99",
            "rule add not from all iif ens192 lookup main suppress_prefixlength 0 pref 300",
            "rule add from 192.168.0.0/16 goto 32766 pref 400",
        ])
        try ip("-6 rule add from 2001:db8::/32 lookup 100 pref 200")
        try waitForCarrier()
    }

    /// Links come up asynchronously (a bridge gains carrier when its port does): wait until
    /// every link that is up has carrier, so two reads of the fixture agree.
    private func waitForCarrier() throws {
        for _ in 0..<50 {
            let links = try node.ip("-j link show")
            let waiting = links.contains("NO-CARRIER")
            if !waiting { return }
            usleep(100_000)
        }
        throw NetnsCommand.Failure(command: ["ip", "-n", node.name, "link"], status: -1,
                                   standardError: "links still without carrier after 5 s")
    }

    public func remove() throws {
        try node.remove()
        try pod.remove()
    }
}
