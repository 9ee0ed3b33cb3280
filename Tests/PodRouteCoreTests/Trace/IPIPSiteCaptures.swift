import PodRouteCore

/// A Calico IPIP site as pasted captures (the kernel here has no ipip, so IPIP is covered by
/// captures): office 192.168.50.10 -> gw (192.168.50.1 | 10.20.1.254, default to an ISP) ->
/// node1 10.20.1.22 (block 10.21.230.0/26, tunl0 10.21.230.0) and node2 10.20.1.24 (block
/// 10.21.69.192/26, tunl0 10.21.69.192, pod default/web-1 10.21.69.200 on cali0761ccbeace).
enum IPIPSite {
    static let office = """
        $ ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 52:54:00:00:50:10 brd ff:ff:ff:ff:ff:ff
            inet 192.168.50.10/24 brd 192.168.50.255 scope global eth0
        $ ip route
        default via 192.168.50.1 dev eth0 proto dhcp metric 100
        192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.10 metric 100
        """

    static func gateway(podRoute: String?) -> String {
        """
        $ ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 52:54:00:00:50:01 brd ff:ff:ff:ff:ff:ff
            inet 192.168.50.1/24 brd 192.168.50.255 scope global eth0
        3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 52:54:00:00:01:fe brd ff:ff:ff:ff:ff:ff
            inet 10.20.1.254/24 brd 10.20.1.255 scope global eth1
        4: wan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 52:54:00:00:71:02 brd ff:ff:ff:ff:ff:ff
            inet 203.0.113.2/30 brd 203.0.113.3 scope global wan0
        $ ip route
        default via 203.0.113.1 dev wan0 proto static
        10.20.1.0/24 dev eth1 proto kernel scope link src 10.20.1.254
        192.168.50.0/24 dev eth0 proto kernel scope link src 192.168.50.1
        203.0.113.0/30 dev wan0 proto kernel scope link src 203.0.113.2
        """ + (podRoute.map { "\n" + $0 } ?? "")
    }

    static func node(_ number: Int, address: String, tunnel: String, block: String, remoteBlock: String?,
                     remoteNode: String, pods: [(veth: String, ip: String)]) -> String {
        var lines = """
            $ ip addr
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                inet 127.0.0.1/8 scope host lo
            2: ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
                link/ether 00:50:56:95:32:\(40 + number) brd ff:ff:ff:ff:ff:ff
                inet \(address)/24 brd 10.20.1.255 scope global ens192
            5: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440 qdisc noqueue state UNKNOWN group default qlen 1000
                link/ipip 0.0.0.0 brd 0.0.0.0
                inet \(tunnel)/32 scope global tunl0

            """
        for (offset, pod) in pods.enumerated() {
            lines += """
                \(7 + offset): \(pod.veth)@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440 qdisc noqueue state UP group default
                    link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netnsid \(offset)

                """
        }
        lines += """
            $ ip route
            default via 10.20.1.254 dev ens192 proto static metric 100
            10.20.1.0/24 dev ens192 proto kernel scope link src \(address) metric 100
            blackhole \(block) proto bird

            """
        if let remoteBlock { lines += "\(remoteBlock) via \(remoteNode) dev tunl0 proto bird onlink\n" }
        for pod in pods { lines += "\(pod.ip) dev \(pod.veth) scope link\n" }
        return lines
    }

    static func node1(knowsNode2: Bool = true) -> String {
        node(1, address: "10.20.1.22", tunnel: "10.21.230.0", block: "10.21.230.0/26",
             remoteBlock: knowsNode2 ? "10.21.69.192/26" : nil, remoteNode: "10.20.1.24",
             pods: [("calie1a2b3c4d5f", "10.21.230.3")])
    }

    static let node2 = node(2, address: "10.20.1.24", tunnel: "10.21.69.192", block: "10.21.69.192/26",
                            remoteBlock: "10.21.230.0/26", remoteNode: "10.20.1.22",
                            pods: [("cali0761ccbeace", "10.21.69.200")])

    /// The site, with `gatewayRoute` (an `ip route` line) on gw when given.
    static func site(gatewayRoute: String? = nil, node1: String = node1()) throws -> Site {
        let web1 = PodReference(namespace: "default", name: "web-1", addresses: [IPAddress("10.21.69.200")!])
        return Site(hosts: [
            SiteHost(name: "office", snapshot: try CaptureReader.load(text: office, path: "office.txt")),
            SiteHost(name: "gw", snapshot: try CaptureReader.load(text: gateway(podRoute: gatewayRoute), path: "gw.txt"),
                     role: .gateway),
            SiteHost(name: "node1", snapshot: try CaptureReader.load(text: node1, path: "node1.txt")),
            SiteHost(name: "node2", snapshot: try CaptureReader.load(text: node2, path: "node2.txt").replacing(pods: [web1])),
        ])
    }
}
