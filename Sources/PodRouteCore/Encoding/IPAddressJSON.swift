/// Writes a link with its addresses as one object of `ip -j -d addr show` (iproute2 6.1
/// `print_linkinfo` + `print_selected_addrinfo`): the same keys in the same order with the
/// same value types, then podroute's members.
///
/// Reproduced on purpose: a veth whose peer is in this namespace names it (`"link":"vpb"`),
/// one whose peer is elsewhere gives its index and namespace id (`link_index`,
/// `link_netnsid`), a tunnel without a lower device has `"link":null`; `flags` starts with
/// `NO-CARRIER` for a device that is up without carrier and ends with `M-DOWN` when the
/// lower device is down; kind-specific details pass through as `linkinfo.info_data`.
public struct IPAddressJSON: Sendable {
    /// How much of `ip -s` to add: nothing, `-s` or `-s -s`.
    public enum Statistics: Sendable {
        case none
        case basic
        case extended
    }

    public struct Options: Sendable {
        /// Print `addr_info` (off: the object matches `ip -j -d link show`).
        public var includeAddresses: Bool
        /// Print `linkmode` as `ip -d link` does (`addr show` does not).
        public var includeLinkMode: Bool
        /// Print `stats64` after `addr_info`, shaped as `ip -j -s` prints it.
        public var statistics: Statistics

        public init(includeAddresses: Bool = true, includeLinkMode: Bool = false, statistics: Statistics = .none) {
            self.includeAddresses = includeAddresses
            self.includeLinkMode = includeLinkMode
            self.statistics = statistics
        }
    }

    public let devices: IPJSONDeviceNames
    public let names: IPNames
    public let options: Options
    private let addressesByLink: [InterfaceIndex: [InterfaceAddress]]

    public init(snapshot: NetworkSnapshot, options: Options = Options()) {
        devices = IPJSONDeviceNames(snapshot)
        names = snapshot.names
        self.options = options
        var byLink: [InterfaceIndex: [InterfaceAddress]] = [:]
        for address in snapshot.addresses { byLink[address.interface, default: []].append(address) }
        addressesByLink = byLink
    }

    /// Writes `link` and its addresses from the snapshot.
    public func write(_ link: Link, to writer: inout JSONWriter, extra: IPJSONExtra = .none) {
        write(link, addresses: addressesByLink[link.index] ?? [], to: &writer, extra: extra)
    }

    /// Writes `link` with the given addresses, `extra` members last.
    public func write(_ link: Link, addresses: [InterfaceAddress], to writer: inout JSONWriter,
                      extra: IPJSONExtra = .none) {
        writer.beginObject()
        writer.key("ifindex")
        writer.int(Int64(link.index.rawValue))
        let lowerIsDown = writeLowerDevice(of: link, to: &writer)
        writer.member("ifname", link.name)
        writeFlags(link.flags, lowerIsDown: lowerIsDown, to: &writer)
        writer.member("mtu", link.mtu)
        if let qdisc = link.qdisc { writer.member("qdisc", qdisc) }
        if let master = link.master { writer.member("master", devices.name(master)) }
        if Int(link.operState.rawValue) < OperState.names.count {
            writer.member("operstate", link.operState.name)
        } else {
            writer.member("operstate_index", UInt32(link.operState.rawValue))
        }
        if options.includeLinkMode, let mode = link.linkMode {
            switch mode {
            case 0: writer.member("linkmode", "DEFAULT" as StaticString)
            case 1: writer.member("linkmode", "DORMANT" as StaticString)
            default: writer.member("linkmode_index", UInt32(mode))
            }
        }
        writer.member("group", names.groupName(link.group))
        if let length = link.txQueueLength, length != 0 { writer.member("txqlen", length) }
        writer.member("link_type", link.linkType.name)
        if let address = link.address {
            writer.key("address")
            writer.linkLayerAddress(address, type: link.linkType)
        }
        if let broadcast = link.broadcast {
            if link.flags.contains(.pointToPoint) { writer.member("link_pointtopoint", true) }
            writer.key("broadcast")
            writer.linkLayerAddress(broadcast, type: link.linkType)
        }
        if let permanent = link.permanentAddress, permanent != link.address {
            writer.key("permaddr")
            writer.linkLayerAddress(permanent, type: link.linkType)
        }
        if let netnsID = link.linkNetnsID { writer.member("link_netnsid", Int64(netnsID)) }
        if let promiscuity = link.promiscuity { writer.member("promiscuity", promiscuity) }
        if let allmulti = link.allmulti { writer.member("allmulti", allmulti) }
        if let minMTU = link.minMTU { writer.member("min_mtu", minMTU) }
        if let maxMTU = link.maxMTU { writer.member("max_mtu", maxMTU) }
        writeLinkInfo(of: link, to: &writer)
        writeQueues(link.queues, to: &writer)
        if let bus = link.parentBus { writer.member("parentbus", bus) }
        if let device = link.parentDevice { writer.member("parentdev", device) }
        if let alias = link.alias { writer.member("ifalias", alias) }
        if !link.altNames.isEmpty {
            writer.key("altnames")
            writer.beginArray()
            for name in link.altNames { writer.string(name) }
            writer.endArray()
        }
        if options.includeAddresses {
            writer.key("addr_info")
            writer.beginArray()
            for address in addresses { IPAddressInfoJSON.write(address, names: names, to: &writer) }
            writer.endArray()
        }
        if options.statistics != .none, let stats = link.stats {
            IPLinkStatsJSON.write(stats, extended: options.statistics == .extended, to: &writer)
        }
        if let netnsName = link.linkNetnsName { writer.member("link_netns", netnsName) }
        if link.isInferred { writer.member("inferred", true) }
        extra.write(into: &writer)
        writer.endObject()
    }

