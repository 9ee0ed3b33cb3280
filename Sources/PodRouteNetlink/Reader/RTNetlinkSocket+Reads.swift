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
}
