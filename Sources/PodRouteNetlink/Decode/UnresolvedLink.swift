import PodRouteCore

/// A link decoded from one `RTM_NEWLINK`, whose kind data may still name devices by index
/// (`IFLA_VXLAN_LINK`...). iproute2 prints those as names, known only once the whole dump is read.
public struct UnresolvedLink: Sendable {
    /// The link, with unresolved device references reading `if<N>`.
    public var link: Link
    var kindReferences: [DeviceReference] = []
    var slaveReferences: [DeviceReference] = []

    /// The link with device references named from `names` (`if<N>` for an index not in it, as
    /// `ll_index_to_name` prints it).
    public func resolved(names: [InterfaceIndex: String]) -> Link {
        var link = link
        for reference in kindReferences { link.kindData[reference.key] = .string(Self.name(reference.index, names)) }
        for reference in slaveReferences { link.slaveData[reference.key] = .string(Self.name(reference.index, names)) }
        return link
    }

    private static func name(_ index: InterfaceIndex, _ names: [InterfaceIndex: String]) -> String {
        names[index] ?? "if\(UInt32(bitPattern: index.rawValue))"
    }

    /// Resolves a whole dump against its own names.
    public static func resolve(_ links: [UnresolvedLink]) -> [Link] {
        var names: [InterfaceIndex: String] = [:]
        for link in links { names[link.link.index] = link.link.name }
        return links.map { $0.resolved(names: names) }
    }
}
