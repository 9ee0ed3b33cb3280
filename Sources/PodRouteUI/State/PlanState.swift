import FoundationEssentials
import PodRouteCore

/// The Plan view's choices: which CIDRs, how to spread them, toward which next hops, in which
/// vendor's commands; and the preview computed from them for the host shown (the gateway).
public struct PlanSession: Sendable {
    /// Candidates read from the nodes (a site's, or this host's own blocks), then the typed ones.
    public internal(set) var candidates: [RouteCandidate] = []
    public internal(set) var selected: Set<IPPrefix> = []
    public internal(set) var cursor = TableCursor()
    public internal(set) var strategy: PlanRequest.Strategy = .perNode
    /// Typed with `:via`; empty means the nodes of the selected blocks.
    public internal(set) var vias: [IPAddress] = []
    /// Typed with `:via-dev`: a device-only next hop (a VPN or tunnel), instead of `vias`.
    public internal(set) var viaDevice: String?
    /// The format of the commands (on a site: of the routers without one of their own).
    public internal(set) var format: GatewayFormat = .linux
    /// On a site: formats picked with `f` for one router (over the site file's `format:`).
    public internal(set) var hostFormats: [String: GatewayFormat] = [:]
    /// On a site: every router of the path from the starting host that needs a route.
    public internal(set) var chain: ChainPreview?
    /// On a site: the router the preview, `f` and `y` are about (`n` picks; nil: all of them).
    public internal(set) var chainFocus: String?
    /// The draft for the current choices (nil: nothing selected yet); on a site, the shown
    /// host's part of `chain` (nil when it needs no route): what `a` applies.
    public internal(set) var preview: PlanPreview?
    /// A draft is computing off the loop (a big table).
    public internal(set) var pending = false
    /// The candidates are being read off the loop (big tables).
    public internal(set) var candidatesPending = false
    public internal(set) var candidatesGeneration = 0
    public internal(set) var generation = 0
    /// The host and data the candidates were read from: re-read when either changes.
    var candidatesKey: String?
    public internal(set) var previewScroll = 0

    public init() {}

    /// The candidates ticked, in the list's order.
    public var chosen: [RouteCandidate] { candidates.filter { selected.contains($0.cidr) } }

    /// The next hops the request uses: typed ones; per-node needs none (each block goes via its
    /// own node); an aggregate goes via the nodes of the selected blocks, else every known node (ECMP).
    public var effectiveVias: [IPAddress] {
        if viaDevice != nil { return [] }
        if !vias.isEmpty || strategy == .perNode { return vias }
        let own = unique(chosen.compactMap(\.nodeIP))
        return own.isEmpty ? unique(candidates.filter { $0.kind == .podBlock }.compactMap(\.nodeIP)) : own
    }

    private func unique(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen: Set<IPAddress> = []
        return addresses.filter { seen.insert($0).inserted }
    }

    /// One line saying why the strategy is (or is not) the recommended one.
    public var strategyWhy: String {
        switch strategy {
        case .perNode: "per-node (recommended): each block via its own node, so replies return the way requests came"
        case .aggregate: "aggregate: one route per CIDR; the entry node may differ from the pod's (asymmetric return)"
        }
    }
}

/// A computed preview: the draft and the commands of the chosen format.
public struct PlanPreview: Sendable {
    public var draft: GatewayPlanner.Draft
    public var format: GatewayFormat
    public var commands: RouteCommands?
    /// Why the commands could not be rendered for this format.
    public var commandError: String?

    public init(draft: GatewayPlanner.Draft, format: GatewayFormat) {
        self.draft = draft
        self.format = format
        guard !draft.hasErrors, !draft.operations.isEmpty else { return }
        do {
            commands = try GatewayScriptRenderer(format).commands(for: draft.operations, deviceNames: draft.deviceNames)
        } catch {
            commandError = "\(error)"
        }
    }

    /// The commands as one text (what `y` copies).
    public var commandText: String? {
        guard let commands else { return nil }
        return (commands.apply + [""] + ["# rollback"] + commands.rollback).joined(separator: "\n") + "\n"
    }

    /// Refusals must be overridden by typing `force` in the apply dialog.
    public var isRisky: Bool { !draft.refusals.isEmpty }
}

