import PodRouteCore

/// Whole-table reads over one socket, each one dump decoded in place as it arrives.
extension RTNetlinkSocket {
    /// `ip -d link show`: every link, device references in kind data resolved to names.
    public mutating func links() throws(NetlinkError) -> [Link] {
        UnresolvedLink.resolve(try collect(.linkDump(), into: [UnresolvedLink]()) { links, message throws(NetlinkError) in
            if let link = try LinkDecoder.decode(message) { links.append(link) }
        })
    }

    /// `ip address show`: the addresses of both families (or one).
    public mutating func addresses(family: NetlinkFamily = .unspec) throws(NetlinkError) -> [InterfaceAddress] {
        try collect(.addressDump(family: family), into: [InterfaceAddress]()) { addresses, message throws(NetlinkError) in
            if let address = try AddressDecoder.decode(message) { addresses.append(address) }
        }
    }

    /// `ip -4|-6 route show table all`, appended to `store` (cache entries skipped). A restarted
    /// dump starts again from the `store` given, so earlier contents are kept exactly once.
    /// Datagrams are received on a helper thread while this one decodes (see `pipelinedCollect`).
    public mutating func routes(family: AddressFamily, into store: RouteStore = RouteStore()) throws(NetlinkError) -> RouteStore {
        try pipelinedCollect(.routeDump(family: NetlinkFamily(family)), into: store) { store, message throws(NetlinkError) in
            try RouteDecoder.decode(message, into: &store)
        }
    }

    /// `ip -4|-6 rule show`.
    public mutating func rules(family: AddressFamily) throws(NetlinkError) -> [Rule] {
        try collect(.ruleDump(family: NetlinkFamily(family)), into: [Rule]()) { rules, message throws(NetlinkError) in
            if let rule = try RuleDecoder.decode(message) { rules.append(rule) }
        }
    }

    /// `ip -4|-6 netconf show`: per interface, `all` and `default`.
    public mutating func netconf(family: AddressFamily) throws(NetlinkError) -> [ForwardingConfig] {
        try collect(.netconfDump(family: NetlinkFamily(family)), into: [ForwardingConfig]()) { configs, message throws(NetlinkError) in
            if let config = try NetconfDecoder.decode(message) { configs.append(config) }
        }
    }

    /// `ip -4|-6 neigh show nud all [dev DEV]`: every neighbour entry of the family, whatever its
    /// state (plain `ip neigh show` hides NOARP entries). Proxy entries (`ip neigh show proxy`) are
    /// a separate table and not read. A node's table holds one entry per pod and peer: thousands
    /// of messages of ~80 bytes, one dump of a few datagrams per thousand.
    public mutating func neighbours(family: AddressFamily, device: InterfaceIndex? = nil) throws(NetlinkError) -> [Neighbour] {
        try collect(.neighbourDump(family: NetlinkFamily(family), device: device), into: [Neighbour]()) { entries, message throws(NetlinkError) in
            if case .neighbour(let entry)? = try NeighbourDecoder.decode(message) { entries.append(entry) }
        }
    }

    /// `bridge fdb show [brport DEV]`: the forwarding databases of all devices (vxlan `self`
    /// entries with their remote `dst`, bridge entries with their `master`, the multicast MACs
    /// every device lists as `self permanent`).
    public mutating func fdb(device: InterfaceIndex? = nil) throws(NetlinkError) -> [FDBEntry] {
        try collect(.neighbourDump(family: .bridge, device: device), into: [FDBEntry]()) { entries, message throws(NetlinkError) in
            if case .fdb(let entry)? = try NeighbourDecoder.decode(message) { entries.append(entry) }
        }
    }
}
