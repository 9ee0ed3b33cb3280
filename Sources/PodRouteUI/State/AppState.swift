import FoundationEssentials
import PodRouteCore

/// Settings fixed at start-up (from the command line and the environment).
public struct AppConfiguration: Sendable {
    /// Read-only unless `--write`: dangerous bindings are hidden and refused.
    public var readOnly: Bool
    /// UTF-8 box drawing, or ASCII (`--ascii`, a non-UTF-8 locale, NCURSES_NO_UTF8_ACS).
    public var glyphs: Glyphs
    /// How often live rates refresh (`-d SECONDS`).
    public var refreshInterval: Duration
    /// Added to UTC for the header clock (the loop reads the local zone once).
    public var utcOffsetSeconds: Int
    public var hints: ClusterHints
    /// Filters, sorts and snapshot preparation over more routes than this run off the loop
    /// (about 2 µs a route in a release build: 5,000 stay well inside a frame).
    public var inlineRouteLimit: Int
    /// Workload groups larger than this start folded.
    public var foldWorkloadsAbove: Int
    /// The operator's SSH session (SSH_CONNECTION): the plan's lockout guard protects its route.
    public var sshSession: SSHSession?
    /// Seconds an applied change waits for Enter (keep) before the guardian reverts it.
    public var confirmWithin: Int

    public init(readOnly: Bool = true, glyphs: Glyphs = .unicode, refreshInterval: Duration = .seconds(1),
                utcOffsetSeconds: Int = 0, hints: ClusterHints = ClusterHints(), inlineRouteLimit: Int = 5_000,
                foldWorkloadsAbove: Int = 20, sshSession: SSHSession? = nil, confirmWithin: Int = 120) {
        self.sshSession = sshSession
        self.confirmWithin = confirmWithin
        self.readOnly = readOnly
        self.glyphs = glyphs
        self.refreshInterval = refreshInterval
        self.utcOffsetSeconds = utcOffsetSeconds
        self.hints = hints
        self.inlineRouteLimit = inlineRouteLimit
        self.foldWorkloadsAbove = foldWorkloadsAbove
    }
}

/// What has focus in a table view.
public enum Focus: Hashable, Sendable {
    case table
    /// The detail pane, expanded; arrows scroll it, Esc goes back.
    case detail
}

/// The modes that take keys before the views do.
public enum Mode: Hashable, Sendable {
    case normal
    /// `original`: the filter before the prompt opened (Esc in the prompt restores it; the
    /// filter applies live while typing).
    case filterPrompt(LineEditor, original: RowFilter?)
    /// `options`: the candidates the last Tab found, shown under the prompt.
    case commandPrompt(LineEditor, options: [String])
    case help(HelpState)
    /// The Trace view's destination entry; `recalled`: the history entry shown (up/down).
    case traceEntry(LineEditor, recalled: Int?)
    /// A site's hosts, to pick one.
    case hostPicker(HostPicker)
    /// The apply confirmation (default Cancel).
    case applyDialog(ApplyDialog)
}

/// The help overlay's cursor.
public struct HelpState: Hashable, Sendable {
    public var selected: Int
    public var top: Int
    /// The view help was opened from (its actions run there).
    public var view: ViewID

    public init(view: ViewID) {
        selected = 0
        top = 0
        self.view = view
    }
}

/// A line for the status slot, cleared by the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = Sanitizer.printable(text)
        self.isError = isError
    }
}

/// Selection and scrolling of one table.
public struct TableCursor: Hashable, Sendable {
    /// Selected row.
    public var selected = 0
    /// First visible row.
    public var top = 0

    public init() {}

    /// Keeps the selection inside `count` rows and visible in `height` rows.
    public mutating func clamp(count: Int, height: Int) {
        selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        let height = max(1, height)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, count - height)))
    }
}

/// Everything the screen shows, changed only by `reduce`.
public struct AppState: Sendable {
    public let configuration: AppConfiguration
    public let registry: KeyRegistry

    // Source
    public private(set) var model: SnapshotModel
    public internal(set) var now: Date?
    public let startedAt: Date?

    // Views
    public internal(set) var view: ViewID = .interfaces
    public internal(set) var mode: Mode = .normal
    public internal(set) var focus: Focus = .table
    public internal(set) var detailScroll = 0
    public internal(set) var size: Size

