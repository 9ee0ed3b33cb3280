/// The names iproute2 gives to protocol, scope, table and group numbers: its built-in defaults
/// plus whatever the host's /etc/iproute2 files add (`rt_protos`, `rt_tables`, ...), so podroute
/// prints exactly what `ip` prints on that host.
public struct IPNames: Sendable, Equatable {
    public var protocols: [UInt8: String]
    public var scopes: [UInt8: String]
    public var tables: [UInt32: String]
    public var groups: [UInt32: String]

    /// iproute2 6.1's built-in tables (lib/rt_names.c) and Debian's shipped files.
    public static let iproute2Defaults = IPNames(
        protocols: [0: "unspec", 1: "redirect", 2: "kernel", 3: "boot", 4: "static", 8: "gated", 9: "ra",
                    10: "mrt", 11: "zebra", 12: "bird", 13: "dnrouted", 14: "xorp", 15: "ntk", 16: "dhcp",
                    18: "keepalived", 42: "babel", 99: "openr", 186: "bgp", 187: "isis", 188: "ospf",
                    189: "rip", 192: "eigrp"],
        scopes: [0: "global", 200: "site", 253: "link", 254: "host", 255: "nowhere"],
        tables: [0: "unspec", 253: "default", 254: "main", 255: "local"],
        groups: [0: "default"]
    )

    public init(protocols: [UInt8: String], scopes: [UInt8: String], tables: [UInt32: String], groups: [UInt32: String]) {
        self.protocols = protocols
        self.scopes = scopes
        self.tables = tables
        self.groups = groups
    }

    public func name(of proto: RouteProtocol) -> String { protocols[proto.rawValue] ?? String(proto.rawValue) }
    public func name(of scope: RouteScope) -> String { scopes[scope.rawValue] ?? String(scope.rawValue) }
    public func name(of table: RouteTableID) -> String { tables[table.rawValue] ?? String(table.rawValue) }
    public func groupName(_ group: UInt32) -> String { groups[group] ?? String(group) }

    public func routeProtocol(named text: some StringProtocol) -> RouteProtocol? {
        if let number = UInt8(text) { return RouteProtocol(rawValue: number) }
        return protocols.first { $0.value == text }.map { RouteProtocol(rawValue: $0.key) }
    }

    public func scope(named text: some StringProtocol) -> RouteScope? {
        if let number = UInt8(text) { return RouteScope(rawValue: number) }
        if text == "universe" { return .universe }
        return scopes.first { $0.value == text }.map { RouteScope(rawValue: $0.key) }
    }

    public func table(named text: some StringProtocol) -> RouteTableID? {
        if let number = UInt32(text) { return RouteTableID(number) }
        return tables.first { $0.value == text }.map { RouteTableID($0.key) }
    }

    public func group(named text: some StringProtocol) -> UInt32? {
        if let number = UInt32(text) { return number }
        return groups.first { $0.value == text }.map(\.key)
    }

    /// Adds the entries of an iproute2 name file (`number name` per line, `#` comments;
    /// numbers may be hex). Unparseable lines are skipped, as iproute2 skips them.
    public mutating func merge(file text: String, into keyPath: WritableKeyPath<IPNames, [UInt32: String]>) {
        for (number, name) in Self.entries(of: text) { self[keyPath: keyPath][number] = name }
    }

    public mutating func mergeProtocols(file text: String) {
        for (number, name) in Self.entries(of: text) where number <= 255 { protocols[UInt8(number)] = name }
    }

    public mutating func mergeScopes(file text: String) {
        for (number, name) in Self.entries(of: text) where number <= 255 { scopes[UInt8(number)] = name }
    }

    static func entries(of text: String) -> [(UInt32, String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, !fields[0].hasPrefix("#") else { return nil }
            let numberText = fields[0]
            let number = numberText.hasPrefix("0x") ? UInt32(numberText.dropFirst(2), radix: 16) : UInt32(numberText)
            guard let number, !fields[1].hasPrefix("#") else { return nil }
            return (number, String(fields[1]))
        }
    }
}
