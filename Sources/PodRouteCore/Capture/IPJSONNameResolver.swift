/// Turns the names iproute2 printed for tables, protocols, scopes and groups back into numbers.
///
/// A host's /etc/iproute2 files may name numbers podroute has never seen (`"table":"calico"`).
/// Such a name is not an error: it gets a stand-in number from the top of its range, is added
/// to the capture's names so that it prints again as the same name and every later mention
/// maps to the same number, and one warning says so.
enum IPJSONNameResolver {
    static func table(_ text: String, line: Int, into builder: inout CaptureBuilder) -> RouteTableID {
        if let id = builder.ipNames.table(named: text) { return id }
        var names = builder.ipNames
        let number = standIn(below: UInt32.max, taken: { names.tables[$0] != nil })
        names.tables[number] = text
        builder.use(names: names)
        warnStandIn("table", text, number: UInt64(number), line: line, into: &builder)
        return RouteTableID(number)
    }

    static func routeProtocol(_ text: String, line: Int, into builder: inout CaptureBuilder) -> RouteProtocol {
        if let proto = builder.ipNames.routeProtocol(named: text) { return proto }
        var names = builder.ipNames
        let number = standIn(below: UInt8.max, taken: { names.protocols[$0] != nil })
        names.protocols[number] = text
        builder.use(names: names)
        warnStandIn("protocol", text, number: UInt64(number), line: line, into: &builder)
        return RouteProtocol(rawValue: number)
    }

    static func scope(_ text: String, line: Int, into builder: inout CaptureBuilder) -> RouteScope {
        if let scope = builder.ipNames.scope(named: text) { return scope }
        var names = builder.ipNames
        let number = standIn(below: UInt8.max, taken: { names.scopes[$0] != nil })
        names.scopes[number] = text
        builder.use(names: names)
        warnStandIn("scope", text, number: UInt64(number), line: line, into: &builder)
        return RouteScope(rawValue: number)
    }

    static func group(_ text: String, line: Int, into builder: inout CaptureBuilder) -> UInt32 {
        if let group = builder.ipNames.group(named: text) { return group }
        var names = builder.ipNames
        let number = standIn(below: UInt32.max, taken: { names.groups[$0] != nil })
        names.groups[number] = text
        builder.use(names: names)
        warnStandIn("group", text, number: UInt64(number), line: line, into: &builder)
        return number
    }

    /// The highest number below `limit` that no name uses.
    private static func standIn<Number: FixedWidthInteger & UnsignedInteger>(
        below limit: Number, taken: (Number) -> Bool
    ) -> Number {
        var candidate = limit - 1
        while taken(candidate), candidate > 1 { candidate -= 1 }
        return candidate
    }

    private static func warnStandIn(_ what: String, _ name: String, number: UInt64, line: Int,
                                    into builder: inout CaptureBuilder) {
        builder.warn(line: line, "\(what) '\(Sanitizer.printable(name))' is not a number or a name iproute2 knows "
                     + "(it comes from the host's /etc/iproute2 files); podroute keeps it as \(what) \(number)")
    }
}
