import CNetlink
import Glibc
import PodRouteErrno

/// An open `AF_NETLINK`/`NETLINK_ROUTE` socket descriptor, closed in `deinit`.
/// Every system call on it goes through `syscall` (errno typing, EINTR retry).
struct NetlinkDescriptor: ~Copyable {
    let rawValue: Int32

    init(adopting rawValue: Int32) { self.rawValue = rawValue }

    deinit {
        // Not retried on EINTR: on Linux the descriptor is released even then.
        _ = Glibc.close(rawValue)
    }

    /// `socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)` in the calling thread's namespace.
    static func openRoute() -> Result<Int32, Errno> {
        syscall { socket(AF_NETLINK, Int32(SOCK_RAW.rawValue | SOCK_CLOEXEC.rawValue), NETLINK_ROUTE) }
    }

    /// `setsockopt(level, name, &value, 4)` for an `int` option.
    func setOption(level: Int32, _ name: Int32, _ value: Int32) -> Result<Void, Errno> {
        withUnsafeBytes(of: value) { bytes in
            syscall { setsockopt(rawValue, level, name, bytes.baseAddress, socklen_t(bytes.count)) }.map { _ in }
        }
    }

    /// `bind` to port id 0 (the kernel assigns one) and no legacy groups.
    func bind() -> Result<Void, Errno> {
        var address = sockaddr_nl()
        address.nl_family = sa_family_t(AF_NETLINK)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                syscall { Glibc.bind(rawValue, socketAddress, socklen_t(MemoryLayout<sockaddr_nl>.size)) }
            }
        }.map { _ in }
    }

    /// `sendto` the kernel (port id 0). Netlink sends whole datagrams or fail.
    func sendToKernel(_ datagram: [UInt8]) -> Result<Int, Errno> {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        return datagram.withUnsafeBytes { bytes in
            withUnsafePointer(to: &kernel) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    syscall {
                        sendto(rawValue, bytes.baseAddress, bytes.count, 0, socketAddress,
                               socklen_t(MemoryLayout<sockaddr_nl>.size))
                    }
                }
            }
        }
    }

    struct Datagram {
        /// The datagram's real size (`MSG_TRUNC` makes netlink report it even when it did not fit).
        var size: Int
        /// The kernel flagged `MSG_TRUNC` in `msg_flags`: bytes past the buffer were dropped.
        var truncated: Bool
        /// `nl_pid` of the sender: 0 for the kernel.
        var senderPortID: UInt32
    }

    /// `recvmsg` one datagram into `buffer`, with `MSG_DONTWAIT` when `wait` is false.
    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) -> Result<Datagram, Errno> {
        Self.receive(on: rawValue, into: buffer, wait: wait)
    }

    /// `receive(into:wait:)` for a descriptor borrowed by another thread (the pipelined dump's receiver).
    static func receive(on rawValue: Int32, into buffer: UnsafeMutableRawBufferPointer, wait: Bool) -> Result<Datagram, Errno> {
        var sender = sockaddr_nl()
        var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
        return withUnsafeMutablePointer(to: &sender) { senderPointer in
            withUnsafeMutablePointer(to: &vector) { vectorPointer in
                var header = msghdr()
                header.msg_name = UnsafeMutableRawPointer(senderPointer)
                header.msg_namelen = socklen_t(MemoryLayout<sockaddr_nl>.size)
                header.msg_iov = vectorPointer
                header.msg_iovlen = 1
                let flags = Int32(MSG_TRUNC) | (wait ? 0 : Int32(MSG_DONTWAIT))
                return syscall { recvmsg(rawValue, &header, flags) }.map { size in
                    Datagram(
                        size: size,
                        truncated: header.msg_flags & Int32(MSG_TRUNC) != 0,
                        senderPortID: senderPointer.pointee.nl_pid
                    )
                }
            }
        }
    }

    /// `poll` for `POLLIN` up to `milliseconds` (-1: forever). True when a datagram or an error is queued.
    func waitForInput(milliseconds: Int32) -> Result<Bool, Errno> {
        var descriptor = pollfd(fd: rawValue, events: Int16(POLLIN), revents: 0)
        return syscall { poll(&descriptor, 1, milliseconds) }.map { $0 > 0 }
    }
}
