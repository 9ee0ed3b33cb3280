/// What the kernel knows about a packet when it picks a route (`struct flowi`): where it goes,
/// where it comes from, the device it arrived on, its mark. `ip route get` takes the same.
public struct RouteQuery: Sendable, Hashable {
    public var destination: IPAddress
    /// nil: not chosen yet (locally generated traffic before source selection).
    public var source: IPAddress?
    /// The device the packet arrived on; nil for locally generated traffic, which rules
    /// see as arriving on `lo`.
    public var inputInterface: String?
    public var outputInterface: String?
    public var mark: UInt32
    public var tos: UInt8
    public var ipProto: UInt8?
    public var sourcePort: UInt16?
    public var destinationPort: UInt16?
    public var uid: UInt32?

    public init(destination: IPAddress, source: IPAddress? = nil, inputInterface: String? = nil,
                outputInterface: String? = nil, mark: UInt32 = 0, tos: UInt8 = 0, ipProto: UInt8? = nil,
                sourcePort: UInt16? = nil, destinationPort: UInt16? = nil, uid: UInt32? = nil) {
        self.destination = destination
        self.source = source
        self.inputInterface = inputInterface
        self.outputInterface = outputInterface
        self.mark = mark
        self.tos = tos
        self.ipProto = ipProto
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.uid = uid
    }

    public var family: AddressFamily { destination.family }

    /// The uid rules compare: the caller's for locally generated traffic (`ip route get` sends
    /// none and the kernel takes the caller's; podroute's CLI passes its own), none
    /// (INVALID_UID) for forwarded traffic.
    var effectiveUID: UInt32 { uid ?? (inputInterface == nil ? 0 : UInt32.max) }
}

/// A lookup's decision without its steps (`RouteLookup.answer(_:)`).
public struct LookupAnswer: Sendable, Equatable {
    public var outcome: LookupResult.Outcome
    /// The position in `RouteLookup.rules(_:)` of the rule whose action answered.
    public var rulePosition: Int?

    public init(outcome: LookupResult.Outcome, rulePosition: Int?) {
        self.outcome = outcome
        self.rulePosition = rulePosition
    }

    public var routeIndex: Int? {
        if case .route(let index) = outcome { return index }
        return nil
    }
}

/// The kernel's decision for a query, with the steps that led to it.
public struct LookupResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// A route answered (its type may still drop the packet: blackhole, unreachable, prohibit).
        case route(index: Int)
        /// A rule of type blackhole, unreachable or prohibit answered.
        case ruleAction(RuleAction)
        /// No rule produced an answer: `Network is unreachable`.
        case noRoute
    }

    public var outcome: Outcome
    /// The rule whose action answered.
    public var rule: Rule?
    /// What happened on the way, in order (for explanations).
    public var steps: [LookupStep]

    public init(outcome: Outcome, rule: Rule?, steps: [LookupStep]) {
        self.outcome = outcome
        self.rule = rule
        self.steps = steps
    }

    public var routeIndex: Int? {
        if case .route(let index) = outcome { return index }
        return nil
    }
}

/// One step of a lookup, for the explanation podroute prints.
public enum LookupStep: Sendable, Equatable {
    /// A rule matched and sent the lookup to a table.
    case ruleMatched(priority: UInt32, table: RouteTableID)
    /// The table had no route for the destination (or only `throw`): on to the next rule.
    case tableMissed(RouteTableID, threw: Bool)
    /// The table's answer was too coarse for `suppress_prefixlength`: on to the next rule.
    case suppressed(RouteTableID, prefixLength: UInt8)
    /// A more specific route was passed over (dead next hops, TOS or device mismatch).
    case skipped(index: Int, reason: SkipReason)

    public enum SkipReason: String, Sendable {
        case dead = "its next hops are dead"
        case tos = "its TOS does not match"
        case outputDevice = "it leaves through another device"
        case source = "it serves another source prefix"
        case linkdown = "its device has no carrier and ignore_routes_with_linkdown is set"
    }
}
