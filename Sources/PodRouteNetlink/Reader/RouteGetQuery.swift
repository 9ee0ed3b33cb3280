import PodRouteCore

/// The question `ip route get` asks the kernel: where would a packet to `destination` go?
///
/// With `inputInterface` (and usually `source`) the kernel does an input lookup, as for a packet
/// arriving on that interface (`ip route get 10.0.0.1 from 10.1.0.5 iif eth0`): forwarding,
/// rp_filter and policy rules matching `iif` apply. Otherwise it is an output lookup from this host.
public struct RouteGetQuery: Hashable, Sendable {
    /// `to ADDRESS` (`RTA_DST`, sent as a /32 or /128).
    public var destination: IPAddress
    /// `from ADDRESS` (`RTA_SRC`).
    public var source: IPAddress?
    /// `iif DEVICE` (`RTA_IIF`).
    public var inputInterface: InterfaceIndex?
    /// `oif DEVICE` (`RTA_OIF`).
    public var outputInterface: InterfaceIndex?
    /// `mark FWMARK` (`RTA_MARK`): selects `fwmark` policy rules.
    public var mark: UInt32?
    /// `tos TOS` (`rtm_tos`).
    public var tos: UInt8
    /// `fibmatch` (`RTM_F_FIB_MATCH`): answer with the FIB entry that matched (a multipath route
    /// whole, with its prefix, table and metric) instead of the one next hop the packet would take.
    public var fibMatch: Bool

    public init(destination: IPAddress, source: IPAddress? = nil, inputInterface: InterfaceIndex? = nil,
                outputInterface: InterfaceIndex? = nil, mark: UInt32? = nil, tos: UInt8 = 0, fibMatch: Bool = false) {
        self.destination = destination
        self.source = source
        self.inputInterface = inputInterface
        self.outputInterface = outputInterface
        self.mark = mark
        self.tos = tos
        self.fibMatch = fibMatch
    }
}
