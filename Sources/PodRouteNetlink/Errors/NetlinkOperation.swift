/// What podroute was doing when a netlink error happened; the first half of the error sentence.
public enum NetlinkOperation: Hashable, Sendable {
    /// `socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)` and `bind`.
    case openSocket
    /// Opening `/run/netns/NAME` and `setns(CLONE_NEWNET)` on the helper thread.
    case enterNamespace(String)
    /// `setsockopt` (strict checking, extended ACKs, buffer sizes).
    case configureSocket
    /// `NETLINK_ADD_MEMBERSHIP` for one multicast group.
    case joinGroup(RTNetlinkGroup)
    /// A `NLM_F_DUMP` request of the given type (`RTM_GETROUTE`: the route dump).
    case dump(NetlinkMessageType)
    /// A change acknowledged with `NLM_F_ACK` (`RTM_NEWROUTE`: adding a route).
    case request(NetlinkMessageType)
    /// A request answered by one message (`RTM_GETROUTE` without `NLM_F_DUMP`: `ip route get`).
    case query(NetlinkMessageType)
    /// Reading multicast notifications.
    case receiveEvents
    /// Parsing messages outside a socket exchange (captures, decoders).
    case decode

    /// "cannot ___": the operation as a verb phrase.
    var action: String {
        switch self {
        case .openSocket: "open a netlink socket"
        case .enterNamespace(let name): "enter network namespace '\(name)'"
        case .configureSocket: "configure the netlink socket"
        case .joinGroup(let group): "subscribe to netlink group \(group)"
        case .dump(let type): "dump \(type.objects) (\(type.name))"
        case .request(let type): "\(type.verb) the \(type.object) (\(type.name))"
        case .query(let type): "get the \(type.object) (\(type.name))"
        case .receiveEvents: "receive netlink events"
        case .decode: "decode netlink messages"
        }
    }

    /// "the kernel refused ___": the operation as the kernel's object of refusal.
    var refused: String {
        switch self {
        case .dump(let type): "the \(type.object) dump"
        case .request(let type): "to \(type.verb) the \(type.object)"
        case .query(let type): "the \(type.object) query"
        default: "to " + action
        }
    }
}
