/// Neighbour and FDB entries as iproute2 prints them: `ip neigh show nud all` lines
/// (`10.21.69.192 dev vxlan.calico lladdr 66:11:22:33:44:55 PERMANENT`) and `bridge fdb show`
/// lines (`66:11:22:33:44:55 dev vxlan.calico dst 10.20.1.24 self permanent`). Sanitised.
public struct NeighbourText: Sendable {
    public let snapshot: NetworkSnapshot

    public init(snapshot: NetworkSnapshot) { self.snapshot = snapshot }

    public func line(_ neighbour: Neighbour) -> String {
        var words = ["\(neighbour.destination)", "dev", snapshot.deviceName(neighbour.device)]
        if let address = neighbour.linkLayerAddress { words += ["lladdr", IPNeighbourJSON.text(address)] }
        words += neighbour.flags.neighbourNames
        words += neighbour.state.names
        return Sanitizer.printable(words.joined(separator: " "))
    }

    public func line(_ entry: FDBEntry) -> String {
        var words = [entry.linkLayerAddress.hexDescription, "dev", snapshot.deviceName(entry.device)]
        if let vlan = entry.vlan { words += ["vlan", String(vlan)] }
        if let sourceVNI = entry.sourceVNI { words += ["src_vni", String(sourceVNI)] }
        if let destination = entry.destination { words += ["dst", "\(destination)"] }
        if let port = entry.port { words += ["port", String(port)] }
        if let vni = entry.vni { words += ["vni", String(vni)] }
        if let via = entry.viaDevice { words += ["via", snapshot.deviceName(via)] }
        words += entry.flags.fdbNames
        if let master = entry.master { words += ["master", snapshot.deviceName(master)] }
        if !entry.state.fdbName.isEmpty { words.append(entry.state.fdbName) }
        return Sanitizer.printable(words.joined(separator: " "))
    }
}
