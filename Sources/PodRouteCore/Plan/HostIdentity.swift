/// What identifies the host a plan was made for: its global unicast interface addresses, taken
/// from the plan's pre-state. Apply compares them with the live host's before anything else, so
/// a plan made for one host is never applied to another. Names do not identify a host: a
/// hostname is shared by every namespace of a machine and changes with a rename, a namespace
/// name is local to one machine; two hosts of one network never hold the same unicast address.
/// IPv6 temporary (privacy) addresses are left out: they change by themselves.
public struct HostIdentity: Hashable, Sendable {
    /// Sorted, without repeats.
    public let addresses: [IPAddress]

    public init(addresses: some Sequence<InterfaceAddress>) {
        let global = addresses.filter { address in
            address.scope == .universe && !(address.family == .inet6 && address.flags.contains(.secondary))
                && !address.flags.contains(.dadfailed)
        }
        self.addresses = Array(Set(global.map(\.local))).sorted()
    }

    /// How a live host compares with the plan's target.
    public enum Match: Hashable, Sendable {
        /// It holds every address of the target.
        case same
        /// It holds none of them (or the plan names none): another host.
        case other
        /// It holds some: the target has been renumbered (or an address moved, as a VIP does).
        case changed(missing: [IPAddress])
    }

    public func match(_ live: HostIdentity) -> Match {
        let held = Set(live.addresses)
        let missing = addresses.filter { !held.contains($0) }
        if missing.isEmpty, !addresses.isEmpty { return .same }
        return missing.count == addresses.count ? .other : .changed(missing: missing)
    }

    /// `10.20.1.254, 192.168.50.1` (or `no global address`).
    public var text: String {
        addresses.isEmpty ? "no global address" : addresses.map(\.description).joined(separator: ", ")
    }
}

extension RoutePlan {
    /// The target's identity as the plan records it (its pre-state's addresses).
    public var targetIdentity: HostIdentity { HostIdentity(addresses: preState.addresses) }
}

extension PlanTarget {
    /// `gw (made from netns gw-ns)`: how apply names the host a plan is for.
    public var madeFrom: String {
        let name = Sanitizer.printable(name)
        switch source {
        case .live: return "\(name) (made on the host itself)"
        case .namespace(let namespace): return "\(name) (made from netns \(Sanitizer.printable(namespace)))"
        case .capture(let path): return "\(name) (made from \(Sanitizer.printable(path)))"
        case .demo: return "\(name) (made from the demo)"
        }
    }
}
