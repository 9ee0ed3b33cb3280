import CNetlink
import Glibc

/// A socket joined to rtnetlink multicast groups: the kernel's change notifications
/// (`RTM_NEWLINK`, `RTM_DELROUTE`...), as `ip monitor` shows them.
///
/// Usage: dump the state, then `wait` and `receiveAvailable` in a loop. When notifications arrive
/// faster than they are read, the kernel drops some and the next receive throws `.overrun`
/// (`ENOBUFS`): the caller's picture is stale, so it must dump again. Notifications have sequence
/// numbers of their originators, so only the sender (the kernel, port id 0) is checked.
public struct RTNetlinkSubscription: ~Copyable {
    /// Kernel-side queue size asked for; bursts (a CNI plugin adding hundreds of routes) need room.
    public static let defaultQueueSize = 4 * 1024 * 1024

    public let groups: Set<RTNetlinkGroup>
    private var socket: RTNetlinkSocket

    /// Joins `groups` with `NETLINK_ADD_MEMBERSHIP` on a new socket, in the named network namespace
    /// or (nil) the caller's. `queueSize` sets `SO_RCVBUF` (`SO_RCVBUFFORCE` when privileged).
    public init(
        groups: Set<RTNetlinkGroup> = RTNetlinkGroup.networkState,
        namespace: String? = nil,
        queueSize: Int = defaultQueueSize
    ) throws(NetlinkError) {
        let socket = if let namespace {
            try RTNetlinkSocket(namespace: namespace)
        } else {
            try RTNetlinkSocket()
        }
        let size = Int32(clamping: queueSize)
        // SO_RCVBUFFORCE passes the rmem_max cap but needs CAP_NET_ADMIN; SO_RCVBUF is capped.
        if case .failure = socket.descriptor.setOption(level: SOL_SOCKET, SO_RCVBUFFORCE, size),
           case .failure(let errno) = socket.descriptor.setOption(level: SOL_SOCKET, SO_RCVBUF, size) {
            throw NetlinkError(.configureSocket, .system(errno, context: "setsockopt SO_RCVBUF"))
        }
        // Sorted so that failures are reported the same way every time.
        for group in groups.sorted(by: { $0.number < $1.number }) {
            if case .failure(let errno) = socket.descriptor.setOption(
                level: SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, Int32(bitPattern: group.number)) {
                throw NetlinkError(.joinGroup(group), .system(errno, context: "setsockopt NETLINK_ADD_MEMBERSHIP"))
            }
        }
        self.groups = groups
        self.socket = socket
    }

    /// The namespace given at creation, nil for the caller's own.
    public var namespace: String? { socket.namespace }

    /// The socket's descriptor, for an event loop that polls it beside others (keys, timers).
    /// Reading stays with `receiveAvailable`.
    public var pollDescriptor: Int32 { socket.descriptor.rawValue }

    /// Blocks until notifications are queued (true) or `timeout` passes (false); nil waits forever.
    public func wait(timeout: Duration?) throws(NetlinkError) -> Bool {
        try socket.waitForInput(timeout: timeout, for: .receiveEvents)
    }

    /// Calls `body` with every notification already queued, without blocking, and returns how many
    /// there were. Throws `NetlinkError` with reason `.overrun` when some were lost (dump again; the
    /// socket stays usable), and rethrows `body`'s errors (the rest of that datagram is dropped).
    @discardableResult
    public mutating func receiveAvailable(_ body: (borrowing NetlinkMessage) throws -> Void) throws -> Int {
        var count = 0
        while let datagram = try socket.receive(for: .receiveEvents, wait: false) {
            var bodyError: (any Error)?
            try NetlinkMessage.visit(datagram, for: .receiveEvents) { message in
                guard bodyError == nil, message.type != .noop else { return }
                count += 1
                do { try body(message) } catch { bodyError = error }
            }
            if let bodyError { throw bodyError }
        }
        return count
    }
}
