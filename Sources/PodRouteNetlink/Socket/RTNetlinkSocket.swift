import CNetlink
import Glibc

/// A `NETLINK_ROUTE` socket: the one way podroute talks to the kernel's routing subsystem.
///
/// Owns its descriptor (closed in `deinit`) and a receive buffer; `~Copyable` and not `Sendable`,
/// so exactly one owner uses it at a time. Configured with `NETLINK_EXT_ACK` (the kernel explains
/// errors), `NETLINK_GET_STRICT_CHK` (dump headers are validated and kernel-side filters work) and
/// `NETLINK_CAP_ACK` (ACKs do not echo the whole request). Replies are accepted only from the
/// kernel (sender port id 0) and with the sequence number of the request being answered; older
/// ones, left over from an abandoned exchange, are skipped.
///
/// Requests: `dump` (`NLM_F_DUMP`), `execute` (`NLM_F_ACK`), `query` (one answer).
public struct RTNetlinkSocket: ~Copyable {
    /// Receive buffer size: dump datagrams are at most 32 KiB, so 64 KiB never truncates them.
    public static let defaultReceiveBufferSize = 64 * 1024

    /// The namespace given at creation (`ip netns` name), nil for the caller's own.
    public let namespace: String?

    let descriptor: NetlinkDescriptor
    let buffer: ReceiveBuffer
    private var lastSequence: UInt32 = 0

    /// Opens a socket in the calling thread's network namespace.
    public init(receiveBufferSize: Int = defaultReceiveBufferSize) throws(NetlinkError) {
        let fd: Int32
        switch NetlinkDescriptor.openRoute() {
        case .success(let value): fd = value
        case .failure(let errno): throw NetlinkError(.openSocket, .system(errno, context: "socket"))
        }
        try self.init(descriptor: NetlinkDescriptor(adopting: fd), namespace: nil, receiveBufferSize: receiveBufferSize)
    }

    /// Opens a socket inside the named network namespace (/run/netns/NAME, as `ip netns add` makes).
    /// The socket is created on a short-lived helper thread that enters the namespace; the caller's
    /// threads never switch. Throws `ENOENT` when the namespace does not exist, `EPERM` without
    /// `CAP_SYS_ADMIN`.
    public init(namespace: String, receiveBufferSize: Int = defaultReceiveBufferSize) throws(NetlinkError) {
        let descriptor = try NamespaceEntry.openSocket(inNamespace: namespace)
        try self.init(descriptor: descriptor, namespace: namespace, receiveBufferSize: receiveBufferSize)
    }

    private init(descriptor: consuming NetlinkDescriptor, namespace: String?, receiveBufferSize: Int) throws(NetlinkError) {
        let options: [(name: Int32, label: String)] = [
            (NETLINK_EXT_ACK, "NETLINK_EXT_ACK"),
            (NETLINK_GET_STRICT_CHK, "NETLINK_GET_STRICT_CHK"),
            (NETLINK_CAP_ACK, "NETLINK_CAP_ACK"),
        ]
        for option in options {
            if case .failure(let errno) = descriptor.setOption(level: SOL_NETLINK, option.name, 1) {
                throw NetlinkError(.configureSocket, .system(errno, context: "setsockopt \(option.label)"))
            }
        }
        if case .failure(let errno) = descriptor.bind() {
            throw NetlinkError(.openSocket, .system(errno, context: "bind"))
        }
        self.descriptor = descriptor
        self.namespace = namespace
        self.buffer = ReceiveBuffer(byteCount: max(receiveBufferSize, Int(cnl_nlmsg_hdrlen())))
    }

    // MARK: Primitives shared by dump, execute, query and subscriptions

    /// Sends `request` with `socketFlags` added and a fresh sequence number, which it returns.
    mutating func send(
        _ request: NetlinkRequest,
        adding socketFlags: NetlinkMessageFlags,
        for operation: NetlinkOperation
    ) throws(NetlinkError) -> UInt32 {
        if let problem = request.encodingProblem {
            throw NetlinkError(operation, .invalidArgument(problem))
        }
        lastSequence &+= 1
        if lastSequence == 0 { lastSequence = 1 }  // 0 is what notifications from the kernel carry
        let datagram = request.encoded(sequence: lastSequence, socketFlags: socketFlags)
        switch descriptor.sendToKernel(datagram) {
        case .success(let sent) where sent == datagram.count:
            return lastSequence
        case .success(let sent):
            throw NetlinkError(operation, .system(.EMSGSIZE, context: "sendto sent \(sent) of \(datagram.count) bytes"))
        case .failure(let errno):
            throw NetlinkError(operation, .system(errno, context: "sendto"))
        }
    }

    /// Receives the next datagram from the kernel into the buffer and returns its bytes (valid until
    /// the next receive). Datagrams from other senders are dropped. Returns nil when `wait` is false
    /// and nothing is queued. `ENOBUFS` (the socket's queue overflowed) becomes `.overrun`; a datagram
    /// larger than the buffer throws `.truncated` unless `acceptTruncated` (then its head is returned).
    mutating func receive(
        for operation: NetlinkOperation,
        wait: Bool = true,
        acceptTruncated: Bool = false
    ) throws(NetlinkError) -> UnsafeRawBufferPointer? {
        while true {
            switch descriptor.receive(into: buffer.bytes, wait: wait) {
            case .failure(.EAGAIN) where !wait:
                return nil
            case .failure(.ENOBUFS):
                throw NetlinkError(operation, .overrun)
            case .failure(let errno):
                throw NetlinkError(operation, .system(errno, context: "recvmsg"))
            case .success(let datagram):
                if datagram.size == 0 { throw NetlinkError(operation, .endOfStream) }
                if datagram.truncated || datagram.size > buffer.bytes.count, !acceptTruncated {
                    throw NetlinkError(operation, .truncated(size: datagram.size, capacity: buffer.bytes.count))
                }
                guard datagram.senderPortID == 0 else { continue }  // not from the kernel: ignore
                return UnsafeRawBufferPointer(rebasing: buffer.bytes[..<min(datagram.size, buffer.bytes.count)])
            }
        }
    }

    /// Waits until a datagram is queued or `timeout` passes; true if one is.
    func waitForInput(timeout: Duration?, for operation: NetlinkOperation) throws(NetlinkError) -> Bool {
        let milliseconds: Int32
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            let total = max(0, seconds) * 1000 + max(0, attoseconds) / 1_000_000_000_000_000
            milliseconds = Int32(clamping: total)
        } else {
            milliseconds = -1
        }
        switch descriptor.waitForInput(milliseconds: milliseconds) {
        case .success(let ready): return ready
        case .failure(let errno): throw NetlinkError(operation, .system(errno, context: "poll"))
        }
    }
}

/// The socket's receive buffer: 8-byte aligned, freed in `deinit`.
struct ReceiveBuffer: ~Copyable {
    let bytes: UnsafeMutableRawBufferPointer

    init(byteCount: Int) {
        bytes = .allocate(byteCount: byteCount, alignment: 8)
    }

    deinit { bytes.deallocate() }
}
