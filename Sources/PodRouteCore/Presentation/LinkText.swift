/// Link fields as short text, shared by the CLI tables and the TUI; sanitised once, here.
public struct LinkText: Sendable {
    public let snapshot: NetworkSnapshot

    public init(snapshot: NetworkSnapshot) { self.snapshot = snapshot }

    public func name(_ link: Link) -> String { Sanitizer.printable(link.name) }

    /// `UP`, `DOWN`, `NO-CARRIER`, `UNKNOWN` (tunnels and loopback report unknown when fine).
    public func state(_ link: Link) -> String {
        if !link.isUp { return "DOWN" }
        if !link.flags.contains(.running) { return "NO-CARRIER" }
        return link.operState.name
    }

    /// The addresses with their prefix lengths, IPv4 first, link-local IPv6 left out.
    public func addresses(_ link: Link) -> [String] {
        snapshot.addresses(of: link.index)
            .filter { !($0.family == .inet6 && $0.scope == .link) }
            .sorted { ($0.family, $0.local) < ($1.family, $1.local) }
            .map { "\($0.local)/\($0.prefixLength)" }
    }

    /// The other end: `@NONE` for a tunnel without parent, `@v1` in this namespace, or
    /// `@if3 netns 0` for a veth whose peer lives in a pod's namespace.
    public func peer(_ link: Link) -> String {
        guard let parent = link.parent else {
            return link.linkType.addressIsIP || link.kind?.isIPTunnel == true ? "@NONE" : ""
        }
        if parent.rawValue == 0 { return "@NONE" }
        if let netns = link.linkNetnsID {
            let where_ = link.linkNetnsName.map { " netns \(Sanitizer.printable($0))" } ?? " netns \(netns)"
            return "@if\(parent.rawValue)" + where_
        }
        if let peer = snapshot.link(parent) { return "@" + Sanitizer.printable(peer.name) }
        return "@if\(parent.rawValue)"
    }

    /// The master device's name (`master cni0`).
    public func master(_ link: Link) -> String? {
        link.master.map { Sanitizer.printable(snapshot.deviceName($0)) }
    }

    public func alias(_ link: Link) -> String? { link.alias.map(Sanitizer.printable) }

    /// Bytes in the units ops tools use (kB, MB: powers of 1000, like iftop's default).
    public static func bytes(_ value: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var scaled = value
        var unit = 0
        while scaled >= 1000, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        if unit == 0 { return "\(Int(scaled)) B" }
        let rounded = (scaled * 10).rounded() / 10
        return (rounded >= 100 ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }
}
