import CNetlink
import PodRouteCore

/// `RTM_NEWNEIGH` -> `Neighbour` (AF_INET, AF_INET6: `ip neigh`) or `FDBEntry` (AF_BRIDGE:
/// `bridge fdb`): `struct ndmsg` (family, ifindex, `NUD_*` state, `NTF_*` flags) plus `NDA_*`.
///
/// `NDA_PORT` is big-endian; `NDA_VNI`, `NDA_SRC_VNI`, `NDA_IFINDEX` and `NDA_MASTER` are host-order
/// u32. A vxlan device sends `NDA_PORT`/`NDA_VNI` only where they differ from its own.
public enum NeighbourDecoder {
    public enum Entry: Hashable, Sendable {
        case neighbour(Neighbour)
        case fdb(FDBEntry)
    }

    /// Decodes one neighbour message; nil for other types and families.
    public static func decode(_ message: borrowing NetlinkMessage) throws(NetlinkError) -> Entry? {
        guard message.type == .newNeighbour || message.type == .delNeighbour else { return nil }
        guard let header = message.header(as: ndmsg.self) else {
            throw .malformed("RTM_NEWNEIGH of \(message.payload.count) bytes, shorter than ndmsg")
        }
        let table = AttributeTable(message.attributes(after: ndmsg.self), maximumType: Int(__NDA_MAX))
        let device = InterfaceIndex(header.ndm_ifindex)
        let state = NeighbourState(rawValue: header.ndm_state)
        let flags = NeighbourFlags(rawValue: header.ndm_flags)
        let linkLayerAddress = table[Int(NDA_LLADDR)]?.linkLayerAddress
        let destination = table[Int(NDA_DST)]?.ipAddress
        if NetlinkFamily(rawValue: header.ndm_family) == .bridge {
            guard let linkLayerAddress else {
                throw .malformed("AF_BRIDGE RTM_NEWNEIGH for ifindex \(header.ndm_ifindex) without NDA_LLADDR")
            }
            return .fdb(FDBEntry(
                linkLayerAddress: linkLayerAddress, device: device,
                master: table[Int(NDA_MASTER)]?.uint32.map { InterfaceIndex(Int32(bitPattern: $0)) },
                destination: destination, vni: table[Int(NDA_VNI)]?.uint32,
                sourceVNI: table[Int(NDA_SRC_VNI)]?.uint32, port: table[Int(NDA_PORT)]?.uint16BigEndian,
                viaDevice: table[Int(NDA_IFINDEX)]?.uint32.map { InterfaceIndex(Int32(bitPattern: $0)) },
                vlan: table[Int(NDA_VLAN)]?.uint16, state: state, flags: flags))
        }
        guard let family = AddressFamily(rawValue: header.ndm_family) else { return nil }
        guard let destination, destination.family == family else {
            throw .malformed("\(NetlinkFamily(rawValue: header.ndm_family)) RTM_NEWNEIGH for ifindex \(header.ndm_ifindex) without an NDA_DST of its family")
        }
        return .neighbour(Neighbour(destination: destination, device: device, linkLayerAddress: linkLayerAddress,
                                    state: state, flags: flags))
    }
}
