import Testing
@testable import PodRouteCore

@Suite struct TextCaptureForwardingTests {
    @Test func netconfAndSysctlMerge() throws {
        let text = """
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            link/ether 00:50:56:95:32:45 brd ff:ff:ff:ff:ff:ff
        8: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default
            link/ether 66:8e:58:d7:de:6e brd ff:ff:ff:ff:ff:ff
        inet eth0 forwarding off rp_filter strict mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off
        inet all forwarding on rp_filter loose mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off
        inet6 default forwarding off mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off
        ipv4 dev vxlan.calico forwarding on rp_filter off mc_forwarding 0 proxy_neigh off
        net.ipv4.ip_forward = 1
        net.ipv4.conf.eth0.proxy_arp = 1
        net.ipv4.conf.vxlan/calico.rp_filter = 2
        net.ipv6.conf.all.forwarding=0
        net.ipv4.conf.all.accept_redirects = 0
        kernel.hostname = node1
        /proc/sys/net/ipv4/conf/cali7533706c752/proxy_arp:1
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        func entry(_ family: AddressFamily, _ scope: ForwardingConfig.Scope) -> ForwardingConfig? {
            snapshot.forwarding.first { $0.family == family && $0.scope == scope }
        }
        let eth0 = try #require(snapshot.link(named: "eth0")).index
        let vxlan = try #require(snapshot.link(named: "vxlan.calico")).index
        #expect(entry(.inet, .interface(eth0))?.reversePathFilter == .strict)
        #expect(entry(.inet, .interface(eth0))?.proxyNeighbour == true)
        #expect(entry(.inet, .all)?.forwarding == true && entry(.inet, .all)?.reversePathFilter == .loose)
        #expect(entry(.inet6, .defaults)?.forwarding == false)
        #expect(entry(.inet, .interface(vxlan))?.reversePathFilter == .loose && entry(.inet, .interface(vxlan))?.forwarding == true)
        #expect(entry(.inet6, .all)?.forwarding == false)
        let cali = try #require(snapshot.link(named: "cali7533706c752"))
        #expect(cali.isInferred && entry(.inet, .interface(cali.index))?.proxyNeighbour == true)
    }
}
