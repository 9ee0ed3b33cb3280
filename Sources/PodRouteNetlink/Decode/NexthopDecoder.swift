import CNetlink
import PodRouteCore

/// `RTA_MULTIPATH`: a packed list of `struct rtnexthop { u16 rtnh_len; u8 rtnh_flags;
/// u8 rtnh_hops; int rtnh_ifindex; }`, each followed by its own `RTA_GATEWAY`, `RTA_VIA` and
/// `RTA_FLOW`, the next one at `RTNH_ALIGN(rtnh_len)`. The kernel's weight is `rtnh_hops + 1`.
enum NexthopDecoder {
    static func decode(_ payload: UnsafeRawBufferPointer, family: AddressFamily) throws(NetlinkError) -> [Nexthop] {
        var hops: [Nexthop] = []
        var offset = 0
        let headerSize = MemoryLayout<rtnexthop>.size
        while payload.count - offset >= headerSize {
            let length = Int(payload.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            guard length >= headerSize, length <= payload.count - offset else {
                throw .malformed("RTA_MULTIPATH next hop of \(length) bytes at byte \(offset) of \(payload.count)")
            }
            let flags = payload.loadUnaligned(fromByteOffset: offset + 2, as: UInt8.self)
            let extraHops = payload.loadUnaligned(fromByteOffset: offset + 3, as: UInt8.self)
            let ifindex = payload.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self)
            var hop = Nexthop(device: ifindex == 0 ? nil : InterfaceIndex(ifindex),
                              weight: UInt16(extraHops) + 1, flags: RouteFlags(rawValue: UInt32(flags)))
            let attributes = NetlinkAttributes(UnsafeRawBufferPointer(
                rebasing: payload[(offset + headerSize)..<(offset + length)]))
            for attribute in attributes {
                switch rtattr_type_t(UInt32(attribute.type)) {
                case RTA_GATEWAY: hop.gateway = attribute.ipAddress
                case RTA_VIA: hop.via = RouteDecoder.via(attribute)
                case RTA_FLOW: hop.realms = attribute.uint32
                default: continue
                }
            }
            hops.append(hop)
            offset += Int(cnl_rtnh_align(UInt32(length)))
        }
        return hops
    }
}
