import PodRouteCore
@testable import PodRouteUI

/// A small site like the lab's, as captures an operator would paste (`ip -d link`, `ip addr`,
/// `ip route show table all`): office 192.168.50.10, gateway gw, and two Calico nodes whose pod
/// blocks reach each other over VXLAN (vxlan.calico, VNI 4096); the pod default/web-1 10.21.69.212
/// on node2. With `gatewayRoute`, gw routes 10.21.0.0/16 via node1: reachable, with Calico's
/// wrong-node return; without it, gw has no route to the pods.
enum TraceFixtures {
    static func site(gatewayRoute: Bool) -> SiteContext {
        let gw = gatewayRoute ? gwCapture : gwCapture.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("10.21.0.0/16") }.joined(separator: "\n")
        let captures = [("office", officeCapture), ("gw", gw), ("node1", node1Capture), ("node2", node2Capture)]
        let hosts = captures.map { name, text in
            var snapshot = try! CaptureReader.load(text: text, path: "captures/\(name).txt")
            if name == "node2" {
                snapshot = snapshot.replacing(pods: [PodReference(namespace: "default", name: "web-1", addresses: [IPAddress("10.21.69.212")!])])
            }
            return SiteHost(name: name, snapshot: snapshot)
        }
        return SiteContext(file: "/etc/podroute/lab.yaml", site: Site(hosts: hosts), unread: [])
    }

    /// The app on the site, showing `host`'s views.
    static func state(gatewayRoute: Bool = true, size: Size = Size(width: 120, height: 36), glyphs: Glyphs = .unicode,
                      host: String? = nil) -> AppState {
        var state = AppState(site: site(gatewayRoute: gatewayRoute), host: host,
                             configuration: AppConfiguration(glyphs: glyphs), size: size, now: Fixtures.clock)!
        _ = reduce(&state, .tick(Fixtures.clock))
        return state
    }

    static let officeCapture = """
        root@office:~# ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 02:50:00:00:00:10 brd ff:ff:ff:ff:ff:ff
            inet 192.168.50.10/24 brd 192.168.50.255 scope global eth0
        root@office:~# ip route show table all
        default via 192.168.50.1 dev eth0
        192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.10
        local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
        local 192.168.50.10 dev eth0 table local proto kernel scope host src 192.168.50.10
        """

    static let gwCapture = """
        root@gw:~# ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 02:50:00:00:00:01 brd ff:ff:ff:ff:ff:ff
            inet 192.168.50.1/24 brd 192.168.50.255 scope global eth0
        3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether 02:20:00:00:00:01 brd ff:ff:ff:ff:ff:ff
            inet 10.20.1.1/24 brd 10.20.1.255 scope global eth1
        root@gw:~# ip route show table all
        10.20.1.0/24 dev eth1 proto kernel scope link src 10.20.1.1
        10.21.0.0/16 via 10.20.1.22 dev eth1
        192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1
        local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
        local 10.20.1.1 dev eth1 table local proto kernel scope host src 10.20.1.1
        local 192.168.50.1 dev eth0 table local proto kernel scope host src 192.168.50.1
        """

    static let node1Capture = nodeCapture("node1", mac: "02:20:00:00:00:21", vtepMAC: "66:a3:48:c8:28:01", address: "10.20.1.22",
                                          tunnel: "10.21.230.0", block: "10.21.230.0/26",
                                          pod: (device: "cali1a2b3c4d5e6", address: "10.21.230.3"),
                                          remoteBlock: "10.21.69.192/26", remoteTunnel: "10.21.69.192")
    static let node2Capture = nodeCapture("node2", mac: "02:20:00:00:00:22", vtepMAC: "66:a3:48:c8:28:02", address: "10.20.1.24",
                                          tunnel: "10.21.69.192", block: "10.21.69.192/26",
                                          pod: (device: "calie5f6a7b8c9d", address: "10.21.69.212"),
                                          remoteBlock: "10.21.230.0/26", remoteTunnel: "10.21.230.0")

    /// A Calico VXLAN node as `ip -d link`, `ip addr` and `ip route show table all` print it: its
    /// own block (blackhole), one pod, and the other node's block via that node's VTEP.
    static func nodeCapture(_ name: String, mac: String, vtepMAC: String, address: String, tunnel: String, block: String,
                            pod: (device: String, address: String), remoteBlock: String, remoteTunnel: String) -> String {
        """
        root@\(name):~# ip -d link
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
            link/ether \(mac) brd ff:ff:ff:ff:ff:ff promiscuity 0
        3: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
            link/ether \(vtepMAC) brd ff:ff:ff:ff:ff:ff promiscuity 0
            vxlan id 4096 local \(address) dev eth0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300
        4: \(pod.device)@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default qlen 1000
            link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0
            veth
        root@\(name):~# ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
            link/ether \(mac) brd ff:ff:ff:ff:ff:ff
            inet \(address)/24 brd 10.20.1.255 scope global eth0
        3: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default qlen 1000
            link/ether \(vtepMAC) brd ff:ff:ff:ff:ff:ff
            inet \(tunnel)/32 scope global vxlan.calico
        4: \(pod.device)@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000
            link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netnsid 0
        root@\(name):~# ip route show table all
        default via 10.20.1.1 dev eth0
        10.20.1.0/24 dev eth0 proto kernel scope link src \(address)
        blackhole \(block) proto 80
        \(pod.address) dev \(pod.device) scope link
        \(remoteBlock) via \(remoteTunnel) dev vxlan.calico onlink
        local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1
        local \(address) dev eth0 table local proto kernel scope host src \(address)
        local \(tunnel) dev vxlan.calico table local proto kernel scope host src \(tunnel)
        """
    }
}
