/// Writes `"stats64":{"rx":{...},"tx":{...}}` as `ip -j -s` (basic) or `ip -j -s -s`
/// (extended) prints it. Compressed and no-handler counts appear only when nonzero, as in
/// iproute2; `carrier_changes` (`IFLA_CARRIER_CHANGES`) is not in the model and is omitted.
enum IPLinkStatsJSON {
    static func write(_ stats: LinkStats, extended: Bool, to writer: inout JSONWriter) {
        writer.key("stats64")
        writer.beginObject()
        writer.key("rx")
        writer.beginObject()
        writer.member("bytes", stats.rxBytes)
        writer.member("packets", stats.rxPackets)
        writer.member("errors", stats.rxErrors)
        writer.member("dropped", stats.rxDropped)
        writer.member("over_errors", stats.rxOverErrors)
        writer.member("multicast", stats.multicast)
        if stats.rxCompressed != 0 { writer.member("compressed", stats.rxCompressed) }
        if extended {
            writer.member("length_errors", stats.rxLengthErrors)
            writer.member("crc_errors", stats.rxCRCErrors)
            writer.member("frame_errors", stats.rxFrameErrors)
            writer.member("fifo_errors", stats.rxFIFOErrors)
            writer.member("missed_errors", stats.rxMissedErrors)
            if stats.rxNoHandler != 0 { writer.member("nohandler", stats.rxNoHandler) }
        }
        writer.endObject()
        writer.key("tx")
        writer.beginObject()
        writer.member("bytes", stats.txBytes)
        writer.member("packets", stats.txPackets)
        writer.member("errors", stats.txErrors)
        writer.member("dropped", stats.txDropped)
        writer.member("carrier_errors", stats.txCarrierErrors)
        writer.member("collisions", stats.collisions)
        if stats.txCompressed != 0 { writer.member("compressed", stats.txCompressed) }
        if extended {
            writer.member("aborted_errors", stats.txAbortedErrors)
            writer.member("fifo_errors", stats.txFIFOErrors)
            writer.member("window_errors", stats.txWindowErrors)
            writer.member("heartbeat_errors", stats.txHeartbeatErrors)
        }
        writer.endObject()
        writer.endObject()
    }
}
