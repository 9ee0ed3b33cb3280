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
            }
        }
        return NetworkSnapshot(host: host, capturedAt: time ?? capturedAt, source: source, links: links,
                               addresses: addresses, routes: routes.applying(routeChanges), rules: rules,
                               forwarding: forwarding, pods: pods, names: names, warnings: warnings)
    }
}

extension InterfaceAddress {
    /// The kernel keys an address by interface, local address and prefix length.
    func sameAddress(as other: InterfaceAddress) -> Bool {
        interface == other.interface && local == other.local && prefixLength == other.prefixLength
            && peer == other.peer
    }
}
