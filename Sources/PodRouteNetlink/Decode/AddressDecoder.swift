import CNetlink
import PodRouteCore

/// `RTM_NEWADDR` -> `InterfaceAddress`: `struct ifaddrmsg` plus `IFA_*`.
///
/// `IFA_LOCAL` is the interface's own address and `IFA_ADDRESS` the peer of a point-to-point
/// address; when only `IFA_ADDRESS` is sent (always for IPv6, and IPv4 without a peer) it is the
/// local address. `IFA_FLAGS` (u32) supersedes the 8-bit `ifa_flags`.
public enum AddressDecoder {
    /// Decodes one address message; nil for other types and families other than IPv4/IPv6.
    public static func decode(_ message: borrowing NetlinkMessage) throws(NetlinkError) -> InterfaceAddress? {
        guard message.type == .newAddress || message.type == .delAddress else { return nil }
        guard let header = message.header(as: ifaddrmsg.self) else {
            throw .malformed("RTM_NEWADDR of \(message.payload.count) bytes, shorter than ifaddrmsg")
        }
        guard let family = AddressFamily(rawValue: header.ifa_family) else { return nil }
        var local: IPAddress?
        var address: IPAddress?
        var flags = UInt32(header.ifa_flags)
        var label: String?
        var broadcast: IPAddress?
        var anycast: IPAddress?
        var valid = UInt32.max
        var preferred = UInt32.max
        for attribute in message.attributes(after: ifaddrmsg.self) {
            switch Int(attribute.type) {
            case Int(IFA_LOCAL): local = attribute.ipAddress(family)
            case Int(IFA_ADDRESS): address = attribute.ipAddress(family)
            case Int(IFA_FLAGS): flags = attribute.uint32 ?? flags
            case Int(IFA_LABEL): label = attribute.string
            case Int(IFA_BROADCAST): broadcast = attribute.ipAddress(family)
            case Int(IFA_ANYCAST): anycast = attribute.ipAddress(family)
            case Int(IFA_CACHEINFO):
                // struct ifa_cacheinfo { u32 ifa_prefered; u32 ifa_valid; u32 cstamp; u32 tstamp; }
                guard attribute.payload.count >= 8 else { continue }
                preferred = attribute.payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                valid = attribute.payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            default:
                continue
            }
        }
        guard let own = local ?? address else {
            throw .malformed("RTM_NEWADDR for ifindex \(header.ifa_index) without IFA_LOCAL or IFA_ADDRESS")
        }
        let peer = local != nil && address != nil && address != local ? address : nil
        return InterfaceAddress(
            interface: InterfaceIndex(Int32(bitPattern: header.ifa_index)), local: own, peer: peer,
            prefixLength: header.ifa_prefixlen, scope: RouteScope(rawValue: header.ifa_scope), label: label,
            flags: AddressFlags(rawValue: flags), broadcast: broadcast, anycast: anycast,
            validLifetime: valid, preferredLifetime: preferred)
    }
}
