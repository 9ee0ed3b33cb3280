/// Writes forwarding settings as one object of `ip -j netconf show` (iproute2 6.1
/// `print_netconf`): `family`, `interface` (`all`, `default` or a device name), then each
/// setting the kernel reported, booleans for on/off and a word for `rp_filter` (IPv4 only).
public struct IPNetconfJSON: Sendable {
    public let devices: IPJSONDeviceNames

    public init(snapshot: NetworkSnapshot) {
        devices = IPJSONDeviceNames(snapshot)
    }

    public init(devices: IPJSONDeviceNames) {
        self.devices = devices
    }

    public func write(_ config: ForwardingConfig, to writer: inout JSONWriter, extra: IPJSONExtra = .none) {
        writer.beginObject()
        writer.member("family", IPJSONVocabulary.familyName(config.family))
        switch config.scope {
        case .all: writer.member("interface", "all" as StaticString)
        case .defaults: writer.member("interface", "default" as StaticString)
        case .interface(let index): writer.member("interface", devices.name(index))
        }
        if let value = config.forwarding { writer.member("forwarding", value) }
        if let filter = config.reversePathFilter { writer.member("rp_filter", filter.name) }
        if let value = config.multicastForwarding { writer.member("mc_forwarding", value) }
        if let value = config.proxyNeighbour { writer.member("proxy_neigh", value) }
        if let value = config.ignoreRoutesWithLinkdown { writer.member("ignore_routes_with_linkdown", value) }
        extra.write(into: &writer)
        writer.endObject()
    }

    public func text(_ config: ForwardingConfig, extra: IPJSONExtra = .none) -> String {
        var writer = JSONWriter(capacity: 256)
        write(config, to: &writer, extra: extra)
        return writer.text
    }
}
