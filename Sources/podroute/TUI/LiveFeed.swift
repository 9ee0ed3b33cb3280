import Dispatch
import FoundationEssentials
import PodRouteCore
import PodRouteNetlink
import PodRouteUI
import Synchronization

/// Keeps the snapshot equal to the kernel's: notifications are decoded on the loop (cheap,
/// non-blocking) and applied in batches on a serial queue, off the loop, so a burst of
/// thousands of route changes on a million-route table never stalls the screen. What
/// notifications cannot say exactly is re-read instead: everything after a lost notification
/// (ENOBUFS), IPv6 routes after an IPv6 route change (the kernel announces ECMP siblings one by
/// one but dumps them as one route), routes after a carrier change (linkdown flags flip silently),
/// links after a link appears (a new veth's first notification says its peer is `@NONE`; the
/// kernel links the pair afterwards without announcing it again). Neighbour and FDB changes are
/// kept for VXLAN devices only (where the trace reads its outer destination).
final class LiveFeed: Sendable {
    private let namespace: String?
    private let names: IPNames
    private let host: String
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "podroute.live")
    private let state: Mutex<FeedState>

    private struct FeedState {
        var current: NetworkSnapshot
        var pending: [NetworkChange] = []
        var needsFullRead = false
        var needsRouteRead: Set<AddressFamily> = []
        var needsLinkRead = false
        var scheduled = false
    }

    init(snapshot: NetworkSnapshot, namespace: String?, names: IPNames, mailbox: Mailbox) {
        self.namespace = namespace
        self.names = names
        host = snapshot.host
        self.mailbox = mailbox
        state = Mutex(FeedState(current: snapshot))
    }

    /// Notifications from the subscription; decided here what each one needs.
    func receive(_ changes: [NetworkChange], lost: Bool) {
        let schedule = state.withLock { state -> Bool in
            if lost { state.needsFullRead = true }
            for change in changes {
                switch change {
                case .route(let routeChange):
                    if Self.family(of: routeChange) == .inet6 { state.needsRouteRead.insert(.inet6) }
                    else { state.pending.append(change) }
                case .linkUpdated(let link):
                    if let old = state.current.link(link.index) {
                        if old.flags.contains(.running) != link.flags.contains(.running) {
                            state.needsRouteRead.formUnion([.inet, .inet6])
                        }
                    } else {
                        state.needsLinkRead = true
                    }
                    state.pending.append(change)
                case .neighbourUpdated(let entry), .neighbourRemoved(let entry):
                    // ARP/ND state changes on busy uplinks come by the hundred and the trace
                    // uses only the entries of VXLAN devices: the others stay as first read.
                    // A device not known yet (vxlan.calico created in this same burst) is kept.
                    if state.current.link(entry.device).map({ $0.kind == .vxlan }) ?? true { state.pending.append(change) }
                case .fdbUpdated(let entry), .fdbRemoved(let entry):
                    if state.current.link(entry.device).map({ $0.kind == .vxlan }) ?? true { state.pending.append(change) }
                default:
                    state.pending.append(change)
                }
            }
            guard !state.scheduled, !state.pending.isEmpty || state.needsFullRead || !state.needsRouteRead.isEmpty
                    || state.needsLinkRead else {
                return false
            }
            state.scheduled = true
            return true
        }
        // Debounce: let a burst gather for a moment before one pass over the routes.
        if schedule { queue.asyncAfter(deadline: .now() + .milliseconds(100)) { self.flush() } }
    }

    private func flush() {
        let (base, changes, fullRead, routeRead, linkRead) = state.withLock { state in
            defer {
                state.pending.removeAll()
                state.needsFullRead = false
                state.needsRouteRead.removeAll()
                state.needsLinkRead = false
                state.scheduled = false
            }
            return (state.current, state.pending, state.needsFullRead, state.needsRouteRead, state.needsLinkRead)
        }
        var next = base.applying(changes, at: Date())
        do {
            if fullRead {
                next = try NetlinkSnapshotReader.snapshot(namespace: namespace, names: names, host: host)
                mailbox.post(.notice("netlink: notifications were lost; everything was read again"))
            } else {
                if !routeRead.isEmpty { next = next.replacing(routes: try rereadRoutes(routeRead, keeping: next.routes)) }
                if linkRead { next = next.replacing(links: try RTNetlink.links(in: namespace)) }
            }
        } catch {
            mailbox.post(.error("netlink: \(error)"))
        }
        let final = next
        state.withLock { $0.current = final }
        mailbox.post(.snapshotReplaced(final))
    }

    private func rereadRoutes(_ families: Set<AddressFamily>, keeping store: RouteStore) throws -> RouteStore {
        var routes = RouteStore()
        for family in AddressFamily.allCases {
            if families.contains(family) {
                for route in try RTNetlink.routes(family: family, in: namespace) { routes.append(route) }
            } else {
                for index in store.indices(of: family) { routes.append(store[index]) }
            }
        }
        return routes
    }

    private static func family(of change: RouteChange) -> AddressFamily {
        switch change {
        case .added(let route, _), .removed(let route): route.family
        }
    }
}
