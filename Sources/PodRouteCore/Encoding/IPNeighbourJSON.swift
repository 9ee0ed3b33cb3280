/// Writes a neighbour as one object of `ip -j neigh show` (iproute2 6.1 `print_neigh`): `dst`,
/// `dev`, `lladdr`, the flag words as null members (`"router":null`), `state` as an array of
/// names, left out for NUD_NONE as iproute2 does.
public struct IPNeighbourJSON: Sendable {
    public let devices: IPJSONDeviceNames

    public init(devices: IPJSONDeviceNames) { self.devices = devices }

    public func write(_ neighbour: Neighbour, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("dst")
        writer.address(neighbour.destination)
        writer.key("dev")
        devices.write(neighbour.device, to: &writer)
        if let address = neighbour.linkLayerAddress { writer.member("lladdr", IPNeighbourJSON.text(address)) }
        for name in neighbour.flags.neighbourNames {
            writer.key(dynamic: name)
            writer.null()
        }
        let states = neighbour.state.names
        if !states.isEmpty {
            writer.key("state")
            writer.beginArray()
            for state in states { writer.string(state) }
            writer.endArray()
        }
        writer.endObject()
    }

    /// iproute2's `ll_addr_n2a`: hex for Ethernet, dotted for the 4-byte addresses of IP tunnels.
    public static func text(_ address: LinkLayerAddress) -> String {
        guard address.bytes.count == 4 else { return address.hexDescription }
        return address.bytes.map(String.init).joined(separator: ".")
    }
}

/// Writes an FDB entry as one object of `bridge -j fdb show` (iproute2 6.1 `print_fdb`): `mac`,
/// `ifname`, `vlan`, `src_vni`, `dst`, `port`, `vni`, `viaIf`, `flags` (always an array),
/// `master`, `state` (one word; "" for dynamic entries).
public struct BridgeFDBJSON: Sendable {
    public let devices: IPJSONDeviceNames

    public init(devices: IPJSONDeviceNames) { self.devices = devices }

    public func write(_ entry: FDBEntry, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("mac", entry.linkLayerAddress.hexDescription)
        writer.key("ifname")
        devices.write(entry.device, to: &writer)
        if let vlan = entry.vlan { writer.member("vlan", UInt32(vlan)) }
        if let sourceVNI = entry.sourceVNI { writer.member("src_vni", sourceVNI) }
        if let destination = entry.destination {
            writer.key("dst")
            writer.address(destination)
        }
        if let port = entry.port { writer.member("port", UInt32(port)) }
        if let vni = entry.vni { writer.member("vni", vni) }
        if let via = entry.viaDevice {
            writer.key("viaIf")
            devices.write(via, to: &writer)
        }
        writer.key("flags")
        writer.beginArray()
        for name in entry.flags.fdbNames { writer.string(name) }
        writer.endArray()
        if let master = entry.master {
            writer.key("master")
            devices.write(master, to: &writer)
        }
        writer.member("state", entry.state.fdbName)
        writer.endObject()
    }
}
