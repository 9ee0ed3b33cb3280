import PodRouteCore

/// `podroute trace DEST --site FILE`: reads every host of the site (in parallel), follows the
/// packet from the starting host hop by hop and back, and prints the path with its findings.
struct SiteTrace {
    let destination: IPAddress
    let source: IPAddress?
    let mark: UInt32
    let options: SiteTraceOptions
    let hints: ClusterHints
    /// Probes to run beside the state trace (`--probe`), if asked for.
    var probe: TraceProbeOptions?

    struct Outcome {
        let site: Site
        let start: String
        let result: TraceResult
        /// One sentence per host that could not be read.
        let unread: [String]
        /// The probes and how they compare, with `--probe`.
        var probe: TraceProbeOutcome?
    }

    func run() throws -> Outcome {
        guard let path = options.site else { throw CLIFailure("--site FILE is needed for a site trace") }
        let file = try SiteFile.load(path)
        let read = SiteReader.read(file, names: IPNamesLoader.hostNames(), hints: hints)
        let start = try startHost(file: file, site: read.site, unread: read.failures)
        let result = PathTracer(site: read.site).trace(to: destination, from: start, source: source, mark: mark)
        var outcome = Outcome(site: read.site, start: start, result: result, unread: read.failures)
        if let probe, probe.isRequested {
            outcome.probe = Self.probe(probe, outcome: outcome, entry: file.hosts.first { $0.name == start })
        }
        return outcome
    }

    /// Probes from the starting host's namespace when the site reads it from one; otherwise
    /// from this machine, which the comparison then takes to stand where the starting host does.
    private static func probe(_ options: TraceProbeOptions, outcome: Outcome, entry: SiteFile.Entry?) -> TraceProbeOutcome {
        var namespace: String?
        var caveat: String?
        switch entry?.source {
        case .namespace(let name)?:
            namespace = name
        case .local?:
            break  // the starting host is this machine
        default:
            caveat = "the probes left from this machine, not from \(Sanitizer.printable(outcome.start)) (read from a capture or over ssh): the comparison holds where this machine sits where \(Sanitizer.printable(outcome.start)) does"
        }
        return TraceProbeOutcome.run(options, trace: outcome.result, site: outcome.site, namespace: namespace, caveat: caveat)
    }

    private func startHost(file: SiteFile, site: Site, unread: [String]) throws -> String {
        if let name = options.fromHost {
            guard file.hosts.contains(where: { $0.name == name }) else {
                let known = file.hosts.map { Sanitizer.printable($0.name) }.joined(separator: ", ")
                throw CLIFailure("\(file.path) has no host named '\(Sanitizer.printable(name))' (it has: \(known))")
            }
            guard site.host(named: name) != nil else {
                throw CLIFailure("cannot trace from \(Sanitizer.printable(name)): \(unread.first { $0.hasPrefix(name + ":") } ?? "it could not be read")")
            }
            return name
        }
        guard let first = site.hosts.first(where: { $0.role == .workstation }) ?? site.hosts.first else {
            throw CLIFailure("no host of \(file.path) could be read: \(unread.joined(separator: "; "))")
        }
        return first.name
    }
}
