import PodRouteCore

/// The hosts of a site file (`podroute --site FILE`): snapshots read at start and on `r`.
public struct SiteContext: Sendable {
    /// The site file as given on the command line.
    public var file: String
    public var site: Site
    /// One sentence per host that could not be read.
    public var unread: [String]
    /// Bumped on every read: a trace remembers the generation it ran on.
    public internal(set) var generation = 0
    /// A re-read is running off the loop.
    public internal(set) var reading = false

    public init(file: String, site: Site, unread: [String]) {
        self.file = file
        self.site = site
        self.unread = unread
    }

    /// `lab.yaml`: the header's short name of the file.
    public var fileName: String { Sanitizer.printable(file.split(separator: "/").last.map(String.init) ?? file) }

    /// Where a trace starts unless the operator picks a host: the first workstation, else the first host.
    public var defaultSource: String? {
        (site.hosts.first { $0.role == .workstation } ?? site.hosts.first)?.name
    }
}

/// A finished trace with what it ran over (route texts and the hop -> Routes jump need the hosts).
public struct TraceOutcome: Sendable {
    public let target: String
    public let from: String
    public let result: TraceResult
    public let site: Site
    /// The site (or, on a single host, the snapshot) generation it traced.
    public let dataGeneration: Int

    public init(target: String, from: String, result: TraceResult, site: Site, dataGeneration: Int) {
        self.target = target
        self.from = from
        self.result = result
        self.site = site
        self.dataGeneration = dataGeneration
    }
}

/// The Trace view's state: what was asked, the answer, the hop selected and the scroll.
public struct TraceSession: Sendable {
    /// The destination last asked for (as typed, sanitised).
    public internal(set) var target: String?
    /// The site host the packet starts from; nil: the site's default (or this host).
    public internal(set) var source: String?
    /// Destinations traced, oldest first (the entry's up/down).
    public internal(set) var history: [String] = []
    public internal(set) var outcome: TraceOutcome?
    /// The generation of the latest trace request; older results are dropped.
    public internal(set) var generation = 0
    public internal(set) var pending = false
    /// Index into the outcome's hops.
    public internal(set) var selectedHop = 0
    /// First diagram line shown.
    public internal(set) var scroll = 0

    public static let historyLimit = 50

    mutating func remember(_ target: String) {
        history.removeAll { $0 == target }
        history.append(target)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
    }
}

/// The host picker overlay: for the viewed host (`H`, `:host`) or the trace's source (`f`).
public struct HostPicker: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case view
        case traceSource
    }

    public var purpose: Purpose
    public var selected: Int

    public init(purpose: Purpose, selected: Int) {
        self.purpose = purpose
        self.selected = selected
    }
}
