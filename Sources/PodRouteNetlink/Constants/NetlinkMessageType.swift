import CNetlink

/// `nlmsg_type`: the netlink control types (`NLMSG_*`) and the rtnetlink requests (`RTM_*`).
/// A struct, not an enum, so unknown types read from the wire are kept as they are.
public struct NetlinkMessageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    private init(_ value: Int32) { self.rawValue = UInt16(value) }
    private init(_ value: Int) { self.rawValue = UInt16(value) }

    // Control messages (<linux/netlink.h>).
    public static let noop = NetlinkMessageType(NLMSG_NOOP)          // NLMSG_NOOP
    public static let error = NetlinkMessageType(NLMSG_ERROR)        // NLMSG_ERROR (also the ACK)
    public static let done = NetlinkMessageType(NLMSG_DONE)          // NLMSG_DONE
    public static let overrun = NetlinkMessageType(NLMSG_OVERRUN)    // NLMSG_OVERRUN

    // rtnetlink (<linux/rtnetlink.h>).
    public static let newLink = NetlinkMessageType(RTM_NEWLINK)
    public static let delLink = NetlinkMessageType(RTM_DELLINK)
    public static let getLink = NetlinkMessageType(RTM_GETLINK)
    public static let setLink = NetlinkMessageType(RTM_SETLINK)
    public static let newAddress = NetlinkMessageType(RTM_NEWADDR)
    public static let delAddress = NetlinkMessageType(RTM_DELADDR)
    public static let getAddress = NetlinkMessageType(RTM_GETADDR)
    public static let newRoute = NetlinkMessageType(RTM_NEWROUTE)
    public static let delRoute = NetlinkMessageType(RTM_DELROUTE)
    public static let getRoute = NetlinkMessageType(RTM_GETROUTE)
    public static let newNeighbour = NetlinkMessageType(RTM_NEWNEIGH)
    public static let delNeighbour = NetlinkMessageType(RTM_DELNEIGH)
    public static let getNeighbour = NetlinkMessageType(RTM_GETNEIGH)
    public static let newRule = NetlinkMessageType(RTM_NEWRULE)
    public static let delRule = NetlinkMessageType(RTM_DELRULE)
    public static let getRule = NetlinkMessageType(RTM_GETRULE)
    public static let newNetconf = NetlinkMessageType(RTM_NEWNETCONF)
    public static let delNetconf = NetlinkMessageType(RTM_DELNETCONF)
    public static let getNetconf = NetlinkMessageType(RTM_GETNETCONF)
    public static let newNexthop = NetlinkMessageType(RTM_NEWNEXTHOP)
    public static let delNexthop = NetlinkMessageType(RTM_DELNEXTHOP)
    public static let getNexthop = NetlinkMessageType(RTM_GETNEXTHOP)

    /// The C name (`RTM_GETROUTE`), or `type N` for types not listed above.
    public var name: String {
        Self.known.first { $0.type == self }?.name ?? "type \(rawValue)"
    }

    public var description: String { name }

    /// What the message is about, for error sentences: `route`, `link`, `address`...
    var object: String {
        Self.known.first { $0.type == self }?.object ?? "netlink object"
    }

    /// The plural used for dumps: "routes", "links".
    var objects: String {
        switch object {
        case "address": "addresses"
        case "netconf": "netconf entries"
        default: object + "s"
        }
    }

    /// What a request of this type does to its object, for error sentences: `add`, `delete`...
    var verb: String {
        switch rawValue {
        case Self.noop.rawValue, Self.error.rawValue, Self.done.rawValue, Self.overrun.rawValue: "send"
        default:
            // rtnetlink groups its types in fours from RTM_BASE: NEW, DEL, GET, SET.
            switch (Int(rawValue) - Int(RTM_BASE)) & 3 {
            case 0: "add"
            case 1: "delete"
            case 2: "get"
            default: "change"
            }
        }
    }

    private static let known: [(type: NetlinkMessageType, name: String, object: String)] = [
        (.noop, "NLMSG_NOOP", "netlink message"), (.error, "NLMSG_ERROR", "netlink message"),
        (.done, "NLMSG_DONE", "netlink message"), (.overrun, "NLMSG_OVERRUN", "netlink message"),
        (.newLink, "RTM_NEWLINK", "link"), (.delLink, "RTM_DELLINK", "link"),
        (.getLink, "RTM_GETLINK", "link"), (.setLink, "RTM_SETLINK", "link"),
        (.newAddress, "RTM_NEWADDR", "address"), (.delAddress, "RTM_DELADDR", "address"),
        (.getAddress, "RTM_GETADDR", "address"),
        (.newRoute, "RTM_NEWROUTE", "route"), (.delRoute, "RTM_DELROUTE", "route"),
        (.getRoute, "RTM_GETROUTE", "route"),
        (.newNeighbour, "RTM_NEWNEIGH", "neighbour"), (.delNeighbour, "RTM_DELNEIGH", "neighbour"),
        (.getNeighbour, "RTM_GETNEIGH", "neighbour"),
        (.newRule, "RTM_NEWRULE", "rule"), (.delRule, "RTM_DELRULE", "rule"), (.getRule, "RTM_GETRULE", "rule"),
        (.newNetconf, "RTM_NEWNETCONF", "netconf"), (.delNetconf, "RTM_DELNETCONF", "netconf"),
        (.getNetconf, "RTM_GETNETCONF", "netconf"),
        (.newNexthop, "RTM_NEWNEXTHOP", "nexthop"), (.delNexthop, "RTM_DELNEXTHOP", "nexthop"),
        (.getNexthop, "RTM_GETNEXTHOP", "nexthop"),
    ]
}
