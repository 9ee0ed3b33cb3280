import FoundationEssentials

/// One kernel notification, as the model sees it (`ip monitor`).
public enum NetworkChange: Sendable {
    /// `RTM_NEWLINK`: a new link, or new facts about one (flags, carrier, MTU, name...).
    case linkUpdated(Link)
    /// `RTM_DELLINK`.
    case linkRemoved(InterfaceIndex)
    case addressAdded(InterfaceAddress)
    case addressRemoved(InterfaceAddress)
    case route(RouteChange)
    case ruleAdded(Rule)
    case ruleRemoved(Rule)
    /// `RTM_NEWNETCONF`: a forwarding setting changed.
    case forwardingChanged(ForwardingConfig)
    /// `RTM_NEWNEIGH`/`RTM_DELNEIGH` of AF_INET/AF_INET6 (`ip monitor neigh`).
    case neighbourUpdated(Neighbour)
    case neighbourRemoved(Neighbour)
    /// `RTM_NEWNEIGH`/`RTM_DELNEIGH` of AF_BRIDGE: one FDB entry (one remote of a vxlan MAC).
    case fdbUpdated(FDBEntry)
    case fdbRemoved(FDBEntry)
}

extension NetworkSnapshot {
    /// The snapshot after a batch of notifications, in order. Routes change in one pass over
    /// the store per batch, however many notifications the batch holds.
    public func applying(_ changes: [NetworkChange], at time: Date? = nil) -> NetworkSnapshot {
        guard !changes.isEmpty else { return self }
        var links = self.links
        var addresses = self.addresses
        var rules = self.rules
        var forwarding = self.forwarding
        var neighbours = self.neighbours
        var fdb = self.fdb
        var routeChanges: [RouteChange] = []
        for change in changes {
            switch change {
            case .linkUpdated(let link):
                if let position = links.firstIndex(where: { $0.index == link.index }) {
                    var updated = link
                    // Notifications without stats (carrier flaps) keep the last counters.
                    if updated.stats == nil { updated.stats = links[position].stats }
                    links[position] = updated
                } else {
                    links.append(link)
                    links.sort { $0.index < $1.index }
                }
            case .linkRemoved(let index):
                links.removeAll { $0.index == index }
                addresses.removeAll { $0.interface == index }
                forwarding.removeAll { $0.scope == .interface(index) }
            case .addressAdded(let address):
                if let position = addresses.firstIndex(where: { $0.sameAddress(as: address) }) {
                    addresses[position] = address
                } else {
                    addresses.append(address)
                }
            case .addressRemoved(let address):
                addresses.removeAll { $0.sameAddress(as: address) }
            case .route(let change):
                routeChanges.append(change)
            case .ruleAdded(let rule):
                if !rules.contains(rule) { rules.append(rule) }
            case .ruleRemoved(let rule):
                if let position = rules.firstIndex(of: rule) { rules.remove(at: position) }
            case .forwardingChanged(let config):
                if let position = forwarding.firstIndex(where: { $0.family == config.family && $0.scope == config.scope }) {
                    forwarding[position] = config
                } else {
                    forwarding.append(config)
                }
            case .neighbourUpdated(let entry):
                neighbours = (neighbours ?? []).filter { !$0.sameEntry(as: entry) } + [entry]
            case .neighbourRemoved(let entry):
                neighbours?.removeAll { $0.sameEntry(as: entry) }
            case .fdbUpdated(let entry):
                fdb = (fdb ?? []).filter { !$0.sameEntry(as: entry) } + [entry]
            case .fdbRemoved(let entry):
                fdb?.removeAll { $0.sameEntry(as: entry) }
            }
        }
        return NetworkSnapshot(host: host, capturedAt: time ?? capturedAt, source: source, links: links,
                               addresses: addresses, routes: routes.applying(routeChanges), rules: rules,
                               forwarding: forwarding, neighbours: neighbours, fdb: fdb, pods: pods, names: names,
                               warnings: warnings)
    }
}

extension Neighbour {
    /// The kernel keys a neighbour by device and destination.
    func sameEntry(as other: Neighbour) -> Bool { device == other.device && destination == other.destination }
}

extension FDBEntry {
    /// One remote of one MAC: device, MAC, bridge, VLAN and destination.
    func sameEntry(as other: FDBEntry) -> Bool {
        device == other.device && linkLayerAddress == other.linkLayerAddress && master == other.master
            && vlan == other.vlan && destination == other.destination
    }
}

extension InterfaceAddress {
    /// The kernel keys an address by interface, local address and prefix length.
    func sameAddress(as other: InterfaceAddress) -> Bool {
        interface == other.interface && local == other.local && prefixLength == other.prefixLength
            && peer == other.peer
    }
}
