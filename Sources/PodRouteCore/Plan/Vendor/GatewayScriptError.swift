/// Why no script could be written for a plan; one sentence each, and nothing is printed.
public enum GatewayScriptError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An interface name that could smuggle syntax into the script (quotes, `;`, `$(...)`, newlines...).
    case unsafeName(String, format: GatewayFormat, rule: String)
    /// A route names an interface index the name map does not know.
    case unknownDevice(InterfaceIndex)
    /// The platform needs an interface for this route and neither the route nor the options name one.
    case needsInterface(IPPrefix, format: GatewayFormat)
    /// The platform cannot express this route (ECMP, weights, a table, a device next hop...).
    case unsupported(IPPrefix, format: GatewayFormat, reason: String)
    /// The confirm window is outside what the platforms accept.
    case confirmMinutes(Int)

    public var description: String {
        switch self {
        case .unsafeName(let name, let format, let rule):
            "the interface name '\(Sanitizer.printable(name))' cannot go into a \(format.rawValue) script: \(rule)"
        case .unknownDevice(let index):
            "the plan names interface index \(index) but no interface name was given for it"
        case .needsInterface(let destination, let format):
            "\(format.rawValue) needs the interface for \(destination): give the route a device or pass the interface"
        case .unsupported(let destination, let format, let reason):
            "\(format.rawValue) cannot express the route to \(destination): \(reason)"
        case .confirmMinutes(let minutes):
            "the confirm window must be 1 to 60 minutes, not \(minutes)"
        }
    }
}
