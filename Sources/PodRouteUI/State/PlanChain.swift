import PodRouteCore

/// On a site, the Plan view plans every router on the path from the starting host that lacks a
/// route (`GatewayChain`, as `podroute plan --from-host` does): one preview per router, nearest
/// the cluster first, each in its own vendor format.
public struct ChainPreview: Sendable {
    public struct Step: Sendable {
        public var host: String
        public var preview: PlanPreview
    }

    /// The host the path starts from.
    public var start: String
    /// Nearest the cluster first: the order to apply them.
    public var steps: [Step]
    /// Problems of the chain as a whole (a path no route can fix).
    public var issues: [PlanIssue]
    /// The hosts the path crosses once every step is applied.
    public var path: [String]

    public var hasErrors: Bool {
        issues.contains { $0.severity == .error } || steps.contains { $0.preview.draft.hasErrors }
    }

    public func position(of host: String) -> Int? { steps.firstIndex { $0.host == host } }

    /// The same drafts with their commands in other formats (`f` changes only the commands).
    func reformatted(_ format: (String) -> GatewayFormat) -> ChainPreview {
        var copy = self
        copy.steps = steps.map { Step(host: $0.host, preview: PlanPreview(draft: $0.preview.draft, format: format($0.host))) }
        return copy
    }

    /// What `y` copies: each router's commands under a header naming it and its place in the order.
    func commandText(only host: String?) -> String? {
        let texts = steps.enumerated().compactMap { position, step -> String? in
            guard host == nil || step.host == host, let text = step.preview.commandText else { return nil }
            return "# step \(position + 1) of \(steps.count): \(Sanitizer.printable(step.host)) "
                + "(\(step.preview.format.rawValue))\(position == 0 ? ", nearest the cluster: apply first" : "")\n" + text
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }
}

/// What the chain planner needs, held by value so it can run off the loop for big tables.
public struct ChainJob: Sendable {
    public let site: Site
    public let start: String
    public let request: PlanRequest
    public let session: SSHSession?
    /// Each host's format (the operator's pick with `f`, else the site file's `format:`);
    /// `defaultFormat` for the others.
    public let formats: [String: GatewayFormat]
    public let defaultFormat: GatewayFormat

    public init(site: Site, start: String, request: PlanRequest, session: SSHSession?, formats: [String: GatewayFormat],
                defaultFormat: GatewayFormat) {
        self.site = site
        self.start = start
        self.request = request
        self.session = session
        self.formats = formats
        self.defaultFormat = defaultFormat
    }

    public func run() -> ChainPreview {
        let result = GatewayChain(site: site).plan(from: start, request: request, session: session)
        let steps = result.steps.map { step in
            ChainPreview.Step(host: step.host, preview: PlanPreview(draft: step.draft, format: formats[step.host] ?? defaultFormat))
        }
        return ChainPreview(start: start, steps: steps, issues: result.issues, path: result.path)
    }
}

/// Where the host the apply dialog changes stands in the chain: the routers to do by hand
/// before it (nearer the cluster) and after it.
public struct ChainOrder: Hashable, Sendable {
    public struct Router: Hashable, Sendable {
        public var host: String
        public var format: GatewayFormat
        /// 1-based, in the order to apply.
        public var step: Int
    }

    public var before: [Router]
    public var after: [Router]
    public var step: Int
    public var count: Int

    /// Applying this host while routers nearer the cluster still lack their route forwards the
    /// pods' traffic into a hole: the dialog asks for `force` typed.
    public var outOfOrder: Bool { !before.isEmpty }

    init?(chain: ChainPreview, host: String) {
        guard let position = chain.position(of: host) else { return nil }
        let routers = chain.steps.enumerated().map { Router(host: $0.element.host, format: $0.element.preview.format, step: $0.offset + 1) }
        before = Array(routers[..<position])
        after = Array(routers[(position + 1)...])
        step = position + 1
        count = routers.count
    }
}
