#if canImport(Glibc)
import Glibc
#endif
import PodRouteCore
import PodRouteNetlink

/// The kernel's own answer to the traced packet (`RTM_GETROUTE`, as `ip route get` and
/// `ip route get fibmatch` ask it) and whether it is the snapshot's.
struct KernelRouteCheck {
    /// The path the kernel would take (one next hop of a multipath route), or its refusal.
    var taken: Result<Route, NetlinkError>
    /// The FIB entry that matched (`RTM_F_FIB_MATCH`), or its refusal.
    var matched: Result<Route, NetlinkError>
    /// What differs from the snapshot's decision, one sentence each; empty when they agree.
    var disagreements: [String]

    var agrees: Bool { disagreements.isEmpty }

    /// What the snapshot's trace expects the kernel to answer.
    enum Expectation {
        case route(Route)
        case refusal(Errno, because: String)
    }

    /// Asks the kernel in `kernel` about `packet` and compares with `expected`.
    static func ask(_ packet: TracePacket, destination: IPAddress, in kernel: TraceSnapshot.Kernel,
                    snapshot: NetworkSnapshot, expected: Expectation) throws -> KernelRouteCheck {
        var question = RouteGetQuery(destination: destination, source: packet.source,
                                     inputInterface: packet.inputInterface.flatMap { snapshot.link(named: $0)?.index },
                                     mark: packet.mark == 0 ? nil : packet.mark)
        var socket: RTNetlinkSocket
        do {
            if let name = kernel.name { socket = try RTNetlinkSocket(namespace: name) } else { socket = try RTNetlinkSocket() }
        } catch {
            throw CLIFailure(error.description)
        }
        let taken = try answer(&socket, question)
        question.fibMatch = true
        let matched = try answer(&socket, question)
        var check = KernelRouteCheck(taken: taken, matched: matched, disagreements: [])
        check.disagreements = compare(expected, taken: taken, matched: matched, text: RouteText(snapshot: snapshot))
        return check
    }

    /// The kernel's answer or its refusal; failing to ask at all is an error for the operator.
    private static func answer(_ socket: inout RTNetlinkSocket, _ question: RouteGetQuery) throws -> Result<Route, NetlinkError> {
        do {
            return .success(try socket.routeGet(question))
        } catch {
            guard case .kernel = error.reason else { throw CLIFailure(error.description) }
            return .failure(error)
        }
    }

    static func compare(_ expected: Expectation, taken: Result<Route, NetlinkError>,
                                matched: Result<Route, NetlinkError>, text: RouteText) -> [String] {
        switch expected {
        case .refusal(let errno, let reason):
            if case .failure(let error) = taken, error.errno == errno { return [] }
            return ["the snapshot expects the kernel to refuse (\(errno.name): \(reason)); the kernel answers \(describe(taken, text))"]
        case .route(let route):
            guard case .success(let fib) = matched else {
                return ["the snapshot picks \(text.ipRouteLine(route)); the kernel answers \(describe(matched, text))"]
            }
            var problems: [String] = []
            if !sameEntry(fib, route) {
                problems.append("the snapshot picks \(text.ipRouteLine(route)); the kernel matches \(text.ipRouteLine(fib))")
            }
            if case .success(let hop) = taken, route.type == .unicast,
               !route.hops.contains(where: { $0.device == hop.device && $0.gateway == hop.gateway }) {
                problems.append("the kernel sends it via \(text.ipRouteLine(hop)), which is none of the snapshot route's next hops")
            }
            if case .failure(let error) = taken {
                problems.append("the kernel matches \(text.ipRouteLine(fib)) but refuses the packet: \(error.description)")
            }
            return problems
        }
    }

    /// The same FIB entry: prefix, table, type, TOS, metric and next hops.
    private static func sameEntry(_ a: Route, _ b: Route) -> Bool {
        func hops(_ route: Route) -> [String] {
            route.hops.map { "\($0.gateway?.description ?? "-")@\($0.device?.rawValue ?? 0)" }.sorted()
        }
        return a.destination == b.destination && a.table == b.table && a.type == b.type && a.tos == b.tos
            && a.effectiveMetric == b.effectiveMetric && hops(a) == hops(b)
    }

    private static func describe(_ answer: Result<Route, NetlinkError>, _ text: RouteText) -> String {
        switch answer {
        case .success(let route): text.ipRouteLine(route)
        case .failure(let error): "\(error.kernelMessage ?? error.errno.message) (\(error.errno.name))"
        }
    }
}

extension KernelRouteCheck.Expectation {
    /// An arriving packet for a loopback address is a martian: the kernel drops it before any
    /// lookup (ip_route_input_slow; net.ipv4.conf.*.route_localnet is not modelled).
    static func martian(_ packet: TracePacket) -> String? {
        guard packet.inputInterface != nil, case .v4(let address)? = packet.destination, address.value >> 24 == 127 else { return nil }
        return "\(address) is a loopback address; arriving from outside it is a martian"
    }

    /// What the kernel answers for the snapshot's decision: `ip route get` reports discarding
    /// routes and rule actions as errors (fib_props[].error, fib4_rule_action), and an input
    /// lookup refused for forwarding or rp_filter as EHOSTUNREACH / EXDEV.
    static func of(_ hop: TraceHop, snapshot: NetworkSnapshot, packet: TracePacket) -> Self {
        if let source = packet.source, packet.inputInterface == nil,
           !snapshot.addresses.contains(where: { $0.local == source }) {
            return .refusal(.ENETUNREACH, because: "\(source) is no address of this host, so it cannot send from it")
        }
        if let reason = martian(packet) {
            return .refusal(.EINVAL, because: reason)
        }
        if case .dropped(let code) = hop.outcome {
            if code == .ipForwardOff { return .refusal(.EHOSTUNREACH, because: "forwarding is off") }
            if code == .rpFilterStrict { return .refusal(Errno(rawValue: EXDEV), because: "rp_filter drops it") }
        }
        switch hop.lookup?.outcome {
        case .ruleAction(let action)?:
            let errno: Errno = action == .unreachable ? .ENETUNREACH : action == .prohibit ? .EACCES : .EINVAL
            return .refusal(errno, because: "rule \(hop.lookup?.rule.map { String($0.priority) } ?? "?") \(action.name)")
        case .route(let index)?:
            let route = snapshot.routes[index]
            switch route.type {
            case .blackhole: return .refusal(.EINVAL, because: "blackhole route")
            case .unreachable: return .refusal(.EHOSTUNREACH, because: "unreachable route")
            case .prohibit: return .refusal(.EACCES, because: "prohibit route")
            default: return .route(route)
            }
        case .noRoute?, nil:
            return .refusal(.ENETUNREACH, because: "no route")
        }
    }
}
