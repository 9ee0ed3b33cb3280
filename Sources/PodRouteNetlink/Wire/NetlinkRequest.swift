import CNetlink

/// A request as data: message type, extra flags, the family's fixed header and attributes.
///
/// The socket owns the rest of `nlmsghdr`: it adds `NLM_F_REQUEST` plus `NLM_F_DUMP` (`dump`) or
/// `NLM_F_ACK` (`execute`), the sequence number, and port id 0 (the kernel). Put only the
/// verb-specific flags here, e.g. `NLM_F_CREATE | NLM_F_EXCL` for `ip route add`.
public struct NetlinkRequest: Hashable, Sendable {
    public let type: NetlinkMessageType
    /// Flags beyond the ones the socket adds (`NLM_F_CREATE`, `NLM_F_REPLACE`...).
    public var flags: NetlinkMessageFlags
    /// The fixed header, padded to 4 bytes, then the attributes: everything after `nlmsghdr`.
    public private(set) var payload: [UInt8] = []
    /// Set when an attribute could not be encoded (payload over 65,531 bytes); the socket refuses to send.
    public private(set) var encodingProblem: String?

    /// A request with no fixed header (rare: most rtnetlink requests need one).
    public init(_ type: NetlinkMessageType, flags: NetlinkMessageFlags = []) {
        self.type = type
        self.flags = flags
    }

    /// A request whose payload starts with `header` (`rtmsg`, `ifinfomsg`...), copied byte for byte
    /// and padded to 4. With `NETLINK_GET_STRICT_CHK` the kernel rejects non-zero fields it does not
    /// filter on, so start from a zeroed struct.
    public init<Header: BitwiseCopyable>(_ type: NetlinkMessageType, flags: NetlinkMessageFlags = [], header: Header) {
        self.init(type, flags: flags)
        withUnsafeBytes(of: header) { payload.append(contentsOf: $0) }
        pad()
    }

    // MARK: Attributes (host byte order unless stated; each padded to 4 bytes)

    /// Appends an attribute with raw payload bytes.
    public mutating func append(_ attributeType: UInt16, bytes: some Collection<UInt8>) {
        let length = Int(cnl_rta_length(0)) + bytes.count
        guard length <= Int(UInt16.max) else {
            encodingProblem = "attribute \(attributeType) has \(bytes.count) bytes, more than fit in rta_len"
            return
        }
        appendHeader(attributeType, length: length)
        payload.append(contentsOf: bytes)
        pad()
    }

    /// Appends an integer attribute (`RTA_TABLE` u32, `RTA_PRIORITY` u32, `IFLA_MTU` u32...).
    public mutating func append<Value: FixedWidthInteger & BitwiseCopyable>(_ attributeType: UInt16, _ value: Value) {
        withUnsafeBytes(of: value) { append(attributeType, bytes: $0) }
    }

    /// Appends a NUL-terminated string attribute (`IFLA_IFNAME`, `IFLA_INFO_KIND`).
    public mutating func append(_ attributeType: UInt16, string: String) {
        append(attributeType, bytes: Array(string.utf8) + [0])
    }

    /// Appends a nested attribute whose payload is the attributes `build` appends (`IFLA_LINKINFO`).
    /// Like iproute2's `addattr_nest`, it does not set `NLA_F_NESTED` unless asked to.
    public mutating func appendNested(
        _ attributeType: UInt16,
        markNested: Bool = false,
        _ build: (inout NetlinkRequest) -> Void
    ) {
        let start = payload.count
        appendHeader(markNested ? attributeType | cnl_nla_f_nested() : attributeType, length: 0)
        build(&self)
        let length = payload.count - start
        guard length <= Int(UInt16.max) else {
            encodingProblem = "nested attribute \(attributeType) has \(length) bytes, more than fit in rta_len"
            return
        }
        withUnsafeBytes(of: UInt16(length)) { payload.replaceSubrange(start..<(start + 2), with: $0) }
    }

    // MARK: Encoding

    /// The datagram to send: `nlmsghdr` (length, type, `flags` plus `socketFlags`, sequence, port 0)
    /// followed by the payload.
    func encoded(sequence: UInt32, socketFlags: NetlinkMessageFlags) -> [UInt8] {
        let header = nlmsghdr(
            nlmsg_len: UInt32(Int(cnl_nlmsg_hdrlen()) + payload.count),
            nlmsg_type: type.rawValue,
            nlmsg_flags: flags.union(socketFlags).rawValue,
            nlmsg_seq: sequence,
            nlmsg_pid: 0
        )
        var datagram = [UInt8]()
        datagram.reserveCapacity(Int(header.nlmsg_len))
        withUnsafeBytes(of: header) { datagram.append(contentsOf: $0) }
        datagram.append(contentsOf: payload)
        return datagram
    }

    private mutating func appendHeader(_ attributeType: UInt16, length: Int) {
        withUnsafeBytes(of: UInt16(length)) { payload.append(contentsOf: $0) }
        withUnsafeBytes(of: attributeType) { payload.append(contentsOf: $0) }
    }

    private mutating func pad() {
        let aligned = Int(cnl_rta_align(UInt32(payload.count)))
        payload.append(contentsOf: repeatElement(0, count: aligned - payload.count))
    }
}
