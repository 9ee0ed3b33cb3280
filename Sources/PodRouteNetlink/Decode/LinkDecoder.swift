import CNetlink
import PodRouteCore

/// `RTM_NEWLINK` -> `Link`: `struct ifinfomsg` plus the `IFLA_*` attributes `ip -d link` shows.
public enum LinkDecoder {
    /// Decodes one link message. Returns nil for other message types; throws when the message
    /// is too short for its `ifinfomsg` or has no `IFLA_IFNAME`.
    public static func decode(_ message: borrowing NetlinkMessage) throws(NetlinkError) -> UnresolvedLink? {
        guard message.type == .newLink || message.type == .delLink else { return nil }
        guard let header = message.header(as: ifinfomsg.self) else {
            throw .malformed("RTM_NEWLINK of \(message.payload.count) bytes, shorter than ifinfomsg")
        }
        var link = Link(index: InterfaceIndex(header.ifi_index), name: "",
                        flags: LinkFlags(rawValue: header.ifi_flags), mtu: 0,
                        linkType: LinkLayerType(rawValue: header.ifi_type))
        var hasName = false
        var result = UnresolvedLink(link: link)
        for attribute in message.attributes(after: ifinfomsg.self) {
            switch Int(attribute.type) {
            case Int(IFLA_IFNAME): link.name = attribute.string; hasName = true
            case Int(IFLA_IFALIAS): link.alias = attribute.string
            case Int(IFLA_MTU): link.mtu = attribute.uint32 ?? 0
            case Int(IFLA_MIN_MTU): link.minMTU = attribute.uint32
            case Int(IFLA_MAX_MTU): link.maxMTU = attribute.uint32
            case Int(IFLA_OPERSTATE): link.operState = OperState(rawValue: attribute.uint8 ?? 0)
            case Int(IFLA_LINKMODE): link.linkMode = attribute.uint8
            case Int(IFLA_ADDRESS): link.address = attribute.linkLayerAddress
            case Int(IFLA_BROADCAST): link.broadcast = attribute.linkLayerAddress
            case Int(IFLA_PERM_ADDRESS): link.permanentAddress = attribute.linkLayerAddress
            case Int(IFLA_MASTER): link.master = attribute.int32.map { InterfaceIndex($0) }
            case Int(IFLA_LINK): link.parent = attribute.int32.map { InterfaceIndex($0) }
            case Int(IFLA_LINK_NETNSID): link.linkNetnsID = attribute.int32
            case Int(IFLA_QDISC): link.qdisc = attribute.string
            case Int(IFLA_GROUP): link.group = attribute.uint32 ?? 0
            case Int(IFLA_TXQLEN): link.txQueueLength = attribute.uint32
            case Int(IFLA_PROMISCUITY): link.promiscuity = attribute.uint32
            case Int(IFLA_ALLMULTI): link.allmulti = attribute.uint32
            case Int(IFLA_NUM_TX_QUEUES): link.queues.txQueues = attribute.uint32
            case Int(IFLA_NUM_RX_QUEUES): link.queues.rxQueues = attribute.uint32
            case Int(IFLA_GSO_MAX_SIZE): link.queues.gsoMaxSize = attribute.uint32
            case Int(IFLA_GSO_MAX_SEGS): link.queues.gsoMaxSegments = attribute.uint32
            case Int(IFLA_TSO_MAX_SIZE): link.queues.tsoMaxSize = attribute.uint32
            case Int(IFLA_TSO_MAX_SEGS): link.queues.tsoMaxSegments = attribute.uint32
            case Int(IFLA_GRO_MAX_SIZE): link.queues.groMaxSize = attribute.uint32
            case Int(IFLA_PARENT_DEV_BUS_NAME): link.parentBus = attribute.string
            case Int(IFLA_PARENT_DEV_NAME): link.parentDevice = attribute.string
            case Int(IFLA_STATS64): link.stats = LinkStatsDecoder.decode(attribute.payload)
            case Int(IFLA_PROP_LIST):
                // IFLA_PROP_LIST nests one IFLA_ALT_IFNAME per altname, in creation order.
                for property in attribute.nested where Int(property.type) == Int(IFLA_ALT_IFNAME) {
                    link.altNames.append(property.string)
                }
            case Int(IFLA_LINKINFO):
                decodeLinkInfo(attribute.nested, into: &link, references: &result)
            default:
                continue
            }
        }
        guard hasName else { throw .malformed("RTM_NEWLINK for ifindex \(header.ifi_index) without IFLA_IFNAME") }
        result.link = link
        return result
    }

    /// `IFLA_LINKINFO`: `IFLA_INFO_KIND`, `IFLA_INFO_DATA`, `IFLA_INFO_SLAVE_KIND`, `IFLA_INFO_SLAVE_DATA`.
    /// The data nests are decoded after both kinds are known (the kernel sends kind first, but a
    /// capture need not).
    private static func decodeLinkInfo(_ info: NetlinkAttributes, into link: inout Link,
                                       references: inout UnresolvedLink) {
        var data: NetlinkAttributes?
        var slaveData: NetlinkAttributes?
        for attribute in info {
            switch Int(attribute.type) {
            case Int(IFLA_INFO_KIND): link.kind = LinkKind(attribute.string)
            case Int(IFLA_INFO_SLAVE_KIND): link.slaveKind = attribute.string
            case Int(IFLA_INFO_DATA): data = attribute.nested
            case Int(IFLA_INFO_SLAVE_DATA): slaveData = attribute.nested
            default: continue
            }
        }
        if let data, let kind = link.kind, let decoder = KindDataDecoders.data(kind: kind.rawValue) {
            let decoded = decoder(data)
            link.kindData = decoded.object
            references.kindReferences = decoded.references
        }
        if let slaveData, let kind = link.slaveKind, let decoder = KindDataDecoders.slaveData(kind: kind) {
            let decoded = decoder(slaveData)
            link.slaveData = decoded.object
            references.slaveReferences = decoded.references
        }
    }
}
