import ArgumentParser
import PodRouteCore

struct CidrsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cidrs",
        abstract: "List the pod and service CIDRs a gateway may route, and where each was found.",
        discussion: """
            Pod blocks come from the nodes' own tables (a local-block blackhole is that node's block, \
            remote-block routes name other nodes' blocks and their next hops), from kubectl where it works \
            (Calico IPPools and BlockAffinities, nodes' podCIDR and InternalIP, ServiceCIDRs, kubeadm's \
            ClusterConfiguration), and service CIDRs from --service-cidr, the site's service_cidrs, or \
            kubeadm's default 10.96.0.0/12, labelled as assumed. kubectl runs read-only with your own \
            kubeconfig; when it is missing or fails, that is a note on standard error.
            """
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .long, help: ArgumentHelp("Read every host of a site file (YAML).", valueName: "FILE")) var site: String?
    @OptionGroup var kubectl: KubectlOptions
    @Flag(name: .long, help: "Print a JSON array of {\"cidr\", \"kind\", \"node\", \"nodeIP\", \"source\"}.") var json = false

    func run() throws {
        let loaded = try PlanInputs.load(source: source, site: site)
        var notes = loaded.failures
        let (candidates, kubectlNotes) = kubectl.merging(SiteCandidates.candidates(of: loaded.site, serviceSource: loaded.serviceSource))
        notes += kubectlNotes
        var errors = OutputBuffer(descriptor: 2)
        for note in notes { errors.line("note: \(Sanitizer.printable(note))") }
        errors.flush()
        var output = OutputBuffer()
        if json {
            output.line(Self.json(candidates))
        } else if candidates.isEmpty {
            output.line("no pod or service CIDRs found (read a node with --netns/--from or a site with --site)")
        } else {
            var table = TextTable(headers: ["CIDR", "KIND", "NODE", "NODE-IP", "SOURCE"])
            let rows = candidates.map { candidate in
                [candidate.cidr.description, candidate.kind.rawValue, candidate.node.map(Sanitizer.printable) ?? "-",
                 candidate.nodeIP?.description ?? "-", Sanitizer.printable(candidate.source)]
            }
            rows.forEach { table.measure($0) }
            output.line(table.headerLine)
            for row in rows { output.line(table.format(row)) }
        }
        output.flush()
    }

    static func json(_ candidates: [RouteCandidate]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for candidate in candidates {
            writer.beginObject()
            writer.member("cidr", candidate.cidr.description)
            writer.member("kind", candidate.kind.rawValue)
            if let node = candidate.node { writer.member("node", node) } else { writer.nullMember("node") }
            if let nodeIP = candidate.nodeIP { writer.member("nodeIP", nodeIP.description) } else { writer.nullMember("nodeIP") }
            writer.member("source", candidate.source)
            writer.endObject()
        }
        writer.endArray()
        return writer.text
    }
}

/// The hosts `cidrs` and `plan` read: a site file's, or the one snapshot the source options name.
struct PlanInputs {
    var site: Site
    var failures: [String]
    var serviceSource: String
    /// The single snapshot read from --netns/--from/--demo (or the live host), when no site.
    var snapshot: NetworkSnapshot?

    /// With a site and a source option both, the snapshot is read too and joins the site
    /// unless a site host has its name.
    static func load(source: SourceOptions, site path: String?) throws -> PlanInputs {
        let named = source.netns != nil || source.from != nil || source.demo
        if let path {
            let file = try SiteFile.load(path)
            let outcome = SiteReader.read(file, names: IPNamesLoader.hostNames(), hints: source.hints)
            let serviceSource = file.serviceCIDRs != nil ? "site file service_cidrs" : "--service-cidr"
            var inputs = PlanInputs(site: outcome.site, failures: outcome.failures, serviceSource: serviceSource)
            if named {
                let snapshot = try source.loadSnapshot()
                inputs.snapshot = snapshot
                if outcome.site.host(named: snapshot.host) == nil {
                    inputs.site = Site(hosts: outcome.site.hosts + [SiteHost(name: snapshot.host, snapshot: snapshot, hints: source.hints)])
                }
            }
            return inputs
        }
        let snapshot = try source.loadSnapshot()
        let host = SiteHost(name: snapshot.host, snapshot: snapshot, hints: source.hints)
        return PlanInputs(site: Site(hosts: [host]), failures: [], serviceSource: "--service-cidr", snapshot: snapshot)
    }
}
