/// Which destinations change their path: the kernel's lookup before and after the change for
/// addresses that matter (connected subnets, the SSH client, nodes, pods, the planned CIDRs).
public struct PathImpact: Sendable {
    public struct Probe: Hashable, Sendable {
        public var address: IPAddress
        /// What the address is: `pod default/web-0 on node1`, `your SSH client`.
        public var label: String

        public init(_ address: IPAddress, _ label: String) {
            self.address = address
            self.label = label
        }
    }

    public struct Change: Hashable, Sendable {
        public var probe: Probe
        public var before: PathDescription
        public var after: PathDescription
    }

    public let changes: [Change]
    public let unchanged: [Probe]

    public init(before: NetworkSnapshot, after: NetworkSnapshot, probes: [Probe]) {
        let old = RouteLookup(snapshot: before), new = RouteLookup(snapshot: after)
        var seen = Set<IPAddress>()
        var changes: [Change] = [], unchanged: [Probe] = []
        for probe in probes where seen.insert(probe.address).inserted {
            let was = PathDescription(old, probe.address), now = PathDescription(new, probe.address)
            if was == now { unchanged.append(probe) } else { changes.append(Change(probe: probe, before: was, after: now)) }
        }
        self.changes = changes
        self.unchanged = unchanged
    }

    /// The addresses worth probing on `target`: one in each connected subnet, the SSH client,
    /// the known nodes and pods, and one address inside each planned destination.
    public static func probes(target: NetworkSnapshot, session: SSHSession?, site: Site?, blocks: [RouteCandidate],
                              planned: [IPPrefix]) -> [Probe] {
        var probes: [Probe] = []
        for address in target.addresses where address.scope == .universe && !address.subnet.isHost {
            let sample = address.subnet.first.advanced(by: 1) == address.local
                ? address.subnet.first.advanced(by: 2) : address.subnet.first.advanced(by: 1)
            probes.append(Probe(sample, "a host on \(address.subnet) (\(Sanitizer.printable(target.deviceName(address.interface))))"))
        }
        if let session { probes.append(Probe(session.client, "your SSH client (\(session.variable))")) }
        var nodes: [IPAddress: String] = [:]
        for block in blocks { if let ip = block.nodeIP { nodes[ip] = block.node ?? nodes[ip] ?? "a node" } }
        for (address, node) in nodes.sorted(by: { $0.key < $1.key }) { probes.append(Probe(address, "node \(Sanitizer.printable(node))")) }
        if let site {
            for host in site.hosts where host.role == .node {
                for route in host.snapshot.routes where route.table == .main && route.destination.isHost {
                    let classification = host.classifier.classify(route)
                    guard classification.role == .workload else { continue }
                    let pod = classification.pod.map { "pod \(Sanitizer.printable($0.description))" } ?? "a pod"
                    probes.append(Probe(route.destination.address, "\(pod) on \(Sanitizer.printable(host.name))"))
                }
            }
        }
        for pod in target.pods { for address in pod.addresses { probes.append(Probe(address, "pod \(Sanitizer.printable(pod.description))")) } }
        for prefix in planned where !prefix.isHost {
            probes.append(Probe(prefix.first.advanced(by: 1), "an address in \(prefix)"))
        }
        return probes
    }
}
