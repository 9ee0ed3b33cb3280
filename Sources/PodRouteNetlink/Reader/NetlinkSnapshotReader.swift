import FoundationEssentials
import PodRouteCore

/// Reads a whole snapshot of the current or a named network namespace over rtnetlink: what
/// `ip -d link`, `ip addr`, `ip route show table all` (both families), `ip rule` and
/// `ip netconf`, `ip neigh show nud all` and `bridge fdb show` print, from one socket, decoded in place as the datagrams arrive.
///
/// Reading needs no privilege in the caller's own namespace; entering another needs
/// CAP_SYS_ADMIN (`EPERM` otherwise) and the name must exist in /run/netns (`ENOENT`).
public enum NetlinkSnapshotReader {
    public static func snapshot(namespace: String?, names: IPNames, host: String) throws(NetlinkError) -> NetworkSnapshot {
        var socket = try RTNetlinkSocket.open(in: namespace)
        var links = try socket.links()
        let addresses = try socket.addresses()
        var routes = try socket.routes(family: .inet)
        routes = try socket.routes(family: .inet6, into: routes)
        let rules = try socket.rules(family: .inet) + socket.rules(family: .inet6)
        let forwarding = try socket.netconf(family: .inet) + socket.netconf(family: .inet6)
        let neighbours = try socket.neighbours(family: .inet) + socket.neighbours(family: .inet6)
        let fdb = try socket.fdb()
        let capturedAt = Date()
        if links.contains(where: { $0.linkNetnsID != nil }) {
            let namespaces = NamespaceIDs.names(using: &socket)
            for position in links.indices {
                if let id = links[position].linkNetnsID { links[position].linkNetnsName = namespaces[id] }
            }
        }
        return NetworkSnapshot(
            host: host, capturedAt: capturedAt, source: namespace.map { .namespace($0) } ?? .live,
            links: links, addresses: addresses, routes: routes, rules: rules, forwarding: forwarding,
            neighbours: neighbours, fdb: fdb, names: names)
    }
}
