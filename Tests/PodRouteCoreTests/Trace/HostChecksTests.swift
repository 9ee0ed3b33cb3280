import PodRouteCore
import Testing

/// doctor's host checks over captured hosts: each check fires on the broken capture and stays
/// quiet on the healthy one.
@Suite("Host checks")
struct HostChecksTests {
    func host(_ name: String, _ text: String, role: HostRole? = nil, services: [String] = []) throws -> SiteHost {
        SiteHost(name: name, snapshot: try CaptureReader.load(text: text, path: "\(name).txt"), role: role,
                 hints: ClusterHints(serviceCIDRs: services.map { try! IPPrefix.parse($0) }))
    }

    @Test func aHealthyIPIPSiteHasNoFindings() throws {
        let findings = HostChecks.check(try IPIPSite.site(gatewayRoute: "10.21.0.0/16 via 10.20.1.22 dev eth1"))
        #expect(findings.isEmpty, "\(findings)")
    }

    /// tunl0 at 1480 leaves no room for IPIP's 20 bytes on a 1500 uplink; veths at 1500 exceed
    /// the 1440 tunnel.
    @Test func tunnelAndWorkloadMTUsAreCheckedAgainstTheUnderlay() throws {
        let tooBigTunnel = IPIPSite.node2.replacingOccurrences(of: "tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440",
                                                               with: "tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1490")
        let tunnel = HostChecks.check(try host("node2", tooBigTunnel))
        #expect(tunnel.contains { $0.code == .mtuMismatch && $0.message.hasPrefix("tunl0 has MTU 1490, but with its 20-byte header that exceeds ens192's 1500") })
        #expect(tunnel.contains { $0.fix == "set the tunnel MTU to 1480 (Calico: FELIX_IPINIPMTU or the installation's mtu)" })

        let bigVeths = IPIPSite.node2.replacingOccurrences(of: "cali0761ccbeace@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440",
                                                            with: "cali0761ccbeace@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500")
        let veths = HostChecks.check(try host("node2", bigVeths))
        #expect(veths.map(\.code) == [.mtuMismatch])
        #expect(veths.first?.message.contains("1 workload device(s) have an MTU above tunl0's 1440 (e.g. cali0761ccbeace 1500)") == true)
        #expect(HostChecks.check(try host("node2", IPIPSite.node2)).isEmpty)
    }

    @Test func aNodeWithPodsButNoBlackholeForItsBlock() throws {
        let noBlackhole = IPIPSite.node2.replacingOccurrences(of: "blackhole 10.21.69.192/26 proto bird\n", with: "")
        #expect(noBlackhole != IPIPSite.node2)
        let findings = HostChecks.check(try host("node2", noBlackhole))
        #expect(findings.map(\.code) == [.missingBlock])
        #expect(findings.first?.message.hasPrefix("node2 runs pods but has no blackhole for its own pod block") == true)
    }

    /// An office LAN numbered inside the service CIDR: both directions are ambiguous.
    @Test func aLANInsideTheServiceCIDROverlaps() throws {
        let office = IPIPSite.office.replacingOccurrences(of: "192.168.50.10/24 brd 192.168.50.255", with: "10.96.8.10/24 brd 10.96.8.255")
            .replacingOccurrences(of: "192.168.50", with: "10.96.8")
        let site = Site(hosts: [try host("office", office, services: ["10.96.0.0/12"]),
                                try host("node2", IPIPSite.node2, services: ["10.96.0.0/12"])])
        let findings = HostChecks.check(site)
        #expect(findings.map(\.code) == [.cidrOverlap], "\(findings)")
        #expect(findings.first?.message == "office's subnet 10.96.8.0/24 overlaps the cluster's 10.96.0.0/12: traffic for one of them goes to the other")
    }
}
