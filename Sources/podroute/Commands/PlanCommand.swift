import ArgumentParser
import FoundationEssentials
import PodRouteCore

/// `PodRouteCore.PlanRequest` is spelled out: this module has its own `PlanRequest` (a plan file
/// loaded for apply).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Stage gateway routes for pod and service CIDRs and preview them; nothing is applied.",
        discussion: """
            Prints the checks, the target's routes before and after as a diff, the destinations whose path \
            changes, and the exact commands with their rollback. -o writes the plan (JSON, for review and \
            'podroute apply'). With --site and --from-host, plans every router on the path from that host \
            to the cluster that lacks a route, nearest the cluster first, each in its site file `format:` \
            (else --format). \
            Exit status 0: planned; 1: refused by a check (lockout, overlap, shadowing, replacing a route; \
            --force overrides); 2: an error no flag overrides (host bits, an unreachable next hop, bad input).
            """
    )

    @OptionGroup var source: SourceOptions
    @Option(name: .long, help: ArgumentHelp("A CIDR to route (repeatable).", valueName: "CIDR")) var cidr: [String] = []
    @Option(name: .long, help: ArgumentHelp("A next hop: a node's address (repeat for ECMP).", valueName: "IP")) var via: [String] = []
    @Option(name: .customLong("via-dev"), help: ArgumentHelp("A device-only next hop (a VPN or tunnel: wg0, tun0).", valueName: "DEV"))
    var viaDevice: String?
    @Option(name: .long, help: ArgumentHelp("aggregate (one route per CIDR) or per-node (each node's blocks via that node).",
                                            valueName: "STRATEGY"))
    var strategy: String = "aggregate"
    @Option(name: .long, help: ArgumentHelp("A site file (YAML): the nodes and their blocks, and the routers for --from-host.",
                                            valueName: "FILE"))
    var site: String?
    @Option(name: .customLong("from-host"), help: ArgumentHelp("Plan every router on the path from this site host to the cluster.",
                                                              valueName: "NAME"))
    var fromHost: String?
    @Option(name: .long, help: ArgumentHelp("Commands for: \(PlanFormats.names.joined(separator: ", ")).", valueName: "F"))
    var format: String = "linux"
    @Flag(name: .long, help: "Plan despite the lockout guard and overlap or shadowing refusals (never despite errors).")
    var force = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the plan (JSON) to FILE, atomically.", valueName: "FILE"))
    var output: String?
    @Flag(name: .long, help: "Print the preview as JSON.") var json = false

    func run() throws {
        do {
            try plan()
        } catch let failure as CLIFailure {
            var errors = OutputBuffer(descriptor: 2)
            errors.line("Error: \(failure.description)")
            errors.flush()
            throw ExitCode(2)
        }
    }

    private func plan() throws {
        let request = try parseRequest()
        let renderer = try PlanFormats.renderer(named: format)
        guard fromHost == nil || site != nil else { throw CLIFailure("--from-host needs --site: the routers come from the site file") }
        if fromHost != nil, source.netns != nil || source.from != nil || source.demo {
            throw CLIFailure("--from-host plans the site's routers; --netns, --from and --demo name one target instead")
        }
        let inputs = try PlanInputs.load(source: source, site: site)
        let session = SSHSession(environment: ProcessInfo.processInfo.environment)
        let candidates = SiteCandidates.candidates(of: inputs.site, serviceSource: inputs.serviceSource)
        var fullRequest = request
        fullRequest.blocks = candidates.filter { $0.kind == .podBlock }
        var report = PlanReport(format: renderer.format, force: force, notes: inputs.failures)
        if let fromHost {
            let chain = GatewayChain(site: inputs.site).plan(from: fromHost, request: fullRequest, session: session)
            report.issues = chain.issues
            for step in chain.steps {
                guard let host = inputs.site.host(named: step.host) else { continue }
                let own = host.format.map { GatewayScriptRenderer($0) as any RouteCommandRenderer } ?? renderer
                report.hosts.append(.init(name: step.host, source: host.snapshot.source, draft: step.draft,
                                          format: own.format, commands: try commands(step.draft, own)))
            }
        } else {
            let target = try self.target(inputs)
            let probes = PathImpact.probes(target: target, session: session, site: inputs.site,
                                           blocks: fullRequest.blocks, planned: request.cidrs)
            let draft = GatewayPlanner(target: target).plan(fullRequest, session: session, probes: probes)
            report.hosts.append(.init(name: target.host, source: target.source, draft: draft, format: renderer.format,
                                      commands: try commands(draft, renderer)))
        }
        let status = report.status
        if status == .planned || (status == .refused && force), let output {
            report.written = try write(report, to: output)
        }
        var out = OutputBuffer()
        out.write(json ? report.json() + "\n" : report.text())
        out.flush()
        switch status {
        case .planned: return
        case .refused: if !force { throw ExitCode(1) }
        case .failed: throw ExitCode(2)
        }
    }

    private func parseRequest() throws -> PodRouteCore.PlanRequest {
        guard let chosen = PodRouteCore.PlanRequest.Strategy(rawValue: strategy) else {
            throw CLIFailure("--strategy \(Sanitizer.printable(strategy)): expected aggregate or per-node")
        }
        let cidrs = try cidr.map { text in
            do { return try IPPrefix.parse(text) } catch { throw CLIFailure("--cidr: \(error)") }
        }
        let vias = try via.map { text in
            guard let address = IPAddress(text.trimmingSpaces) else {
                throw CLIFailure("--via \(Sanitizer.printable(text)) is not an IPv4 or IPv6 address")
            }
            return address
        }
        return PodRouteCore.PlanRequest(cidrs: cidrs, vias: vias, viaDevice: viaDevice, strategy: chosen)
    }

    /// The one target: the snapshot the source options name, else the site's only gateway.
    private func target(_ inputs: PlanInputs) throws -> NetworkSnapshot {
        if let snapshot = inputs.snapshot { return snapshot }
        let gateways = inputs.site.hosts.filter { $0.role == .gateway }
        guard gateways.count == 1 else {
            throw CLIFailure("name the host to plan for with --netns or --from (the site has \(gateways.count) gateways), "
                             + "or plan the whole path with --from-host")
        }
        return gateways[0].snapshot
    }

    private func commands(_ draft: GatewayPlanner.Draft, _ renderer: any RouteCommandRenderer) throws -> RouteCommands? {
        guard !draft.hasErrors, !draft.operations.isEmpty else { return nil }
        do {
            return try renderer.commands(for: draft.operations, deviceNames: draft.deviceNames)
        } catch {
            throw CLIFailure("\(error)")
        }
    }

    /// One file for one target; for a chain, one per host (`plan-gw.json`), in the order to apply.
    private func write(_ report: PlanReport, to path: String) throws -> [String] {
        let now = Date()
        let version = PodRoute.configuration.version
        var written: [String] = []
        for host in report.hosts where !host.draft.operations.isEmpty {
            let file = fromHost == nil ? path : Self.path(path, host: host.name)
            let plan = host.draft.plan(target: PlanTarget(name: host.name, source: host.source), forced: force,
                                       createdAt: now, toolVersion: version)
            try FileAccess.writeAtomically(Array(RoutePlanJSON.text(plan).utf8), to: file, mode: 0o600)
            written.append(file)
        }
        return written
    }

    static func path(_ path: String, host: String) -> String {
        let safe = String(host.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true {
            return "\(path[..<dot])-\(safe)\(path[dot...])"
        }
        return "\(path)-\(safe)"
    }
}

/// The `--format` names and their renderers (every vendor format of `GatewayFormat`).
enum PlanFormats {
    static var names: [String] { GatewayFormat.allCases.map(\.rawValue) }

    static func renderer(named name: String) throws -> any RouteCommandRenderer {
        do {
            return GatewayScriptRenderer(try GatewayFormat(argument: name))
        } catch {
            throw CLIFailure("--format: \(error)")
        }
    }
}
