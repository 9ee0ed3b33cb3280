/// podroute's own members of an object (`role`, `encap`, `pod`, ...), written after every
/// member iproute2 prints so that scripts written against iproute2 keep working.
///
/// Two forms: a list of values for convenience, or a closure that writes straight into the
/// writer, for callers printing a million routes who would rather not build a list per route.
public enum IPJSONExtra: Sendable {
    case none
    case members([(String, JSONValue)])
    case writer(@Sendable (inout JSONWriter) -> Void)

    func write(into writer: inout JSONWriter) {
        switch self {
        case .none: break
        case .members(let members): writer.members(members)
        case .writer(let write): write(&writer)
        }
    }
}

/// The device names an encoder prints for interface indexes, fixed once per snapshot so that
/// encoding a route costs one dictionary lookup, not a copy of a `Link`.
public struct IPJSONDeviceNames: Sendable {
    private let names: [InterfaceIndex: String]
    private let up: Set<InterfaceIndex>

    public init(_ snapshot: NetworkSnapshot) {
        var names: [InterfaceIndex: String] = [:]
        var up = Set<InterfaceIndex>()
        for link in snapshot.links {
            names[link.index] = link.name
            if link.isUp { up.insert(link.index) }
        }
        self.names = names
        self.up = up
    }

    public init(names: [InterfaceIndex: String], up: Set<InterfaceIndex> = []) {
        self.names = names
        self.up = up
    }

    /// iproute2's `ll_index_to_name`: the name, `if<N>` for an unknown index, `*` for 0.
    public func name(_ index: InterfaceIndex) -> String {
        if index.rawValue == 0 { return "*" }
        return names[index] ?? "if\(UInt32(bitPattern: index.rawValue))"
    }

    /// Whether the device is known and up (iproute2 marks a link `M-DOWN` otherwise).
    public func isUp(_ index: InterfaceIndex) -> Bool { up.contains(index) }
}
