/// iproute2's names read back into numbers. `IPNames` looks names up by scanning; a capture
/// of 100k routes asks for a protocol and a scope on every line, so the reverse maps are built
/// once per parser. Numbers are accepted wherever names are (`ip -N`, `proto 80`).
struct NameTables {
    private let protocols: [String: UInt8]
    private let scopes: [String: UInt8]
    private let tables: [String: UInt32]
    private let groups: [String: UInt32]

    init(_ names: IPNames = .iproute2Defaults) {
        protocols = Dictionary(names.protocols.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        var scopes = Dictionary(names.scopes.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        scopes["universe"] = RouteScope.universe.rawValue
        self.scopes = scopes
        tables = Dictionary(names.tables.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        groups = Dictionary(names.groups.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
    }

    func routeProtocol(_ text: Substring) -> RouteProtocol? {
        if let number = UInt8(text) { return RouteProtocol(rawValue: number) }
        return protocols[String(text)].map { RouteProtocol(rawValue: $0) }
    }

    func scope(_ text: Substring) -> RouteScope? {
        if let number = UInt8(text) { return RouteScope(rawValue: number) }
        return scopes[String(text)].map { RouteScope(rawValue: $0) }
    }

    func table(_ text: Substring) -> RouteTableID? {
        if let number = UInt32(text) { return RouteTableID(number) }
        return tables[String(text)].map { RouteTableID($0) }
    }

    func group(_ text: Substring) -> UInt32? {
        if let number = UInt32(text) { return number }
        return groups[String(text)]
    }
}
