/// Where a vxlan device sends a packet routed `via <VTEP> dev vxlan.calico onlink`, as the kernel
/// decides it: the neighbour entry of the VTEP address gives the inner destination MAC, the
/// device's FDB entry for that MAC the remote (`dst`, and `vni`/`port` where they differ from the
/// device's). Without an entry for the MAC the all-zeros entry is the default remote (it floods
/// to every `dst` it lists); with neither, the kernel drops the packet.
public struct VXLANRemote: Sendable, Hashable {
    /// The address whose neighbour entry was looked up (the route's gateway, or the destination).
    public var vtep: IPAddress
    public var vtepMAC: LinkLayerAddress?
    /// The FDB entries used: one for a unicast remote, several when the default entry floods.
    public var entries: [FDBEntry]
    /// Why the remote is unknown, one sentence; nil when `entries` name it.
    public var unknownReason: String?
    /// True when the tables were read and lack the entry: the kernel has no node to send the
    /// packet to and drops it (a broken node, not an old snapshot).
    public var isMissingEntry: Bool

    /// The outer destination: the one remote, or the first of a flood.
    public var destination: IPAddress? { entries.lazy.compactMap(\.destination).first }

    public static func resolve(_ vtep: IPAddress, device: InterfaceIndex, in snapshot: NetworkSnapshot) -> VXLANRemote {
        let name = Sanitizer.printable(snapshot.deviceName(device))
        func unknown(_ reason: String, mac: LinkLayerAddress? = nil, missing: Bool) -> VXLANRemote {
            VXLANRemote(vtep: vtep, vtepMAC: mac, entries: [], unknownReason: reason, isMissingEntry: missing)
        }
        guard snapshot.neighbours != nil else {
            return unknown("the snapshot has no neighbour table (taken by an older podroute, or a capture without `ip neigh`)",
                           missing: false)
        }
        if snapshot.link(device)?.kindData["external"]?.boolValue == true {
            return unknown("\(name) is an external (collect-metadata) device: eBPF or tc picks the remote per packet, not the FDB",
                           missing: false)
        }
        let flood = snapshot.fdbEntries(LinkLayerAddress(bytes: [0, 0, 0, 0, 0, 0]), on: device).filter { $0.destination != nil }
        guard let neighbour = snapshot.neighbour(vtep, on: device), let mac = neighbour.linkLayerAddress else {
            // Unresolved: the kernel ARPs through the device, which floods to the default entry's remotes.
            if !flood.isEmpty { return VXLANRemote(vtep: vtep, vtepMAC: nil, entries: flood, unknownReason: nil, isMissingEntry: false) }
            if snapshot.fdb == nil { return unknown("no neighbour entry for \(vtep) on \(name) (and the snapshot has no FDB)", missing: false) }
            if let neighbour = snapshot.neighbour(vtep, on: device) {
                let state = neighbour.state.names.joined(separator: ",")
                return unknown("the neighbour entry for \(vtep) on \(name) has no MAC (\(state.isEmpty ? "NONE" : state))", missing: true)
            }
            return unknown("no neighbour entry for \(vtep) on \(name)", missing: true)
        }
        guard snapshot.fdb != nil else {
            return unknown("the snapshot has no FDB (taken by an older podroute, or a capture without `bridge fdb`); \(vtep) is \(mac) on \(name)",
                           mac: mac, missing: false)
        }
        let own = snapshot.fdbEntries(mac, on: device).filter { $0.destination != nil }
        if !own.isEmpty { return VXLANRemote(vtep: vtep, vtepMAC: mac, entries: own, unknownReason: nil, isMissingEntry: false) }
        if !flood.isEmpty { return VXLANRemote(vtep: vtep, vtepMAC: mac, entries: flood, unknownReason: nil, isMissingEntry: false) }
        return unknown("no FDB entry with a dst for \(mac) (the neighbour entry of \(vtep)) on \(name), and no default 00:00:00:00:00:00 entry",
                       mac: mac, missing: true)
    }
}
