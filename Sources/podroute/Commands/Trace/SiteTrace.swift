import PodRouteCore

/// `podroute trace DEST --site FILE`: reads every host of the site (in parallel), follows the
/// packet from the starting host hop by hop and back, and prints the path with its findings.
struct SiteTrace {
    let destination: IPAddress
    let source: IPAddress?
    let mark: UInt32
    let options: SiteTraceOptions
    let hints: ClusterHints

    struct Outcome {
        let site: Site
        let start: String
        let result: TraceResult
        /// One sentence per host that could not be read.
        let unread: [String]
    }

    func run() throws -> Outcome {
        guard let path = options.site else { throw CLIFailure("--site FILE is needed for a site trace") }
        let file = try SiteFile.load(path)
        let read = SiteReader.read(file, names: IPNamesLoader.hostNames(), hints: hints)
        let start = try startHost(file: file, site: read.site, unread: read.failures)
        let result = PathTracer(site: read.site).trace(to: destination, from: start, source: source, mark: mark)
        return Outcome(site: read.site, start: start, result: result, unread: read.failures)
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
