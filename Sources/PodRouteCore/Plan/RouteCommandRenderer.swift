/// Writes a host's operations as the commands an operator runs on it, with the commands that
/// undo them. `podroute plan --format` picks one; `IPRouteCommands` is Linux `ip route`.
public protocol RouteCommandRenderer: Sendable {
    /// The `--format` name.
    var format: String { get }
    /// `deviceNames` maps the operations' interface indexes to the target's device names.
    func commands(for operations: [RouteOperation], deviceNames: [InterfaceIndex: String]) throws -> RouteCommands
}

public struct RouteCommands: Hashable, Sendable {
    /// The change, in the order to run it.
    public var apply: [String]
    /// What restores the state before, in the order to run it (the inverses, reversed).
    public var rollback: [String]

    public init(apply: [String], rollback: [String]) {
        self.apply = apply
        self.rollback = rollback
    }
}

/// Every `--format` of `GatewayFormat` as a renderer: the vendor scripts split into lines.
public struct GatewayScriptRenderer: RouteCommandRenderer {
    public let gatewayFormat: GatewayFormat
    public let options: GatewayScriptOptions

    public init(_ format: GatewayFormat, options: GatewayScriptOptions = GatewayScriptOptions()) {
        gatewayFormat = format
        self.options = options
    }

    public var format: String { gatewayFormat.rawValue }

    public func commands(for operations: [RouteOperation], deviceNames: [InterfaceIndex: String]) throws -> RouteCommands {
        let script = try GatewayScript(format: gatewayFormat, operations: operations, deviceNames: deviceNames, options: options)
        func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        return RouteCommands(apply: lines(script.apply), rollback: lines(script.rollback))
    }
}
