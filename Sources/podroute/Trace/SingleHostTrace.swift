import PodRouteCore

/// `podroute trace DEST` on one host: the snapshot's decision explained (PathTracer over a site
/// of this host alone) and, when the snapshot is live, the kernel's own answer beside it.
struct SingleHostTrace {
    let loaded: TraceSnapshot
    let hints: ClusterHints

    init(snapshot loaded: TraceSnapshot, hints: ClusterHints) {
        self.loaded = loaded
        self.hints = hints
    }

    func run(_ packet: TracePacket) throws -> SingleHostTraceReport {
        guard let destination = packet.destination else { throw CLIFailure("name a destination address") }
        let snapshot = loaded.snapshot
        try packet.check(against: snapshot)
        let host = SiteHost(name: snapshot.host, snapshot: snapshot, hints: hints)
        let site = Site(hosts: [host])
        let arrival = packet.inputInterface.flatMap { snapshot.link(named: $0)?.index }
        let result = PathTracer(site: site).trace(to: destination, from: host.name, source: packet.source,
                                                  mark: packet.mark, arrivingOn: arrival)
        var notes: [String] = []
        if let source = packet.source, packet.inputInterface == nil,
           !snapshot.addresses.contains(where: { $0.local == source }) {
            notes.append("\(source) is no address of \(Sanitizer.printable(host.name)): the kernel refuses to send from it (ENETUNREACH); add --iif DEV to trace a packet arriving from it")
        }
        if let martian = KernelRouteCheck.Expectation.martian(packet) {
            notes.append(martian + ": the kernel drops it before routing (EINVAL)")
        }
        var kernel: KernelRouteCheck?
        if let source = loaded.kernel, let hop = result.hops.first {
            kernel = try KernelRouteCheck.ask(packet, destination: destination, in: source, snapshot: snapshot,
                                              expected: .of(hop, snapshot: snapshot, packet: packet))
        }
        return SingleHostTraceReport(packet: packet, destination: destination, host: host, site: site,
                                     result: result, kernel: kernel, notes: notes)
    }
}

/// Everything a single-host trace found, for the text and JSON renderings.
struct SingleHostTraceReport {
    let packet: TracePacket
    let destination: IPAddress
    let host: SiteHost
    let site: Site
    let result: TraceResult
    /// nil for captures and the demo: there is no kernel to ask.
    let kernel: KernelRouteCheck?
    let notes: [String]

    /// The hop on this host (a one-host trace has exactly one forward hop).
    var hop: TraceHop? { result.hops.first }
    var snapshot: NetworkSnapshot { host.snapshot }
}
