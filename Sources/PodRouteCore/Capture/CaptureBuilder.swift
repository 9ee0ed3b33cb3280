import FoundationEssentials

/// Collects what the sections of a capture say and resolves it into one snapshot: the same
/// link described twice (`ip addr` and `ip -d link`) is merged, device names become indexes,
/// devices known only by name become inferred links, duplicates keep the richest version.
public struct CaptureBuilder: Sendable {
    public var host: String?
    public var capturedAt: Date?
    public private(set) var warnings: [CaptureWarning] = []

    private var links: [Link] = []
    private var linkPositions: [InterfaceIndex: Int] = [:]
    private var addresses: [CapturedAddress] = []
    private var routes: [CapturedRoute] = []
    private var rules: [Rule] = []
    private var forwarding: [CapturedForwarding] = []
    private var pods: [PodReference] = []
    /// nil until a capture section lists neighbours (or FDB entries), even an empty list.
    private var neighbours: [CapturedNeighbour]?
    private var fdb: [CapturedFDBEntry]?
    private var names = IPNames.iproute2Defaults

    public init() {}

    public var isEmpty: Bool {
        links.isEmpty && addresses.isEmpty && routes.isEmpty && rules.isEmpty && forwarding.isEmpty
            && (neighbours ?? []).isEmpty && (fdb ?? []).isEmpty
    }

    public mutating func warn(line: Int?, _ message: String) {
        warnings.append(CaptureWarning(line: line, message))
    }

    /// Adds a link, merging it into an earlier description of the same index (or, for a link
    /// without a real index, the same name): the fields the new one knows win.
    public mutating func add(link: Link) {
        if let position = linkPositions[link.index] ?? links.firstIndex(where: { $0.name == link.name }) {
            links[position].merge(link)
        } else {
            linkPositions[link.index] = links.count
            links.append(link)
        }
    }

    public mutating func add(address: CapturedAddress) { addresses.append(address) }
    public mutating func add(route: CapturedRoute) { routes.append(route) }
    public mutating func add(rule: Rule) {
        if !rules.contains(rule) { rules.append(rule) }
    }
    public mutating func add(forwarding entry: CapturedForwarding) { forwarding.append(entry) }
    public mutating func add(pods newPods: [PodReference]) { pods += newPods }
    public mutating func add(neighbour: CapturedNeighbour) {
        sawNeighbourTable()
        neighbours?.append(neighbour)
    }
    public mutating func add(fdb entry: CapturedFDBEntry) {
        sawFDB()
        fdb?.append(entry)
    }
    /// A section that lists neighbours was read (`ip -j neigh` printing `[]` says "none").
    public mutating func sawNeighbourTable() { neighbours = neighbours ?? [] }
    public mutating func sawFDB() { fdb = fdb ?? [] }
    public mutating func use(names newNames: IPNames) { names = newNames }

    /// The names numbers are read with (iproute2's, or a capture's own /etc/iproute2 files).
    public var ipNames: IPNames { names }

    /// Whether a link with this index has been added.
    public func containsLink(_ index: InterfaceIndex) -> Bool { linkPositions[index] != nil }

    /// The index of a link already described by this capture, by name or alternative name;
    /// lets a section refer to a device another section described (`"master":"br0"`).
    public func linkIndex(named name: String) -> InterfaceIndex? {
        links.first { $0.name == name || $0.altNames.contains(name) }?.index
    }

    /// The snapshot the capture describes.
    public func build(source: SnapshotSource, defaultHost: String) -> NetworkSnapshot {
        var resolver = DeviceResolver(links: links)
        let resolvedAddresses = resolveAddresses(&resolver)
        let store = resolveRoutes(&resolver)
        let resolvedForwarding = forwarding.compactMap { entry -> ForwardingConfig? in
            var scope = entry.scope
            if let name = entry.deviceName { scope = .interface(resolver.index(for: name)) }
            return ForwardingConfig(family: entry.family, scope: scope, forwarding: entry.forwarding,
                                    reversePathFilter: entry.reversePathFilter,
                                    multicastForwarding: entry.multicastForwarding,
                                    proxyNeighbour: entry.proxyNeighbour,
                                    ignoreRoutesWithLinkdown: entry.ignoreRoutesWithLinkdown)
        }
        let resolvedNeighbours = neighbours.map { entries in
            Self.unique(entries.map { captured -> Neighbour in
                var neighbour = captured.neighbour
                neighbour.device = resolver.index(for: captured.deviceName)
                return neighbour
            })
        }
        let resolvedFDB = fdb.map { entries in
            Self.unique(entries.map { captured -> FDBEntry in
                var entry = captured.entry
                entry.device = resolver.index(for: captured.deviceName)
                entry.master = captured.masterName.map { resolver.index(for: $0) } ?? entry.master
                entry.viaDevice = captured.viaName.map { resolver.index(for: $0) } ?? entry.viaDevice
                return entry
            })
        }
        return NetworkSnapshot(host: host ?? defaultHost, capturedAt: capturedAt, source: source,
                               links: resolver.links.sorted { $0.index < $1.index }, addresses: resolvedAddresses,
                               routes: store, rules: rules, forwarding: Self.mergeForwarding(resolvedForwarding),
                               neighbours: resolvedNeighbours, fdb: resolvedFDB, pods: pods, names: names,
                               warnings: warnings)
    }

