import CNetlink
import PodRouteCore

/// `RTM_NEWROUTE` -> `Route`: `struct rtmsg` plus `RTA_*`.
///
/// Runs once per route of a dump (a million times on a big node), so it builds the `Route` value
/// straight from the attribute walk: no intermediate arrays, and no heap allocation unless the
/// route has next hops or metrics.
public enum RouteDecoder {
    /// What to do with `RTM_F_CLONED` entries (route cache, `ip route get` answers).
    public enum ClonedEntries: Sendable {
        /// Skip them, as `ip route show` does.
        case skip
        /// Keep them (the answer to `ip route get` is one).
        case include
    }

    /// Decodes one route message; nil for other message types, families other than IPv4/IPv6,
    /// and (with `.skip`) cache entries. Throws when the message is malformed.
    public static func decode(_ message: borrowing NetlinkMessage, cloned: ClonedEntries = .skip)
        throws(NetlinkError) -> Route? {
        try withDecoded(message, cloned: cloned) { route in copy route }
    }

    /// Decodes a route message straight into `store`; returns whether a route was added.
    @discardableResult
    public static func decode(_ message: borrowing NetlinkMessage, into store: inout RouteStore) throws(NetlinkError) -> Bool {
        // The route is lent to the store, never copied through an Optional: the value is large
        // and this runs once per route of a dump.
        try withDecoded(message, cloned: .skip) { route in store.append(route) } != nil
    }

    /// Builds the route of `message` and lends it to `use`; nil when the message is skipped.
    @inline(__always)
    private static func withDecoded<Result>(
        _ message: borrowing NetlinkMessage, cloned: ClonedEntries, _ use: (borrowing Route) -> Result
    ) throws(NetlinkError) -> Result? {
        guard message.type == .newRoute || message.type == .delRoute else { return nil }
        guard let header = message.header(as: rtmsg.self) else {
            throw .malformed("RTM_NEWROUTE of \(message.payload.count) bytes, shorter than rtmsg")
        }
        guard let family = AddressFamily(rawValue: header.rtm_family) else { return nil }
        if case .skip = cloned, header.rtm_flags & UInt32(RTM_F_CLONED) != 0 { return nil }

        // Everything is gathered into locals and the Route built once: the value is large, and
        // building it field by field costs copies on a million-route dump.
        var destination: IPAddress?
        var source: IPAddress?
        var table = UInt32(header.rtm_table)
        var metric: UInt32?
        var gateway: IPAddress?
        var via: IPAddress?
        var device: InterfaceIndex?
        var inputDevice: InterfaceIndex?
        var preferredSource: IPAddress?
        var preference: RoutePreference?
        var realms: UInt32?
        var nexthopID: UInt32?
        var metrics = RouteMetrics()
        var nexthops: [Nexthop] = []
        var expires: UInt32?
        for attribute in message.attributes(after: rtmsg.self) {
            switch rtattr_type_t(UInt32(attribute.type)) {
            case RTA_DST: destination = attribute.ipAddress(family)
            case RTA_SRC: source = attribute.ipAddress(family)
            case RTA_TABLE: table = attribute.uint32 ?? table
            case RTA_PRIORITY: metric = attribute.uint32
            case RTA_GATEWAY: gateway = attribute.ipAddress
            case RTA_VIA: via = Self.via(attribute)
            case RTA_OIF: device = attribute.int32.map { InterfaceIndex($0) }
            case RTA_IIF: inputDevice = attribute.int32.map { InterfaceIndex($0) }
            case RTA_PREFSRC: preferredSource = attribute.ipAddress
            case RTA_PREF: preference = attribute.uint8.map { RoutePreference(rawValue: $0) }
            case RTA_FLOW: realms = attribute.uint32
            case RTA_NH_ID: nexthopID = attribute.uint32
            case RTA_METRICS: metrics = RouteMetricsDecoder.decode(attribute.nested)
            case RTA_MULTIPATH: nexthops = try NexthopDecoder.decode(attribute.payload, family: family)
            case RTA_CACHEINFO: expires = Self.expires(attribute)
            default: continue
            }
        }
        if destination == nil, header.rtm_dst_len != 0 {
            throw .malformed("RTM_NEWROUTE with a /\(header.rtm_dst_len) destination but no RTA_DST")
        }
        let route = Route(
            family: family, type: RouteType(rawValue: header.rtm_type),
            destination: IPPrefix(containing: destination ?? .any(family), length: header.rtm_dst_len),
            source: source.map { IPPrefix(containing: $0, length: header.rtm_src_len) }, tos: header.rtm_tos,
            table: RouteTableID(table), proto: RouteProtocol(rawValue: header.rtm_protocol),
            scope: RouteScope(rawValue: header.rtm_scope), flags: RouteFlags(rawValue: header.rtm_flags),
            metric: metric, gateway: gateway, via: via, device: device, inputDevice: inputDevice,
            preferredSource: preferredSource, nexthops: nexthops, metrics: metrics, preference: preference,
            expires: expires, nexthopID: nexthopID, realms: realms)
        return use(route)
    }

    /// `RTA_VIA`: `struct rtvia { u16 rtvia_family; u8 rtvia_addr[]; }`.
    static func via(_ attribute: NetlinkAttribute) -> IPAddress? {
        let payload = attribute.payload
        guard payload.count >= 2 else { return nil }
        let family = payload.loadUnaligned(fromByteOffset: 0, as: UInt16.self)
        let address = NetlinkAttribute(type: attribute.type, isNested: false, isNetworkByteOrder: false,
                                       payload: UnsafeRawBufferPointer(rebasing: payload[2...]))
        guard let expected = AddressFamily(rawValue: UInt8(truncatingIfNeeded: family)) else { return nil }
        return address.ipAddress(expected)
    }

    /// `RTA_CACHEINFO.rta_expires` (offset 8, clock ticks of 1/100 s): iproute2 prints
    /// `expires <rta_expires / hz>sec` when it is non-zero. Negative (already expired) reads as 0.
    static func expires(_ attribute: NetlinkAttribute) -> UInt32? {
        guard attribute.payload.count >= 12 else { return nil }
        let ticks = attribute.payload.loadUnaligned(fromByteOffset: 8, as: Int32.self)
        guard ticks != 0 else { return nil }
        return UInt32(max(0, ticks / 100))
    }
}