/// What the planner needs, held by value so it can run off the loop for a big table.
public struct PlanJob: Sendable {
    public let target: NetworkSnapshot
    public let request: PlanRequest
    public let session: SSHSession?
    public let site: Site?
    public let format: GatewayFormat

    public init(target: NetworkSnapshot, request: PlanRequest, session: SSHSession?, site: Site?, format: GatewayFormat) {
        self.target = target
        self.request = request
        self.session = session
        self.site = site
        self.format = format
    }

    public func run() -> PlanPreview {
        let probes = PathImpact.probes(target: target, session: session, site: site, blocks: request.blocks,
                                       planned: request.cidrs)
        let draft = GatewayPlanner(target: target).plan(request, session: session, probes: probes)
        return PlanPreview(draft: draft, format: format)
    }
}

/// The apply dialog: the exact changes again, Cancel by default, `force` typed for risky plans.
public struct ApplyDialog: Hashable, Sendable {
    public enum Choice: Hashable, Sendable { case cancel, apply }

    public var choice: Choice = .cancel
    /// What the operator typed (risky plans need `force`).
    public var typed = LineEditor()
    public let preview: PlanPreview
    public let targetName: String
    /// `netns gw` or `this host`.
    public let targetDescription: String
    public let namespace: String?
    public let confirmWithin: Int
    /// The plan generation shown: two dialogs are the same when they show the same draft.
    public let planGeneration: Int
    /// On a site: where this host stands among the routers that need a route.
    public var order: ChainOrder?

    public init(preview: PlanPreview, planGeneration: Int, targetName: String, targetDescription: String, namespace: String?,
                confirmWithin: Int) {
        self.preview = preview
        self.planGeneration = planGeneration
        self.targetName = targetName
        self.targetDescription = targetDescription
        self.namespace = namespace
        self.confirmWithin = confirmWithin
    }

    public static func == (a: ApplyDialog, b: ApplyDialog) -> Bool {
        a.choice == b.choice && a.typed == b.typed && a.planGeneration == b.planGeneration && a.targetName == b.targetName
            && a.namespace == b.namespace && a.confirmWithin == b.confirmWithin && a.order == b.order
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(choice)
        hasher.combine(typed)
        hasher.combine(planGeneration)
        hasher.combine(targetName)
    }

    public var forceTyped: Bool { typed.text == "force" }
    /// Refusals to override, or routers nearer the cluster still to do: `force` must be typed.
    public var needsForce: Bool { preview.isRisky || order?.outOfOrder == true }
    /// Apply may run: safe, or risky with `force` typed.
    public var canApply: Bool { !needsForce || forceTyped }
}

/// What the executable applies: the draft, for the host and namespace it was computed on.
public struct ApplyOrder: Sendable {
    public let draft: GatewayPlanner.Draft
    public let target: PlanTarget
    /// nil: the live host podroute runs on.
    public let namespace: String?
    public let forced: Bool
    public let confirmWithin: Int

    public init(draft: GatewayPlanner.Draft, target: PlanTarget, namespace: String?, forced: Bool, confirmWithin: Int) {
        self.draft = draft
        self.target = target
        self.namespace = namespace
        self.forced = forced
        self.confirmWithin = confirmWithin
    }
}

/// A change applied from this session, as the journal reports it (the UI does not read the journal itself).
public struct ChangeStatus: Hashable, Sendable {
    public var id: String
    /// `pending`, `confirmed`, `reverted`, `rolled-back`, ... (the journal's words).
    public var state: String
    public var deadline: Date
    /// Where the journal entries live.
    public var journal: String
    /// A final outcome in words (`reverted by the guardian at 14:03:12, verified`).
    public var detail: String?

    public init(id: String, state: String, deadline: Date, journal: String, detail: String? = nil) {
        self.id = id
        self.state = state
        self.deadline = deadline
        self.journal = journal
        self.detail = detail
    }

    public var isPending: Bool { state == "pending" }
}

/// What the loop does with a pending change.
public enum ChangeAction: Hashable, Sendable {
    case confirm(String)
    case extend(String, seconds: Int)
    case revert(String)
    /// Re-read the journal (at the deadline: what did the guardian do?).
    case status(String)
}
