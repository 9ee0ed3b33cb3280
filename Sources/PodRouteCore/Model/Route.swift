/// One next hop of a multipath route (`struct rtnexthop` plus its attributes).
public struct Nexthop: Hashable, Sendable {
    public var gateway: IPAddress?
    /// `RTA_VIA`: a gateway of another family (IPv4 over an IPv6 next hop).
    public var via: IPAddress?
    public var device: InterfaceIndex?
    /// The kernel's weight (`rtnh_hops + 1`).
    public var weight: UInt16
    public var flags: RouteFlags
    /// `RTA_FLOW` realms of this hop.
    public var realms: UInt32?

    public init(gateway: IPAddress? = nil, via: IPAddress? = nil, device: InterfaceIndex? = nil,
                weight: UInt16 = 1, flags: RouteFlags = [], realms: UInt32? = nil) {
        self.gateway = gateway
        self.via = via
        self.device = device
        self.weight = weight
        self.flags = flags
        self.realms = realms
    }
}

/// A route as the kernel reports it: every field `ip -d route` shows.
public struct Route: Hashable, Sendable {
    public var family: AddressFamily
    public var type: RouteType
    /// `RTA_DST` with `rtm_dst_len`; the default route is `0.0.0.0/0` or `::/0`.
    public var destination: IPPrefix
    /// `RTA_SRC` with `rtm_src_len` (source-specific IPv6 routes, `from ...`).
    public var source: IPPrefix?
    public var tos: UInt8
    public var table: RouteTableID
    public var proto: RouteProtocol
    public var scope: RouteScope
    public var flags: RouteFlags
    /// `RTA_PRIORITY`; absent for IPv4 routes of metric 0.
    public var metric: UInt32?
    public var gateway: IPAddress?
    public var via: IPAddress?
    /// `RTA_OIF`.
    public var device: InterfaceIndex?
    /// `RTA_IIF` (only in `route get` answers with `iif`).
    public var inputDevice: InterfaceIndex?
    /// `RTA_PREFSRC`.
    public var preferredSource: IPAddress?
    public var nexthops: [Nexthop]
    public var metrics: RouteMetrics
    /// `RTA_PREF` (IPv6).
    public var preference: RoutePreference?
    /// Seconds until an expiring route (`RTA_CACHEINFO.rta_expires`) disappears.
    public var expires: UInt32?
    /// `RTA_NH_ID`: the route uses a nexthop object.
    public var nexthopID: UInt32?
    /// `RTA_FLOW` realms.
    public var realms: UInt32?

    public init(family: AddressFamily, type: RouteType = .unicast, destination: IPPrefix, source: IPPrefix? = nil,
                tos: UInt8 = 0, table: RouteTableID = .main, proto: RouteProtocol = .boot,
                scope: RouteScope = .universe, flags: RouteFlags = [], metric: UInt32? = nil,
                gateway: IPAddress? = nil, via: IPAddress? = nil, device: InterfaceIndex? = nil,
                inputDevice: InterfaceIndex? = nil, preferredSource: IPAddress? = nil, nexthops: [Nexthop] = [],
                metrics: RouteMetrics = RouteMetrics(), preference: RoutePreference? = nil, expires: UInt32? = nil,
                nexthopID: UInt32? = nil, realms: UInt32? = nil) {
        self.family = family
        self.type = type
        self.destination = destination
        self.source = source
        self.tos = tos
        self.table = table
        self.proto = proto
        self.scope = scope
        self.flags = flags
        self.metric = metric
        self.gateway = gateway
        self.via = via
        self.device = device
        self.inputDevice = inputDevice
        self.preferredSource = preferredSource
        self.nexthops = nexthops
        self.metrics = metrics
        self.preference = preference
        self.expires = expires
        self.nexthopID = nexthopID
        self.realms = realms
    }

    /// The route's next hops, single-path routes as one hop, so callers need not special-case.
    public var hops: [Nexthop] {
        if !nexthops.isEmpty { return nexthops }
        guard gateway != nil || via != nil || device != nil else { return [] }
        return [Nexthop(gateway: gateway, via: via, device: device, weight: 1, flags: flags.intersection(.hopFlags))]
    }

    /// The metric the kernel compares (absent means 0).
    public var effectiveMetric: UInt32 { metric ?? 0 }
}

extension RouteFlags {
    /// The bits a next hop carries (`RTNH_F_*`).
    public static let hopFlags = RouteFlags(rawValue: 0xff)
}
