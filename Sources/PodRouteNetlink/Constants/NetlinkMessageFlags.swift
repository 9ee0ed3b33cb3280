import CNetlink

/// `nlmsg_flags` (`NLM_F_*`, <linux/netlink.h>). Bits 8-11 mean different things for GET, NEW, DELETE
/// requests and for ACKs, so several names share a value, as in C.
public struct NetlinkMessageFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    private init(_ value: Int32) { self.rawValue = UInt16(value) }

    // Standard flags.
    public static let request = NetlinkMessageFlags(NLM_F_REQUEST)          // NLM_F_REQUEST
    public static let multi = NetlinkMessageFlags(NLM_F_MULTI)              // NLM_F_MULTI: part of a multi-part reply
    public static let ack = NetlinkMessageFlags(NLM_F_ACK)                  // NLM_F_ACK: reply with NLMSG_ERROR(0) on success
    public static let echo = NetlinkMessageFlags(NLM_F_ECHO)                // NLM_F_ECHO
    public static let dumpInterrupted = NetlinkMessageFlags(NLM_F_DUMP_INTR) // NLM_F_DUMP_INTR: dump inconsistent, restart
    public static let dumpFiltered = NetlinkMessageFlags(NLM_F_DUMP_FILTERED) // NLM_F_DUMP_FILTERED: kernel applied the filter

    // GET requests.
    public static let root = NetlinkMessageFlags(NLM_F_ROOT)                // NLM_F_ROOT
    public static let match = NetlinkMessageFlags(NLM_F_MATCH)              // NLM_F_MATCH
    public static let atomic = NetlinkMessageFlags(NLM_F_ATOMIC)            // NLM_F_ATOMIC
    public static let dump = NetlinkMessageFlags(NLM_F_DUMP)                // NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH

    // NEW requests.
    public static let replace = NetlinkMessageFlags(NLM_F_REPLACE)          // NLM_F_REPLACE
    public static let exclusive = NetlinkMessageFlags(NLM_F_EXCL)           // NLM_F_EXCL
    public static let create = NetlinkMessageFlags(NLM_F_CREATE)            // NLM_F_CREATE
    public static let append = NetlinkMessageFlags(NLM_F_APPEND)            // NLM_F_APPEND

    // DELETE requests.
    public static let nonRecursive = NetlinkMessageFlags(NLM_F_NONREC)      // NLM_F_NONREC
    public static let bulk = NetlinkMessageFlags(NLM_F_BULK)                // NLM_F_BULK

    // ACK messages (NLMSG_ERROR and NLMSG_DONE).
    public static let capped = NetlinkMessageFlags(NLM_F_CAPPED)            // NLM_F_CAPPED: request payload not echoed
    public static let ackTLVs = NetlinkMessageFlags(NLM_F_ACK_TLVS)         // NLM_F_ACK_TLVS: extended ACK attributes follow
}
