import FoundationEssentials

/// Everything podroute knows about one host at one moment: links, addresses, routes of every
/// table and both families, rules and forwarding settings. Immutable; changes produce a new one.
public struct NetworkSnapshot: Sendable {
    public let host: String
    public let capturedAt: Date?
    public let source: SnapshotSource
    public let links: [Link]
    public let addresses: [InterfaceAddress]
    public let routes: RouteStore
    public let rules: [Rule]
    public let forwarding: [ForwardingConfig]
    /// Pods known to run on this host (from kubectl data or a list), for naming workload devices.
    public let pods: [PodReference]
    /// iproute2's names for numbers, as on the host the snapshot describes.
    public let names: IPNames
    /// What a capture could not read, line by line.
    public let warnings: [CaptureWarning]

    private let linkPositions: [InterfaceIndex: Int]
    private let linkNames: [String: Int]

    public init(host: String, capturedAt: Date? = nil, source: SnapshotSource, links: [Link],
                addresses: [InterfaceAddress] = [], routes: RouteStore = RouteStore(), rules: [Rule] = [],
                forwarding: [ForwardingConfig] = [], pods: [PodReference] = [],
                names: IPNames = .iproute2Defaults, warnings: [CaptureWarning] = []) {
        self.host = host
        self.capturedAt = capturedAt
        self.source = source
        self.links = links
        self.addresses = addresses
        self.routes = routes
        self.rules = rules
        self.forwarding = forwarding
        self.pods = pods
        self.names = names
        self.warnings = warnings
        var positions: [InterfaceIndex: Int] = [:]
        var byName: [String: Int] = [:]
        for (position, link) in links.enumerated() {
            positions[link.index] = position
            byName[link.name] = byName[link.name] ?? position
            for altName in link.altNames { byName[altName] = byName[altName] ?? position }
        }
        linkPositions = positions
        linkNames = byName
    }

    public func link(_ index: InterfaceIndex?) -> Link? {
        guard let index, let position = linkPositions[index] else { return nil }
        return links[position]
    }

    public func link(named name: String) -> Link? {
        linkNames[name].map { links[$0] }
    }

    /// The device name iproute2 would print for an index (`if7` when unknown).
    public func deviceName(_ index: InterfaceIndex) -> String {
        link(index)?.name ?? "if\(index.rawValue)"
    }

    public func addresses(of index: InterfaceIndex) -> [InterfaceAddress] {
        addresses.filter { $0.interface == index }
    }

    /// The rules of a family, in evaluation order; the kernel's defaults when a capture had none.
    public func effectiveRules(_ family: AddressFamily) -> [Rule] {
        let own = rules.filter { $0.family == family }
        return own.isEmpty ? Rule.defaults(family) : own.sorted { $0.priority < $1.priority }
    }

    /// The same snapshot with other contents; metadata is kept.
    public func replacing(links: [Link]? = nil, addresses: [InterfaceAddress]? = nil, routes: RouteStore? = nil,
                          rules: [Rule]? = nil, forwarding: [ForwardingConfig]? = nil,
                          pods: [PodReference]? = nil, capturedAt: Date? = nil) -> NetworkSnapshot {
        NetworkSnapshot(host: host, capturedAt: capturedAt ?? self.capturedAt, source: source,
                        links: links ?? self.links, addresses: addresses ?? self.addresses,
                        routes: routes ?? self.routes, rules: rules ?? self.rules,
                        forwarding: forwarding ?? self.forwarding, pods: pods ?? self.pods,
                        names: names, warnings: warnings)
    }
}

/// Where a snapshot came from; the UI and JSON say so.
public enum SnapshotSource: Hashable, Sendable, CustomStringConvertible {
    case live
    case namespace(String)
    case capture(path: String)
    case demo

    public var description: String {
        switch self {
        case .live: "live"
        case .namespace(let name): "netns \(name)"
        case .capture(let path): "capture \(path)"
        case .demo: "demo"
        }
    }

    /// Live sources change; captures are static.
    public var isLive: Bool {
        switch self {
        case .live, .namespace: true
        case .capture, .demo: false
        }
    }
}

/// A pod known to run on a host.
public struct PodReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public var addresses: [IPAddress]

    public init(namespace: String, name: String, addresses: [IPAddress] = []) {
        self.namespace = namespace
        self.name = name
        self.addresses = addresses
    }

    public var description: String { "\(namespace)/\(name)" }

    public static func < (a: Self, b: Self) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}

/// One thing a capture could not read.
public struct CaptureWarning: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the file; nil for whole-file remarks.
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
