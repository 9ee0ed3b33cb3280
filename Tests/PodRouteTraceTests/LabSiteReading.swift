import PodRouteCore
import PodRouteNetlink
import PodRouteTesting

/// The lab as podroute sees it: every host read live over rtnetlink in its namespace, the
/// nodes' pods attached, ready for the path tracer.
extension SiteLab {
    func site() throws -> Site {
        let hosts = try LabHost.allCases.map { host in
            var snapshot = try NetlinkSnapshotReader.snapshot(namespace: namespace(host), names: .iproute2Defaults,
                                                              host: host.rawValue)
            let pods = pods.filter { $0.node.host == host }
                .map { PodReference(namespace: $0.namespace, name: $0.name, addresses: [IPAddress($0.address)!]) }
            snapshot = snapshot.replacing(pods: pods)
            return SiteHost(name: host.rawValue, snapshot: snapshot)
        }
        return Site(hosts: hosts)
    }

    /// Traces from the office host to `destination` over the lab's current state.
    func trace(to destination: String, from host: LabHost = .office) throws -> TraceResult {
        PathTracer(site: try site()).trace(to: IPAddress(destination)!, from: host.rawValue)
    }
}

extension TraceResult {
    var hostPath: [String] { hops.map(\.host) }
    var codes: Set<FindingCode> { Set(findings.map(\.code)) }
}
