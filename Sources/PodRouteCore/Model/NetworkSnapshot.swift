import FoundationEssentials

/// Everything podroute knows about one host at one moment: links, addresses, routes of every
/// table and both families, rules, forwarding settings, neighbours and FDB entries. Immutable;
/// changes produce a new one.
public struct NetworkSnapshot: Sendable {
    public let host: String
    public let capturedAt: Date?
    public let source: SnapshotSource
    public let links: [Link]
    public let addresses: [InterfaceAddress]
    public let routes: RouteStore
    public let rules: [Rule]
    public let forwarding: [ForwardingConfig]
    /// `ip neigh` (both families); nil when the source did not read them (older snapshots and
    /// captures), which the trace tells apart from "read, but no entry".
    public let neighbours: [Neighbour]?
    /// `bridge fdb`; nil when not read.
    public let fdb: [FDBEntry]?
    /// Pods known to run on this host (from kubectl data or a list), for naming workload devices.
    public let pods: [PodReference]
    /// iproute2's names for numbers, as on the host the snapshot describes.
    public let names: IPNames
    /// What a capture could not read, line by line.
    public let warnings: [CaptureWarning]

    private let linkPositions: [InterfaceIndex: Int]
    private let linkNames: [String: Int]
    private let neighbourPositions: [NeighbourKey: Int]
    private let fdbPositions: [FDBKey: [Int]]

    private struct NeighbourKey: Hashable {
        var device: InterfaceIndex
        var destination: IPAddress
    }

    private struct FDBKey: Hashable {
        var device: InterfaceIndex
        var address: LinkLayerAddress
    }

    public init(host: String, capturedAt: Date? = nil, source: SnapshotSource, links: [Link],
                addresses: [InterfaceAddress] = [], routes: RouteStore = RouteStore(), rules: [Rule] = [],
                forwarding: [ForwardingConfig] = [], neighbours: [Neighbour]? = nil, fdb: [FDBEntry]? = nil,
                pods: [PodReference] = [], names: IPNames = .iproute2Defaults, warnings: [CaptureWarning] = []) {
        self.host = host
        self.capturedAt = capturedAt
        self.source = source
        self.links = links
        self.addresses = addresses
        self.routes = routes
        self.rules = rules
        self.forwarding = forwarding
        self.neighbours = neighbours
        self.fdb = fdb
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
        var neighbourIndex: [NeighbourKey: Int] = [:]
        for (position, entry) in (neighbours ?? []).enumerated() {
            neighbourIndex[NeighbourKey(device: entry.device, destination: entry.destination)] = position
        }
        neighbourPositions = neighbourIndex
        var fdbIndex: [FDBKey: [Int]] = [:]
        for (position, entry) in (fdb ?? []).enumerated() {
            fdbIndex[FDBKey(device: entry.device, address: entry.linkLayerAddress), default: []].append(position)
        }
        fdbPositions = fdbIndex
    }

    /// The neighbour entry for `destination` on `device` (`ip neigh show to DEST dev DEV`).
    public func neighbour(_ destination: IPAddress, on device: InterfaceIndex) -> Neighbour? {
        neighbourPositions[NeighbourKey(device: device, destination: destination)].map { neighbours![$0] }
    }

    /// The FDB entries for `address` on `device` (a vxlan MAC may have several remotes: `append`).
    public func fdbEntries(_ address: LinkLayerAddress, on device: InterfaceIndex) -> [FDBEntry] {
        (fdbPositions[FDBKey(device: device, address: address)] ?? []).map { fdb![$0] }
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
                          neighbours: [Neighbour]? = nil, fdb: [FDBEntry]? = nil,
                          pods: [PodReference]? = nil, capturedAt: Date? = nil) -> NetworkSnapshot {
        NetworkSnapshot(host: host, capturedAt: capturedAt ?? self.capturedAt, source: source,
                        links: links ?? self.links, addresses: addresses ?? self.addresses,
                        routes: routes ?? self.routes, rules: rules ?? self.rules,
                        forwarding: forwarding ?? self.forwarding, neighbours: neighbours ?? self.neighbours,
                        fdb: fdb ?? self.fdb, pods: pods ?? self.pods, names: names, warnings: warnings)
    }
}

extension NetworkSnapshot {
    /// The same snapshot with more warnings (a source that could read only part of a host).
    public func adding(warnings more: [CaptureWarning]) -> NetworkSnapshot {
        NetworkSnapshot(host: host, capturedAt: capturedAt, source: source, links: links, addresses: addresses,
                        routes: routes, rules: rules, forwarding: forwarding, neighbours: neighbours, fdb: fdb,
                        pods: pods, names: names, warnings: warnings + more)
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