    public internal(set) var interfaceCursor = TableCursor()
    public internal(set) var interfaceSort = SortOrder(InterfaceColumn.rank)
    public internal(set) var interfaceFilter: RowFilter?
    public internal(set) var workloadsCollapsed: Bool
    public private(set) var interfaceRows: InterfaceTable.Rows

    public internal(set) var routeCursor = TableCursor()
    public internal(set) var routeSort = SortOrder(RouteColumn.order)
    public internal(set) var routeFilter: RowFilter?
    public internal(set) var routeRows: RouteRows
    /// The generation of the latest route filter/sort request; older results are dropped.
    public internal(set) var routeGeneration = 0
    /// A route filter or sort is running off the loop.
    public internal(set) var routeJobPending = false
    public internal(set) var snapshotGeneration = 0
    /// A new snapshot is being prepared off the loop.
    public internal(set) var snapshotPending = false
    /// A prepared snapshot waiting for its filtered/sorted route rows: it replaces the model
    /// together with them, so the table never shows one snapshot's rows over another's routes.
    public internal(set) var pendingModel: SnapshotModel?

    // Live data
    public internal(set) var paused = false
    /// A snapshot that arrived while paused, applied on resume.
    public internal(set) var heldSnapshot: NetworkSnapshot?
    public internal(set) var rates = RateTracker()
    public internal(set) var refreshInterval: Duration

    public internal(set) var message: StatusMessage?
    /// The Trace view: destination, source host, result, selection.
    public internal(set) var trace = TraceSession()
    /// The hosts of `--site FILE`; nil on a single host.
    public internal(set) var site: SiteContext?
    /// The site host Interfaces and Routes show (nil on a single host).
    public internal(set) var currentHost: String?
    /// A route (store position) to select once the route rows (or the host's model) are ready.
    public internal(set) var pendingRouteFocus: Int?
    /// On a single host: the one-host site the last trace built (its lookup), while the snapshot holds.
    var singleHostSite: (generation: Int, site: Site)?
    /// The Plan view's choices and preview.
    public internal(set) var plan = PlanSession()
    /// The change applied from this session (the banner shows it while pending).
    public internal(set) var change: ChangeStatus?
    /// An apply or a banner action is running off the loop.
    public internal(set) var changeBusy = false
    /// A settled change's banner was seen (a key was pressed): it goes away.
    public internal(set) var changeAcknowledged = false
    /// The guided setup (`g`), shown over the Plan view while open.
    public internal(set) var setup: SetupWizard?
    /// The probe from the gateway to a pod before and after apply (the banner shows it).
    public internal(set) var verification: Verification?
    /// Stats samples seen, snapshots replaced: for the quit summary.
    public internal(set) var snapshotsApplied = 0

    public init(snapshot: NetworkSnapshot, configuration: AppConfiguration = AppConfiguration(),
                size: Size = Size(width: 100, height: 30), now: Date? = nil) {
        self.init(model: SnapshotModel(snapshot: snapshot, hints: configuration.hints), configuration: configuration,
                  size: size, now: now)
    }

    /// Opens on a site: Interfaces and Routes show `host` (by default the first host read).
    /// Nil when no host of the site could be read.
    public init?(site: SiteContext, host: String? = nil, configuration: AppConfiguration = AppConfiguration(),
                 size: Size = Size(width: 100, height: 30), now: Date? = nil) {
        guard let shown = host.flatMap({ site.site.host(named: $0) }) ?? site.site.hosts.first else { return nil }
        self.init(model: SnapshotModel(snapshot: shown.snapshot, hints: configuration.hints), configuration: configuration,
                  size: size, now: now, site: site)
        currentHost = shown.name
        if !site.unread.isEmpty {
            message = StatusMessage("\(site.unread.count) of \(site.unread.count + site.site.hosts.count) hosts not read: H lists them",
                                    isError: true)
        }
    }

