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

/// `ip route add|replace|del ...`, one line per operation, every field as `ip route` prints it.
public struct IPRouteCommands: RouteCommandRenderer {
    public let format = "linux"

    public init() {}

    public func commands(for operations: [RouteOperation], deviceNames: [InterfaceIndex: String]) -> RouteCommands {
        let links = deviceNames.map { Link(index: $0.key, name: $0.value) }
        let text = RouteText(snapshot: NetworkSnapshot(host: "", source: .demo, links: links))
        func command(_ operation: RouteOperation) -> String {
            let verb = switch operation.action {
            case .add: "add"
            case .replace: "replace"
            case .delete: "del"
            }
            return "ip \(operation.route.family == .inet6 ? "-6 " : "")route \(verb) \(text.ipRouteLine(operation.route))"
        }
        return RouteCommands(apply: operations.map(command), rollback: operations.reversed().map { command($0.inverse) })
    }
}
