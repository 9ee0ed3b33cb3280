import CNetlink

extension NetlinkMessageType {
    /// `RTM_NEWNSID`: the answer to `RTM_GETNSID`.
    public static let newNamespaceID = NetlinkMessageType(rawValue: UInt16(RTM_NEWNSID))
    /// `RTM_GETNSID`: which id this namespace gives another one (`ip netns list-id`).
    public static let getNamespaceID = NetlinkMessageType(rawValue: UInt16(RTM_GETNSID))
}

extension NetlinkRequest {
    /// `RTM_GETNSID` with `struct rtgenmsg` (`AF_UNSPEC`) and `NETNSA_FD`: asks the socket's namespace
    /// which nsid it has assigned to the namespace behind `descriptor` (an open /run/netns/NAME).
    /// The answer is `RTM_NEWNSID` with `NETNSA_NSID` (-1 when none is assigned). This is how
    /// `ip link` prints `link-netns NAME`.
    public static func namespaceID(ofNamespaceFile descriptor: Int32) -> NetlinkRequest {
        var request = NetlinkRequest(.getNamespaceID, header: rtgenmsg(rtgen_family: NetlinkFamily.unspec.rawValue))
        request.append(UInt16(NETNSA_FD), UInt32(bitPattern: descriptor))
        return request
    }
}