    /// Starts from a model prepared elsewhere (off the loop, for a million routes).
    public init(model: SnapshotModel, configuration: AppConfiguration = AppConfiguration(),
                size: Size = Size(width: 100, height: 30), now: Date? = nil, site: SiteContext? = nil) {
        self.configuration = configuration
        let registry = configuration.readOnly ? KeyRegistry.standard.readOnly() : KeyRegistry.standard
        let live = site == nil && model.snapshot.source.isLive
        let sourced = live ? registry : registry.staticSource()
        self.registry = site == nil ? sourced.singleHost() : sourced
        self.site = site
        self.model = model
        self.now = now
        startedAt = now
        self.size = size
        refreshInterval = configuration.refreshInterval
        let workloads = model.snapshot.links.filter { model.role(of: $0).isWorkload }.count
        workloadsCollapsed = workloads > configuration.foldWorkloadsAbove
        interfaceRows = InterfaceTable.Rows(rows: [], matched: 0, total: 0)
        routeRows = .all(count: model.routeCount)
        rebuildInterfaceRows()
    }

    /// What the loop does first: start polling rates when the source is live.
    public var startupEffects: [Effect] {
        [.setRefreshInterval(isLive && !paused ? refreshInterval : nil)]
    }

    // MARK: Derived

    public var snapshot: NetworkSnapshot { model.snapshot }
    /// Whether the source changes by itself: a live host or namespace, never a site's snapshots.
    public var isLive: Bool { site == nil && model.snapshot.source.isLive }
    public var glyphs: Glyphs { configuration.glyphs }

    public var filter: RowFilter? {
        switch view {
        case .interfaces: interfaceFilter
        case .routes: routeFilter
        case .trace, .plan: nil
        }
    }

    /// The snapshot generation a trace runs on: the site's reads, or this host's snapshots.
    var traceDataGeneration: Int { site?.generation ?? snapshotsApplied }

    /// Where traces start unless the operator picks: the chosen host, the site's default, or this host.
    public var traceSource: String {
        if let site {
            if let chosen = trace.source, site.site.host(named: chosen) != nil { return chosen }
            return site.defaultSource ?? snapshot.host
        }
        return snapshot.host
    }

    /// The link of the selected Interfaces row, if it is a link.
    public var selectedLink: Link? {
        guard interfaceRows.rows.indices.contains(interfaceCursor.selected),
              case .link(let index, _) = interfaceRows.rows[interfaceCursor.selected] else { return nil }
        return model.snapshot.link(index)
    }

    /// The store position of the selected route.
    public var selectedRoutePosition: Int? {
        guard routeCursor.selected < routeRows.count else { return nil }
        return routeRows[routeCursor.selected]
    }

    public var selectedRoute: Route? { selectedRoutePosition.map { model.snapshot.routes[$0] } }

    mutating func rebuildInterfaceRows() {
        let selected = interfaceRows.rows.indices.contains(interfaceCursor.selected) ? interfaceRows.rows[interfaceCursor.selected] : nil
        interfaceRows = InterfaceTable.rows(model: model, rates: rates, filter: interfaceFilter, sort: interfaceSort,
                                            collapsed: workloadsCollapsed)
        // Keep the same link (or the group row) selected when it is still shown.
        if let selected {
            let match: Int? = switch selected {
            case .link(let index, _): interfaceRows.rows.firstIndex { if case .link(index, _) = $0 { true } else { false } }
            case .workloadGroup: interfaceRows.rows.firstIndex { if case .workloadGroup = $0 { true } else { false } }
            }
            if let match { interfaceCursor.selected = match }
        }
        interfaceCursor.clamp(count: interfaceRows.rows.count, height: Layout(state: self).tableRows)
    }

    mutating func replaceModel(_ model: SnapshotModel) {
        let previousRoute = selectedRoute
        self.model = model
        snapshotsApplied += 1
        rebuildInterfaceRows()
        routeRows = .all(count: model.routeCount)
        if pendingRouteFocus != nil {
            // Rows equal the store only without a filter or sort; otherwise they come later.
            if routeFilter == nil, routeSort == SortOrder(.order) { applyPendingRouteFocus() }
        } else if let previousRoute, model.routeCount <= configuration.inlineRouteLimit {
            // Find the same route again (same destination, table, type and metric).
            let routes = model.snapshot.routes
            if let position = routes.indices.first(where: { Self.sameRoute(routes[$0], previousRoute) }) {
                routeCursor.selected = position
            }
        }
        routeCursor.clamp(count: routeRows.count, height: Layout(state: self).tableRows)
    }
}
