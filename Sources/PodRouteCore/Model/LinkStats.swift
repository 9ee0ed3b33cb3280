/// `IFLA_STATS64` counters (`struct rtnl_link_stats64`).
public struct LinkStats: Hashable, Sendable {
    public var rxPackets: UInt64 = 0
    public var txPackets: UInt64 = 0
    public var rxBytes: UInt64 = 0
    public var txBytes: UInt64 = 0
    public var rxErrors: UInt64 = 0
    public var txErrors: UInt64 = 0
    public var rxDropped: UInt64 = 0
    public var txDropped: UInt64 = 0
    public var multicast: UInt64 = 0
    public var collisions: UInt64 = 0
    public var rxLengthErrors: UInt64 = 0
    public var rxOverErrors: UInt64 = 0
    public var rxCRCErrors: UInt64 = 0
    public var rxFrameErrors: UInt64 = 0
    public var rxFIFOErrors: UInt64 = 0
    public var rxMissedErrors: UInt64 = 0
    public var txAbortedErrors: UInt64 = 0
    public var txCarrierErrors: UInt64 = 0
    public var txFIFOErrors: UInt64 = 0
    public var txHeartbeatErrors: UInt64 = 0
    public var txWindowErrors: UInt64 = 0
    public var rxCompressed: UInt64 = 0
    public var txCompressed: UInt64 = 0
    public var rxNoHandler: UInt64 = 0

    public init() {}
}
