/// podroute's own members of an object (`role`, `encap`, `pod`, ...), written after every
/// member iproute2 prints so that scripts written against iproute2 keep working.
///
/// Two forms: a list of values for convenience, or a closure that writes straight into the
/// writer, for callers printing a million routes who would rather not build a list per route.
/// (Not `Sendable`: it is an argument, used at once, and may capture anything.)
public enum IPJSONExtra {
    case none
    case members([(String, JSONValue)])
    case writer((inout JSONWriter) -> Void)

    func write(into writer: inout JSONWriter) {
        switch self {
        case .none: break
        case .members(let members): writer.members(members)
        case .writer(let write): write(&writer)
        }
    }
}

/// The device names an encoder prints for interface indexes, fixed once per snapshot so that
/// encoding a route costs an array index, not a copy of a `Link` or a dictionary lookup.
public struct IPJSONDeviceNames: Sendable {
    private let names: [InterfaceIndex: String]
    private let up: Set<InterfaceIndex>
    /// The names as JSON strings by index, when indexes are small enough for a dense table.
    private let quoted: JSONStringTable?

    public init(_ snapshot: NetworkSnapshot) {
        var names: [InterfaceIndex: String] = [:]
        var up = Set<InterfaceIndex>()
        for link in snapshot.links {
            names[link.index] = link.name
            if link.isUp { up.insert(link.index) }
        }
        self.init(names: names, up: up)
    }

    public init(names: [InterfaceIndex: String], up: Set<InterfaceIndex> = []) {
        self.names = names
        self.up = up
        let highest = Int(names.keys.map(\.rawValue).max() ?? 0)
        // Inferred devices sit above 100,000; a node rarely reaches that many real indexes.
        quoted = highest < 262_144 ? JSONStringTable(count: highest + 1) { slot in
            slot == 0 ? nil : names[InterfaceIndex(Int32(slot))]
        } : nil
    }

    /// iproute2's `ll_index_to_name`: the name, `if<N>` for an unknown index, `*` for 0.
    public func name(_ index: InterfaceIndex) -> String {
        if index.rawValue == 0 { return "*" }
        return names[index] ?? "if\(UInt32(bitPattern: index.rawValue))"
    }

    /// Writes `name(index)` as a JSON string.
    @inline(__always)
    func write(_ index: InterfaceIndex, to writer: inout JSONWriter) {
        if let quoted, quoted.write(Int(index.rawValue), to: &writer) { return }
        writer.string(name(index))
    }

    /// Whether the device is known and up (iproute2 marks a link `M-DOWN` otherwise).
    public func isUp(_ index: InterfaceIndex) -> Bool { up.contains(index) }
}
