import CNetlink

/// The kernel's extended ACK attributes (`NLMSGERR_ATTR_*`), sent after the error code in
/// `NLMSG_ERROR` and `NLMSG_DONE` when the socket has `NETLINK_EXT_ACK` and the message carries
/// `NLM_F_ACK_TLVS`.
public struct ExtendedAck: Hashable, Sendable {
    /// `NLMSGERR_ATTR_MSG`: the human-readable reason, e.g. "Invalid values in header for FIB dump request".
    public var message: String?
    /// `NLMSGERR_ATTR_OFFS`: byte offset of the offending attribute in the request.
    public var offset: UInt32?
    /// `NLMSGERR_ATTR_MISS_TYPE`: type of a required attribute the request lacked.
    public var missingAttribute: UInt32?

    public init(message: String? = nil, offset: UInt32? = nil, missingAttribute: UInt32? = nil) {
        self.message = message
        self.offset = offset
        self.missingAttribute = missingAttribute
    }

    /// Reads the TLVs that follow the error code; unknown attributes are skipped.
    init(attributes: NetlinkAttributes) {
        for attribute in attributes {
            switch UInt32(attribute.type) {
            case NLMSGERR_ATTR_MSG.rawValue: message = attribute.string
            case NLMSGERR_ATTR_OFFS.rawValue: offset = attribute.uint32
            case NLMSGERR_ATTR_MISS_TYPE.rawValue: missingAttribute = attribute.uint32
            default: continue
            }
        }
    }
}
