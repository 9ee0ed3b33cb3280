/// Everything that can go wrong talking rtnetlink: the operation, why (with an errno), and the
/// kernel's own explanation when it sent one. `description` is one sentence for an ops engineer.
public struct NetlinkError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// A system call failed; `context` names the call or the path (`recvmsg`, `/run/netns/foo`).
        case system(Errno, context: String)
        /// The kernel answered with `NLMSG_ERROR` or a negative `NLMSG_DONE`.
        case kernel(Errno, ExtendedAck)
        /// `ENOBUFS` on a multicast socket: notifications were dropped; dump the state again.
        case overrun
        /// A datagram was larger than the receive buffer (`MSG_TRUNC`); its tail was lost.
        case truncated(size: Int, capacity: Int)
        /// `recvmsg` returned 0 bytes: the kernel will not send the rest of the answer.
        case endOfStream
        /// Every attempt of a dump carried `NLM_F_DUMP_INTR` (the table changed while being read).
        case dumpInterrupted(attempts: Int)
        /// The reply did not parse: a length field pointed outside the datagram, for instance.
        case malformedReply(String)
        /// The caller passed something unusable, such as a namespace name containing '/'.
        case invalidArgument(String)
    }

    public let operation: NetlinkOperation
    public let reason: Reason

    public init(_ operation: NetlinkOperation, _ reason: Reason) {
        self.operation = operation
        self.reason = reason
    }

    /// The errno behind the error; synthetic reasons map to the closest one (`ENOBUFS` for an overrun,
    /// `EMSGSIZE` for truncation, `EINTR` for an interrupted dump, `EBADMSG` for a malformed reply).
    public var errno: Errno {
        switch reason {
        case .system(let errno, _), .kernel(let errno, _): errno
        case .overrun: .ENOBUFS
        case .truncated: .EMSGSIZE
        case .endOfStream: .ENODATA
        case .dumpInterrupted: .EINTR
        case .malformedReply: .EBADMSG
        case .invalidArgument: .EINVAL
        }
    }

    /// The kernel's extended-ACK text (`NLMSGERR_ATTR_MSG`), when it sent one.
    public var kernelMessage: String? {
        if case .kernel(_, let ack) = reason { ack.message } else { nil }
    }

    public var description: String {
        switch reason {
        case .system(let errno, let context):
            "cannot \(operation.action): \(explain(errno)) (\(context): \(errno.name))"
        case .kernel(let errno, let ack):
            "the kernel refused \(operation.refused): \(ack.message ?? errno.message) (\(errno.name))"
        case .overrun:
            "netlink notifications were lost because they arrived faster than they were read (ENOBUFS); the state must be dumped again"
        case .truncated(let size, let capacity):
            "cannot \(operation.action): a \(size)-byte netlink datagram did not fit the \(capacity)-byte receive buffer (MSG_TRUNC)"
        case .endOfStream:
            "cannot \(operation.action): the kernel ended the answer early (recvmsg returned 0 bytes)"
        case .dumpInterrupted(let attempts):
            "cannot \(operation.action): the table changed during each of \(attempts) attempts (NLM_F_DUMP_INTR)"
        case .malformedReply(let detail):
            "cannot \(operation.action): the kernel's reply is malformed (\(detail))"
        case .invalidArgument(let detail):
            "cannot \(operation.action): \(detail)"
        }
    }

    /// The errno in words, specialised where the generic C text would mislead.
    private func explain(_ errno: Errno) -> String {
        switch (operation, errno) {
        case (.enterNamespace, .ENOENT):
            "it does not exist"
        case (.enterNamespace, .EPERM), (.enterNamespace, .EACCES):
            "permission denied (entering a network namespace needs CAP_SYS_ADMIN)"
        case (.request, .EPERM):
            "permission denied (changing the network needs CAP_NET_ADMIN)"
        default:
            errno.messageInSentence
        }
    }
}