    /// The same entry captured twice (`ip neigh` and `ip -j neigh`) is kept once, in first-seen order.
    private static func unique<Entry: Hashable>(_ entries: [Entry]) -> [Entry] {
        var seen = Set<Entry>()
        return entries.filter { seen.insert($0).inserted }
    }

    private func resolveAddresses(_ resolver: inout DeviceResolver) -> [InterfaceAddress] {
        var seen = Set<InterfaceAddress>()
        var result: [InterfaceAddress] = []
        for captured in addresses {
            var address = captured.address
            if let index = captured.deviceIndex, resolver.links.contains(where: { $0.index == index }) {
                address.interface = index
            } else if let name = captured.deviceName {
                address.interface = resolver.index(for: name)
            } else if let index = captured.deviceIndex {
                address.interface = index
            }
            if seen.insert(address).inserted { result.append(address) }
        }
        return result
    }

    /// Routes keyed as the kernel keys them; the richest description of each key wins.
    private func resolveRoutes(_ resolver: inout DeviceResolver) -> RouteStore {
        var order: [RouteKey] = []
        var best: [RouteKey: Route] = [:]
        var bestFidelity: [RouteKey: CaptureFidelity] = [:]
        for captured in Self.withoutRedundantNetToolsRows(routes) {
            var route = captured.route
            if let name = captured.deviceName { route.device = resolver.index(for: name) }
            if let name = captured.inputDeviceName { route.inputDevice = resolver.index(for: name) }
            for (position, name) in captured.nexthopDeviceNames.enumerated() where position < route.nexthops.count {
                if let name { route.nexthops[position].device = resolver.index(for: name) }
            }
            let key = RouteKey(route)
            if let known = bestFidelity[key] {
                if captured.fidelity > known {
                    best[key] = route
                    bestFidelity[key] = captured.fidelity
                }
                continue
            }
            order.append(key)
            best[key] = route
            bestFidelity[key] = captured.fidelity
        }
        var store = RouteStore()
        for family in AddressFamily.allCases {
            for key in order where key.family == family {
                if let route = best[key] { store.append(route) }
            }
        }
        return store
    }

    /// `route -n` and `netstat -rn` rows have no protocol, no table, cannot tell unreachable
    /// from prohibit, and netstat has no metric: the same route printed by `ip route` differs
    /// in its key. A row whose destination a richer source lists in the same table adds nothing;
    /// of rows repeating each other (route -n and netstat of one host), the first is kept.
    private static func withoutRedundantNetToolsRows(_ routes: [CapturedRoute]) -> [CapturedRoute] {
        struct Coarse: Hashable {
            var family: AddressFamily
            var table: RouteTableID
            var destination: IPPrefix
        }
        struct Row: Hashable {
            var coarse: Coarse
            var device: String?
            var gateway: IPAddress?
        }
        func coarse(_ captured: CapturedRoute) -> Coarse {
            Coarse(family: captured.route.family, table: captured.route.table, destination: captured.route.destination)
        }
        guard routes.contains(where: { $0.fidelity == .netTools }) else { return routes }
        let richer = Set(routes.lazy.filter { $0.fidelity > .netTools }.map(coarse))
        var rows = Set<Row>()
        return routes.filter { captured in
            guard captured.fidelity == .netTools else { return true }
            let key = coarse(captured)
            if richer.contains(key) { return false }
            return rows.insert(Row(coarse: key, device: captured.deviceName, gateway: captured.route.gateway)).inserted
        }
    }

