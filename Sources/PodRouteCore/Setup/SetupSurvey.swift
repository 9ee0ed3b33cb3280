/// What the guided setup finds before it proposes anything: which host the routes are for and
/// what it is, a pod and a service address, and how a packet to each fares now from the
/// office (a site's workstation) or this host. Pure: it reads only the site's snapshots.
public struct SetupSurvey: Sendable {
    /// One traced address and its verdict.
    public struct Check: Sendable {
        /// `pod default/web-1 on node2`, `service`.
        public var label: String
        public var address: IPAddress
        public var result: TraceResult
    }

    /// The host the routes are planned for (the gateway).
    public let target: String
    public let evidence: HostRoleEvidence
    /// The target's role: the site's (given or detected), else the evidence's.
    public let targetRole: HostRole
    /// Every host of the site with what it is (one line each; the target's included).
    public let hosts: [(name: String, evidence: HostRoleEvidence)]
    /// Where the traces start.
    public let traceFrom: String
    /// A pod to trace and to probe after apply (a workload route on a node), nil when none is known.
    public let pod: (address: IPAddress, label: String)?
    public let checks: [Check]

    /// `target`: the host shown (routes are planned there); `traceFrom`: where packets start.
    /// The first address of the nodes' first service CIDR is traced as the service.
    public init(site: Site, target: String, traceFrom: String) {
        self.target = target
        self.traceFrom = traceFrom
        // Site files with no host are refused when read; a site always has one.
        precondition(!site.hosts.isEmpty, "a setup survey needs a site with at least one host")
        hosts = site.hosts.map { ($0.name, HostRoleEvidence($0.classifier)) }
        evidence = (hosts.first { $0.name == target } ?? hosts[0]).evidence
        // The site file's `role:` wins over detection, as it does for the gateway's choice.
        targetRole = site.host(named: target)?.role ?? evidence.role
        pod = Self.knownPod(in: site)
        let tracer = PathTracer(site: site)
        var checks: [Check] = []
        if let pod { checks.append(Check(label: "pod \(pod.label)", address: pod.address,
                                         result: tracer.trace(to: pod.address, from: traceFrom))) }
        let services = site.hosts.filter { $0.role == .node }.flatMap(\.classifier.serviceCIDRs)
        if let service = services.first.flatMap(TraceTargets.address(in:)) {
            checks.append(Check(label: "service", address: service, result: tracer.trace(to: service, from: traceFrom)))
        }
        self.checks = checks
    }

    /// The gateway of a site: the first host detected (or named) as one.
    public static func gateway(in site: Site) -> String? {
        site.hosts.first { $0.role == .gateway }?.name
    }

    /// A pod of the site's nodes (a workload route), the first with a known name if any, as
    /// `default/web-0 on node1`.
    public static func knownPod(in site: Site) -> (address: IPAddress, label: String)? {
        var found: [(address: IPAddress, pod: PodReference?, host: String)] = []
        for host in site.hosts where host.role == .node {
            let pods = host.snapshot.routes.compactMap { route -> (address: IPAddress, pod: PodReference?, host: String)? in
                guard route.table == .main, route.destination.isHost, route.family == .inet else { return nil }
                let classification = host.classifier.classify(route)
                return classification.role == .workload ? (route.destination.address, classification.pod, host.name) : nil
            }
            found += pods.sorted { $0.address < $1.address }
        }
        guard let chosen = found.first(where: { $0.pod != nil }) ?? found.first else { return nil }
        let name = chosen.pod.map { Sanitizer.printable($0.description) + " " } ?? ""
        return (chosen.address, "\(name)on \(Sanitizer.printable(chosen.host))")
    }

    /// The routes belong on a gateway; on a node setup applies nothing.
    public var targetIsNode: Bool { targetRole == .node }

    /// What to do on a node: the plan needs the gateway's own table to be exact.
    public var nodeAdvice: String {
        "\(Sanitizer.printable(target)) is a node: the route for the pods belongs on the office's gateway, and its exact "
            + "commands need the gateway's table. Run podroute setup on the gateway, or with --site FILE naming it "
            + "(podroute plan --from a capture of it works too); the CIDRs and the strategy here are the ones to use there."
    }

    /// `UNREACHABLE at gw [no-route-on-gateway]`: a check's verdict in a line.
    public static func verdictLine(_ check: Check) -> String {
        let result = check.result
        let stop = result.hops.last.map { " at \(Sanitizer.printable($0.host))" } ?? ""
        let codes = result.findings.map(\.code.rawValue)
        let verdict = result.verdict.rawValue.uppercased() + (result.verdict == .reachable ? "" : stop)
        return "\(check.label) \(check.address): \(verdict)" + (codes.isEmpty ? "" : " [\(codes.joined(separator: ", "))]")
    }
}

/// The address `t` traces for a route: the prefix itself when it is one address, else the first
/// host address inside it (a /26 pod block: its first pod address). Nil for a default route,
/// which names no address worth tracing.
public enum TraceTargets {
    public static func address(in prefix: IPPrefix) -> IPAddress? {
        if prefix.isDefault { return nil }
        if prefix.isHost { return prefix.address }
        let network = prefix.address
        // The network address itself is rarely a host; the next one is (IPv4 below /31, IPv6 below /127).
        return prefix.length < network.family.bitWidth - 1 ? network.advanced(by: 1) : network
    }
}
