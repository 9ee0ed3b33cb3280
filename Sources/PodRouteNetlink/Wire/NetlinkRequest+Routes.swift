import CNetlink
import PodRouteCore

// Route requests, built as iproute2's ip/iproute.c builds them (iproute_get, iproute_modify).
extension NetlinkRequest {
    /// `RTM_GETROUTE` without `NLM_F_DUMP`: `ip route get`. Like iproute2, the `rtmsg` carries the
    /// family, `rtm_dst_len`/`rtm_src_len` of full host prefixes and the tos; IPv4 lookups set
    /// `RTM_F_LOOKUP_TABLE` so the answer reports the table that matched (`RTA_TABLE`);
    /// `fibmatch` adds `RTM_F_FIB_MATCH`, for the matched FIB entry instead of the taken path.
    public static func routeGet(_ query: RouteGetQuery) -> NetlinkRequest {
        let family = query.destination.family
        var header = rtmsg()
        header.rtm_family = family.rawValue
        header.rtm_dst_len = family.bitWidth
        header.rtm_tos = query.tos
        if family == .inet { header.rtm_flags = UInt32(RTM_F_LOOKUP_TABLE) }
        if query.fibMatch { header.rtm_flags |= UInt32(RTM_F_FIB_MATCH) }
        if let source = query.source { header.rtm_src_len = source.family.bitWidth }
        var request = NetlinkRequest(.getRoute, header: header)
        request.append(attribute(RTA_DST), bytes: query.destination.networkBytes)
        if let source = query.source { request.append(attribute(RTA_SRC), bytes: source.networkBytes) }
        if let mark = query.mark { request.append(attribute(RTA_MARK), mark) }
        if let input = query.inputInterface { request.append(attribute(RTA_IIF), input.rawValue) }
        if let output = query.outputInterface { request.append(attribute(RTA_OIF), output.rawValue) }
        return request
    }

    /// `RTM_NEWROUTE` with `NLM_F_CREATE | NLM_F_EXCL`: `ip route add`. Fails with `EEXIST` when
    /// the same route (destination, tos, priority, table) exists.
    public static func routeAdd(_ route: Route) -> NetlinkRequest {
        routeChange(.newRoute, flags: [.create, .exclusive], route, identityOnly: false)
    }

    /// `RTM_NEWROUTE` with `NLM_F_CREATE | NLM_F_REPLACE`: `ip route replace`. Replaces the route
    /// with the same destination, tos, priority and table, or adds it.
    public static func routeReplace(_ route: Route) -> NetlinkRequest {
        routeChange(.newRoute, flags: [.create, .replace], route, identityOnly: false)
    }

    /// `RTM_DELROUTE` (no extra flags): `ip route del`. Sends the route's identity: destination,
    /// source, tos, table, protocol, scope, type, metric, next hops and preferred source, so only a
    /// route matching all of them is deleted (metrics are not matched).
    public static func routeDelete(_ route: Route) -> NetlinkRequest {
        routeChange(.delRoute, flags: [], route, identityOnly: true)
    }

    /// Flags a request may carry; the rest of a dumped route's flags (`linkdown`, `dead`, offload
    /// state) are the kernel's to set and make `RTM_NEWROUTE` fail.
    static let requestRouteFlags: RouteFlags = [.onlink, .pervasive]

