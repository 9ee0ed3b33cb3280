import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
@testable import PodRouteProbe

/// Probes and state traces through a `SiteLab`, always from the office namespace.
enum LabProbing {
    static let pod = "10.21.69.212"
    static let podAddress = IPAddress(pod)!
    /// office -> gw -> node1 -> node2 -> pod once gw routes 10.21.0.0/16 via node1.
    static let pathViaNode1 = ["192.168.50.1", "10.20.1.22", "10.20.1.24", pod]

    /// A probe run from the office to the pod on node2 (at most 8 hops, as lab.traceroute).
    static func probe(_ lab: SiteLab, _ method: ProbeMethod, count: Int = 3) throws -> ProbeResult {
        var options = ProbeOptions()
        options.maxHops = 8
        options.probesPerHop = count
        options.interval = .milliseconds(10)
        return try Prober(destination: podAddress, method: method, options: options, namespace: lab.namespace(.office)).run()
    }

    /// The first address that answered at each hop, nil for a silent one: lab.traceroute's shape.
    static func path(_ result: ProbeResult) -> [String?] {
        result.hops.map { $0.responders.first?.description }
    }

    /// The state trace from the office to the pod over snapshots read live from each lab host.
    static func stateTrace(_ lab: SiteLab) throws -> (TraceResult, Site) {
        let hosts = try [LabHost.office, .gw, .node1, .node2].map { host in
            let snapshot = try NetlinkSnapshotReader.snapshot(namespace: lab.namespace(host), names: .iproute2Defaults,
                                                              host: host.rawValue)
            return SiteHost(name: host.rawValue, snapshot: snapshot)
        }
        let site = Site(hosts: hosts)
        return (PathTracer(site: site).trace(to: podAddress, from: LabHost.office.rawValue), site)
    }

    /// Loads an nft ruleset into a lab host's namespace (never the root namespace).
    static func nft(_ lab: SiteLab, on host: LabHost, _ ruleset: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(lab.namespace(host))-\(UUID().uuidString).nft")
        try ruleset.write(to: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try lab.run(on: host, "nft", "-f", file.path).succeeded()
    }

    static var nftInstalled: Bool {
        ["/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