    /// Later statements about the same device override earlier ones field by field.
    private static func mergeForwarding(_ entries: [ForwardingConfig]) -> [ForwardingConfig] {
        var result: [ForwardingConfig] = []
        for entry in entries {
            guard let position = result.firstIndex(where: { $0.family == entry.family && $0.scope == entry.scope }) else {
                result.append(entry)
                continue
            }
            var merged = result[position]
            merged.forwarding = entry.forwarding ?? merged.forwarding
            merged.reversePathFilter = entry.reversePathFilter ?? merged.reversePathFilter
            merged.multicastForwarding = entry.multicastForwarding ?? merged.multicastForwarding
            merged.proxyNeighbour = entry.proxyNeighbour ?? merged.proxyNeighbour
            merged.ignoreRoutesWithLinkdown = entry.ignoreRoutesWithLinkdown ?? merged.ignoreRoutesWithLinkdown
            result[position] = merged
        }
        return result
    }
}

/// What makes two routes the same route for the kernel: table, destination, source, TOS,
/// metric, and for captures also the type (a `local` and a `unicast` entry may share a prefix).
private struct RouteKey: Hashable {
    var family: AddressFamily
    var table: RouteTableID
    var destination: IPPrefix
    var source: IPPrefix?
    var tos: UInt8
    var metric: UInt32
    var type: RouteType
    var device: InterfaceIndex?

    init(_ route: Route) {
        family = route.family
        table = route.table
        destination = route.destination
        source = route.source
        tos = route.tos
        metric = route.effectiveMetric
        type = route.type
        // IPv6 allows the same prefix on several devices (fe80::/64 on every link).
        device = route.family == .inet6 ? route.device : nil
    }
}

/// Turns device names into indexes, inventing inferred links for names a capture never describes.
private struct DeviceResolver {
    var links: [Link]
    private var byName: [String: InterfaceIndex] = [:]
    private var nextInferred: Int32

    init(links: [Link]) {
        self.links = links
        for link in links {
            byName[link.name] = byName[link.name] ?? link.index
            for altName in link.altNames { byName[altName] = byName[altName] ?? link.index }
        }
        nextInferred = max(100_000, (links.map(\.index.rawValue).max() ?? 0) + 1)
    }

    mutating func index(for name: String) -> InterfaceIndex {
        if let index = byName[name] { return index }
        let index = InterfaceIndex(nextInferred)
        nextInferred += 1
        links.append(Link(index: index, name: name, linkType: .none, isInferred: true))
        byName[name] = index
        return index
    }
}

extension Link {
    /// Takes every field the other description knows; keeps this one's where the other is silent.
    mutating func merge(_ other: Link) {
        if index.rawValue >= 100_000 || isInferred { index = other.index }
        name = other.name
        if !other.altNames.isEmpty { altNames = other.altNames }
        alias = other.alias ?? alias
        if !other.isInferred {
            flags = other.flags
            mtu = other.mtu
            operState = other.operState
            linkType = other.linkType
            group = other.group
        }
        minMTU = other.minMTU ?? minMTU
        maxMTU = other.maxMTU ?? maxMTU
        linkMode = other.linkMode ?? linkMode
        address = other.address ?? address
        broadcast = other.broadcast ?? broadcast
        permanentAddress = other.permanentAddress ?? permanentAddress
        master = other.master ?? master
        parent = other.parent ?? parent
        linkNetnsID = other.linkNetnsID ?? linkNetnsID
        linkNetnsName = other.linkNetnsName ?? linkNetnsName
        qdisc = other.qdisc ?? qdisc
        txQueueLength = other.txQueueLength ?? txQueueLength
        promiscuity = other.promiscuity ?? promiscuity
        allmulti = other.allmulti ?? allmulti
        queues = QueueCounts(
            txQueues: other.queues.txQueues ?? queues.txQueues, rxQueues: other.queues.rxQueues ?? queues.rxQueues,
            gsoMaxSize: other.queues.gsoMaxSize ?? queues.gsoMaxSize,
            gsoMaxSegments: other.queues.gsoMaxSegments ?? queues.gsoMaxSegments,
            tsoMaxSize: other.queues.tsoMaxSize ?? queues.tsoMaxSize,
            tsoMaxSegments: other.queues.tsoMaxSegments ?? queues.tsoMaxSegments,
            groMaxSize: other.queues.groMaxSize ?? queues.groMaxSize)
        kind = other.kind ?? kind
        slaveKind = other.slaveKind ?? slaveKind
        if !other.kindData.isEmpty { kindData = other.kindData }
        if !other.slaveData.isEmpty { slaveData = other.slaveData }
        parentBus = other.parentBus ?? parentBus
        parentDevice = other.parentDevice ?? parentDevice
        stats = other.stats ?? stats
        isInferred = isInferred && other.isInferred
    }
}