    /// One link as text (tests, small outputs).
    public func text(_ link: Link, extra: IPJSONExtra = .none) -> String {
        var writer = JSONWriter(capacity: 1024)
        write(link, to: &writer, extra: extra)
        return writer.text
    }

    // MARK: Parts

    /// iproute2's `print_name_and_link`; returns whether the lower device is down (`M-DOWN`).
    private func writeLowerDevice(of link: Link, to writer: inout JSONWriter) -> Bool {
        guard let parent = link.parent else { return false }
        if parent.rawValue == 0 {
            writer.nullMember("link")
            return false
        }
        if link.linkNetnsID != nil {
            writer.key("link_index")
            writer.int(Int64(parent.rawValue))
            return false
        }
        writer.member("link", devices.name(parent))
        return !devices.isUp(parent)
    }

    /// `print_link_flags`: `NO-CARRIER` first for up-without-carrier, `RUNNING` never,
    /// unnamed bits as hex text, `M-DOWN` last.
    private func writeFlags(_ flags: LinkFlags, lowerIsDown: Bool, to writer: inout JSONWriter) {
        writer.key("flags")
        writer.beginArray()
        if flags.contains(.up), !flags.contains(.running) { writer.string("NO-CARRIER") }
        var rest = flags.subtracting(.running)
        for (flag, name) in LinkFlags.printed where rest.contains(flag) {
            writer.string(name)
            rest.remove(flag)
        }
        if !rest.isEmpty { writer.string(String(rest.rawValue, radix: 16)) }
        if lowerIsDown { writer.string("M-DOWN") }
        writer.endArray()
    }

    private func writeLinkInfo(of link: Link, to writer: inout JSONWriter) {
        guard link.kind != nil || link.slaveKind != nil else { return }
        writer.key("linkinfo")
        writer.beginObject()
        if let kind = link.kind {
            writer.member("info_kind", kind.rawValue)
            if !link.kindData.isEmpty || Self.kindsWithData.contains(kind.rawValue) {
                writer.key("info_data")
                writer.beginObject()
                writer.members(of: link.kindData)
                writer.endObject()
            }
        }
        if let slaveKind = link.slaveKind {
            writer.member("info_slave_kind", slaveKind)
            if !link.slaveData.isEmpty || Self.slaveKindsWithData.contains(slaveKind) {
                writer.key("info_slave_data")
                writer.beginObject()
                writer.members(of: link.slaveData)
                writer.endObject()
            }
        }
        writer.endObject()
    }

    private func writeQueues(_ queues: QueueCounts, to writer: inout JSONWriter) {
        if let value = queues.txQueues { writer.member("num_tx_queues", value) }
        if let value = queues.rxQueues { writer.member("num_rx_queues", value) }
        if let value = queues.gsoMaxSize { writer.member("gso_max_size", value) }
        if let value = queues.gsoMaxSegments { writer.member("gso_max_segs", value) }
        if let value = queues.tsoMaxSize { writer.member("tso_max_size", value) }
        if let value = queues.tsoMaxSegments { writer.member("tso_max_segs", value) }
        if let value = queues.groMaxSize { writer.member("gro_max_size", value) }
    }

    /// Kinds whose iproute2 printer always opens `info_data`, even with nothing to put in it.
    static let kindsWithData: Set<String> = [
        "bridge", "vxlan", "macvlan", "macvtap", "ipvlan", "ipvtap", "vlan", "bond", "geneve", "ipip", "sit",
        "gre", "gretap", "ip6tnl", "ip6gre", "ip6gretap", "vti", "vti6", "vrf", "tun", "xfrm", "bareudp",
    ]

    /// Slave kinds whose printer always opens `info_slave_data`.
    static let slaveKindsWithData: Set<String> = ["bridge", "bond", "vrf"]
}
