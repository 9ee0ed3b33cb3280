import PodRouteCore

/// The plan's target, checked against the live host before anything else: a plan made for one
/// host must never change another (`HostIdentity`: its global addresses).
public struct TargetCheck: Sendable {
    public var target: PlanTarget
    public var identity: HostIdentity
    /// `--target-host NAME`: the operator asserts this host is the target (renumbered, or an
    /// address moved away); honoured only when NAME is the plan's own target name.
    public var asserted: String?
    /// How messages name the host being changed: `netns node1-ns`, or the hostname.
    public var here: String

    public init(target: PlanTarget, identity: HostIdentity, here: String, asserted: String? = nil) {
        self.target = target
        self.identity = identity
        self.here = here
        self.asserted = asserted
    }

    /// Nil when the live host (holding `live`) is the target or the operator asserted it; else
    /// the refusal, naming both hosts.
    public func refusal(live: [InterfaceAddress]) -> String? {
        let name = Sanitizer.printable(target.name)
        if let asserted {
            guard asserted == target.name else {
                return "refusing to apply: --target-host \(Sanitizer.printable(asserted)) does not name this plan's target, "
                    + "\(name); nothing was applied"
            }
            return nil
        }
        let mine = HostIdentity(addresses: live)
        let why: String
        switch identity.match(mine) {
        case .same: return nil
        case .other where identity.addresses.isEmpty:
            why = "the plan records no global address of its target, so this host cannot be recognised as it"
        case .other:
            why = "this host holds \(mine.text), none of the target's \(identity.text)"
        case .changed(let missing):
            why = "this host lacks \(missing.map(\.description).joined(separator: ", ")) of the target's \(identity.text) "
                + "(renumbered, or an address moved to another host)"
        }
        return "refusing to apply: this plan is for host \(target.madeFrom) but this is \(Sanitizer.printable(here)): "
            + "\(why); nothing was applied. Plan again on this host, or, if it really is \(name), "
            + "assert it with --target-host \(name)"
    }
}
