import PodRouteCore
import Testing

@Suite("CIDR candidates")
struct CandidateTests {
    typealias F = PlanFixtures

    @Test func nodesTablesGiveEachBlockWithItsOwnerThePoolEstimateAndAssumedServices() {
        let site = Site(hosts: [F.node1, F.node2, SiteHost(name: "gw", snapshot: F.gateway())])
        let found = SiteCandidates.candidates(of: site).map { "\($0.cidr) \($0.kind.rawValue) \($0.node ?? "-") \($0.nodeIP.map { "\($0)" } ?? "-")" }
        #expect(found == ["10.21.0.0/16 pod-pool - -", "10.21.69.192/26 pod-block node2 10.20.1.24",
                          "10.21.230.0/26 pod-block node1 10.20.1.22", "10.96.0.0/12 service - -"])
        #expect(SiteCandidates.candidates(of: site).last?.source.hasPrefix("assumed: kubeadm's default service CIDR") == true)
        let block = SiteCandidates.candidates(of: site).first { $0.cidr == F.prefix("10.21.230.0/26") }
        #expect(block?.source == "local-block blackhole on node1; remote-block route on node2 via 10.20.1.22")
    }

    @Test func serviceCIDRsSayWhereTheyCameFrom() {
        let known = SiteHost(name: "node1", snapshot: F.node1.snapshot, role: .node,
                             hints: ClusterHints(serviceCIDRs: [F.prefix("10.43.0.0/16")]))
        let services = SiteCandidates.candidates(of: Site(hosts: [known]), serviceSource: "site file service_cidrs")
            .filter { $0.kind == .service }
        #expect(services == [RouteCandidate(cidr: F.prefix("10.43.0.0/16"), kind: .service, source: "site file service_cidrs")])
    }

    @Test func kubectlOutputGivesPoolsBlocksNodeCIDRsAndServices() throws {
        var reading = KubectlInventory.Reading()
        let pools = try JSONValue.parse(#"{"items":[{"metadata":{"name":"default-ipv4-ippool"},"spec":{"cidr":"10.21.0.0/16"}},{"metadata":{"name":"off"},"spec":{"cidr":"10.99.0.0/16","disabled":true}},{"spec":{}}]}"#)
        KubectlInventory.ipPools(pools, source: "kubectl get ippools", into: &reading)
        let affinities = try JSONValue.parse(#"{"items":[{"spec":{"cidr":"10.21.230.0/26","node":"node1","state":"confirmed"}},{"spec":{"cidr":"10.21.1.0/26","node":"node3","state":"pendingDeletion"}}]}"#)
        KubectlInventory.blockAffinities(affinities, source: "kubectl get blockaffinities", into: &reading)
        let nodes = try JSONValue.parse(#"{"items":[{"metadata":{"name":"node1"},"spec":{"podCIDR":"10.244.1.0/24"},"status":{"addresses":[{"type":"Hostname","address":"node1"},{"type":"InternalIP","address":"10.20.1.22"}]}}]}"#)
        KubectlInventory.nodes(nodes, source: "kubectl get nodes", into: &reading)
        let kubeadm = try JSONValue.parse(#"{"data":{"ClusterConfiguration":"networking:\n  podSubnet: 10.21.0.0/16\n  serviceSubnet: \"10.96.0.0/12,fd00:96::/108\"\n"}}"#)
        KubectlInventory.kubeadmConfig(kubeadm, source: "kubectl get configmap kubeadm-config", into: &reading)
        let merged = RouteCandidate.merged(RouteCandidate.withNodeAddresses(reading.candidates, reading.nodeAddresses))
        #expect(merged.map { "\($0.cidr) \($0.kind.rawValue) \($0.node ?? "-") \($0.nodeIP.map { "\($0)" } ?? "-")" } == [
            "10.21.0.0/16 pod-pool - -", "10.21.230.0/26 pod-block node1 10.20.1.22", "10.244.1.0/24 node-podcidr node1 10.20.1.22",
            "10.96.0.0/12 service - -", "fd00:96::/108 service - -",
        ])
        #expect(merged[0].source == "kubectl get ippools (IPPool default-ipv4-ippool); kubectl get configmap kubeadm-config (kubeadm podSubnet)")
        #expect(reading.notes == ["kubectl get ippools: item 2 has no readable spec.cidr; it is left out"])
    }

    /// A source whose own text holds "; " is still recognised when it comes again.
    @Test func mergingNamesEachSourceOnce() {
        let service = F.prefix("10.96.0.0/12")
        let assumed = "assumed: kubeadm's default service CIDR; give --service-cidr"
        let merged = RouteCandidate.merged([
            RouteCandidate(cidr: service, kind: .service, source: assumed),
            RouteCandidate(cidr: service, kind: .service, source: "kubectl get svc"),
            RouteCandidate(cidr: service, kind: .service, source: assumed),
        ])
        #expect(merged.map(\.source) == [assumed + "; kubectl get svc"])
    }
}
