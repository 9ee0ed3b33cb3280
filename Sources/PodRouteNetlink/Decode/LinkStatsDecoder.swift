import PodRouteCore

/// `IFLA_STATS64`: `struct rtnl_link_stats64`, 24 or more u64 counters in a fixed order. The
/// payload is often only 4-byte aligned (no `IFLA_PAD` on x86_64), so every counter is an
/// unaligned load. Newer kernels append counters; older ones may lack `rx_nohandler`.
enum LinkStatsDecoder {
    static func decode(_ payload: UnsafeRawBufferPointer) -> LinkStats? {
        let count = payload.count / 8
        guard count >= 23 else { return nil }
        func counter(_ index: Int) -> UInt64 {
            index < count ? payload.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) : 0
        }
        var stats = LinkStats()
        stats.rxPackets = counter(0)
        stats.txPackets = counter(1)
        stats.rxBytes = counter(2)
        stats.txBytes = counter(3)
        stats.rxErrors = counter(4)
        stats.txErrors = counter(5)
        stats.rxDropped = counter(6)
        stats.txDropped = counter(7)
        stats.multicast = counter(8)
        stats.collisions = counter(9)
        stats.rxLengthErrors = counter(10)
        stats.rxOverErrors = counter(11)
        stats.rxCRCErrors = counter(12)
        stats.rxFrameErrors = counter(13)
        stats.rxFIFOErrors = counter(14)
        stats.rxMissedErrors = counter(15)
        stats.txAbortedErrors = counter(16)
        stats.txCarrierErrors = counter(17)
        stats.txFIFOErrors = counter(18)
        stats.txHeartbeatErrors = counter(19)
        stats.txWindowErrors = counter(20)
        stats.rxCompressed = counter(21)
        stats.txCompressed = counter(22)
        stats.rxNoHandler = counter(23)
        return stats
    }
}
