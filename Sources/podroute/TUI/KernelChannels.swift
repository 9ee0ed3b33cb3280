import PodRouteCore
import PodRouteNetlink

/// The live source's two sockets: the multicast subscription (notifications) and a socket for
/// the periodic stats read. Both are optional: a capture or the demo has neither.
final class KernelChannels {
    private var subscription: RTNetlinkSubscription?
    private var statsSocket: RTNetlinkSocket?

    init(subscription: consuming RTNetlinkSubscription?, statsSocket: consuming RTNetlinkSocket?) {
        self.subscription = subscription
        self.statsSocket = statsSocket
    }

    /// The subscription's descriptor for poll(2), when there is one.
    var notificationDescriptor: Int32? {
        switch subscription {
        case .some(let subscription): subscription.pollDescriptor
        case .none: nil
        }
    }

    var canReadStats: Bool {
        switch statsSocket {
        case .some: true
        case .none: false
        }
    }

    /// Every queued notification, decoded; `lost` when the kernel dropped some (ENOBUFS).
    func receiveChanges(names: [InterfaceIndex: String]) throws -> (changes: [NetworkChange], lost: Bool) {
        var changes: [NetworkChange] = []
        do {
            try subscription?.receiveAvailable { message in
                if let change = try? NetworkChangeDecoder.change(from: message, names: names) { changes.append(change) }
            }
        } catch let error as NetlinkError where error.reason == .overrun {
            return (changes, true)
        }
        return (changes, false)
    }

    /// The stats64 counters of every link.
    func readStats() throws -> [InterfaceIndex: LinkStats] {
        var stats: [InterfaceIndex: LinkStats] = [:]
        guard let links = try statsSocket?.links() else { return stats }
        for link in links { if let counters = link.stats { stats[link.index] = counters } }
        return stats
    }
}
