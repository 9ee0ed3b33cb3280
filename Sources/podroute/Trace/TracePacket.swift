import PodRouteCore

/// What `podroute trace` is asked about, parsed and checked before anything is read: the
/// destination (absent for `--batch`), the source, the arrival device and the mark.
struct TracePacket {
    var destination: IPAddress?
    var source: IPAddress?
    /// The device the packet arrives on: a forwarded packet (`ip route get ... iif DEV`).
    var inputInterface: String?
    var mark: UInt32

    static func parse(destination: String?, source: String?, inputInterface: String?, mark: String?) throws -> TracePacket {
        let parsedDestination = try destination.map { try address($0, what: "the destination") }
        let parsedSource = try source.map { try address($0, what: "--src") }
        if let parsedDestination, let parsedSource, parsedDestination.family != parsedSource.family {
            throw CLIFailure("--src \(parsedSource) is \(name(parsedSource.family)) but the destination \(parsedDestination) is \(name(parsedDestination.family))")
        }
        if let inputInterface, parsedSource == nil {
            throw CLIFailure("--iif \(Sanitizer.printable(inputInterface)) needs --src: a packet arriving on a device has a source address")
        }
        return TracePacket(destination: parsedDestination, source: parsedSource, inputInterface: inputInterface,
                           mark: try mark.map(parseMark) ?? 0)
    }

    /// The question for one destination, as the kernel's flow would carry it.
    func query(to destination: IPAddress) -> RouteQuery {
        RouteQuery(destination: destination, source: source, inputInterface: inputInterface, mark: mark)
    }

    /// Refuses an arrival device the host does not have.
    func check(against snapshot: NetworkSnapshot) throws {
        guard let inputInterface, snapshot.link(named: inputInterface) == nil else { return }
        throw CLIFailure("--iif: \(Sanitizer.printable(snapshot.host)) has no device named '\(Sanitizer.printable(inputInterface))'")
    }

    /// `ip route get` words for the packet: `10.0.0.1 from 10.1.0.5 iif eth0 mark 0x10`.
    func words(destination: IPAddress) -> String {
        var text = destination.description
        if let source { text += " from \(source)" }
        if let inputInterface { text += " iif \(Sanitizer.printable(inputInterface))" }
        if mark != 0 { text += " mark 0x\(String(mark, radix: 16))" }
        return text
    }

    private static func address(_ text: String, what: String) throws -> IPAddress {
        if let address = IPAddress(text) { return address }
        if IPPrefix(captureText: Substring(text)) != nil, text.contains("/") {
            throw CLIFailure("\(what): '\(Sanitizer.printable(text))' is a prefix; trace one address of it")
        }
        throw CLIFailure("\(what): '\(Sanitizer.printable(text))' is not an IPv4 or IPv6 address")
    }

    private static func parseMark(_ text: String) throws -> UInt32 {
        let lowered = text.lowercased()
        let value = lowered.hasPrefix("0x") ? UInt32(lowered.dropFirst(2), radix: 16) : UInt32(lowered)
        guard let value else {
            throw CLIFailure("--mark takes a number from 0 to 0xffffffff (decimal or 0x hex), not '\(Sanitizer.printable(text))'")
        }
        return value
    }

    private static func name(_ family: AddressFamily) -> String { family == .inet ? "IPv4" : "IPv6" }
}