    private static func routeChange(_ type: NetlinkMessageType, flags: NetlinkMessageFlags, _ route: Route,
                                    identityOnly: Bool) -> NetlinkRequest {
        var header = rtmsg()
        header.rtm_family = route.family.rawValue
        header.rtm_dst_len = route.destination.length
        header.rtm_src_len = route.source?.length ?? 0
        header.rtm_tos = route.tos
        // Tables above 255 go in RTA_TABLE with rtm_table = RT_TABLE_UNSPEC, as iproute2 sends them.
        header.rtm_table = route.table.rawValue < 256 ? UInt8(route.table.rawValue) : 0
        header.rtm_protocol = route.proto.rawValue
        header.rtm_scope = route.scope.rawValue
        header.rtm_type = route.type.rawValue
        header.rtm_flags = route.flags.intersection(requestRouteFlags).rawValue
        var request = NetlinkRequest(type, flags: flags, header: header)
        if route.table.rawValue >= 256 { request.append(attribute(RTA_TABLE), route.table.rawValue) }
        if route.destination.length > 0 {
            request.append(attribute(RTA_DST), bytes: route.destination.address.networkBytes)
        }
        if let source = route.source, source.length > 0 {
            request.append(attribute(RTA_SRC), bytes: source.address.networkBytes)
        }
        if let metric = route.metric { request.append(attribute(RTA_PRIORITY), metric) }
        if let source = route.preferredSource { request.append(attribute(RTA_PREFSRC), bytes: source.networkBytes) }
        request.appendGateway(route.gateway, via: route.via, family: route.family)
        if let device = route.device { request.append(attribute(RTA_OIF), device.rawValue) }
        if let realms = route.realms { request.append(attribute(RTA_FLOW), realms) }
        if let id = route.nexthopID { request.append(attribute(RTA_NH_ID), id) }
        if !route.nexthops.isEmpty {
            request.append(attribute(RTA_MULTIPATH), bytes: multipath(route.nexthops, family: route.family))
        }
        guard !identityOnly else { return request }
        if !route.metrics.isEmpty { request.appendMetrics(route.metrics) }
        if let preference = route.preference { request.append(attribute(RTA_PREF), preference.rawValue) }
        if route.family == .inet6, let expires = route.expires { request.append(attribute(RTA_EXPIRES), expires) }
        return request
    }

    /// `RTA_GATEWAY` for a gateway of the route's family, `RTA_VIA` (`struct rtvia`) otherwise.
    private mutating func appendGateway(_ gateway: IPAddress?, via: IPAddress?, family: AddressFamily) {
        if let gateway {
            if gateway.family == family { append(Self.attribute(RTA_GATEWAY), bytes: gateway.networkBytes) }
            else { append(Self.attribute(RTA_VIA), bytes: Self.rtvia(gateway)) }
        }
        if let via { append(Self.attribute(RTA_VIA), bytes: Self.rtvia(via)) }
    }

    /// `RTA_METRICS`: `RTAX_LOCK` mask, the `RTAX_*` values, `RTAX_CC_ALGO` name.
    private mutating func appendMetrics(_ metrics: RouteMetrics) {
        appendNested(Self.attribute(RTA_METRICS)) { nest in
            if metrics.locked != 0 { nest.append(UInt16(RTAX_LOCK), metrics.locked) }
            for metric in metrics.values { nest.append(metric.kind.rawValue, metric.value) }
            if let algorithm = metrics.congestionControl { nest.append(UInt16(RTAX_CC_ALGO), string: algorithm) }
        }
    }

    /// The `RTA_MULTIPATH` payload: per hop a `struct rtnexthop` (length, flags, weight - 1, ifindex)
    /// followed by its `RTA_GATEWAY`/`RTA_VIA`/`RTA_FLOW`, each hop padded to 4 (`RTNH_ALIGN`).
    static func multipath(_ hops: [Nexthop], family: AddressFamily) -> [UInt8] {
        var bytes: [UInt8] = []
        for hop in hops {
            var attributes = NetlinkRequest(.getRoute)
            attributes.appendGateway(hop.gateway, via: hop.via, family: family)
            if let realms = hop.realms { attributes.append(attribute(RTA_FLOW), realms) }
            let length = MemoryLayout<rtnexthop>.size + attributes.payload.count
            let header = rtnexthop(rtnh_len: UInt16(length),
                                   rtnh_flags: UInt8(truncatingIfNeeded: hop.flags.intersection(requestRouteFlags).rawValue),
                                   rtnh_hops: UInt8(truncatingIfNeeded: max(1, hop.weight) - 1),
                                   rtnh_ifindex: hop.device?.rawValue ?? 0)
            withUnsafeBytes(of: header) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: attributes.payload)
        }
        return bytes
    }

    /// `struct rtvia { u16 rtvia_family; u8 rtvia_addr[]; }`.
    static func rtvia(_ address: IPAddress) -> [UInt8] {
        withUnsafeBytes(of: UInt16(address.family.rawValue)) { Array($0) } + address.networkBytes
    }

    static func attribute(_ type: rtattr_type_t) -> UInt16 { UInt16(type.rawValue) }
}
