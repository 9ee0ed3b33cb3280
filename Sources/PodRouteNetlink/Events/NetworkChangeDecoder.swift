import PodRouteCore

/// Turns one multicast notification into a model change (`ip monitor`). The decoders read
/// `RTM_NEW*` and `RTM_DEL*` alike: a deletion carries the object as it was.
public enum NetworkChangeDecoder {
    /// The change `message` announces; nil for messages podroute does not model (cache entries,
    /// nexthop objects). `names` resolves devices named inside link kind data (a vxlan's `dev`).
    public static func change(from message: borrowing NetlinkMessage, names: [InterfaceIndex: String])
        throws(NetlinkError) -> NetworkChange? {
        switch message.type {
        case .newLink:
            return try LinkDecoder.decode(message).map { .linkUpdated($0.resolved(names: names)) }
        case .delLink:
            return try LinkDecoder.decode(message).map { .linkRemoved($0.link.index) }
        case .newAddress:
            return try AddressDecoder.decode(message).map { .addressAdded($0) }
        case .delAddress:
            return try AddressDecoder.decode(message).map { .addressRemoved($0) }
        case .newRoute:
            let replacing = message.flags.contains(.replace)
            return try RouteDecoder.decode(message).map { .route(.added($0, replacing: replacing)) }
        case .delRoute:
            return try RouteDecoder.decode(message).map { .route(.removed($0)) }
        case .newRule:
            return try RuleDecoder.decode(message).map { .ruleAdded($0) }
        case .delRule:
            return try RuleDecoder.decode(message).map { .ruleRemoved($0) }
        case .newNetconf:
            return try NetconfDecoder.decode(message).map { .forwardingChanged($0) }
        case .newNeighbour, .delNeighbour:
            let removed = message.type == .delNeighbour
            switch try NeighbourDecoder.decode(message) {
            case .neighbour(let entry)?: return removed ? .neighbourRemoved(entry) : .neighbourUpdated(entry)
            case .fdb(let entry)?: return removed ? .fdbRemoved(entry) : .fdbUpdated(entry)
            case nil: return nil
            }
        default:
            return nil
        }
    }
}
