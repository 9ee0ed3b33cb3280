import Glibc
import PodRouteCore
import PodRouteErrno

/// An open probe socket, closed in `deinit`. A class (not `~Copyable`) so per-probe sockets can
/// live in arrays and dictionaries; used by one thread at a time (not `Sendable`).
final class ProbeSocket {
    let fd: Int32
    let kind: SocketKind

    init(adopting fd: Int32, kind: SocketKind) {
        self.fd = fd
        self.kind = kind
    }

    deinit {
        // Not retried on EINTR: on Linux the descriptor is released even then.
        _ = Glibc.close(fd)
    }

    /// setsockopt(2) for an `int` option; `name` is the C name for the error sentence.
    func setOption(level: Int32, _ option: Int32, _ value: Int32, name: String) throws(ProbeError) {
        let result = withUnsafeBytes(of: value) { bytes in
            syscall { setsockopt(fd, level, option, bytes.baseAddress, socklen_t(bytes.count)) }
        }
        if case .failure(let errno) = result { throw ProbeError.system(.setOption(name), errno) }
    }

    /// Sets the TTL (`IP_TTL`) or hop limit (`IPV6_UNICAST_HOPS`) of the packets sent from now on.
    func setHopLimit(_ hops: Int) throws(ProbeError) {
        switch kind.family {
        case .inet: try setOption(level: Int32(IPPROTO_IP), IP_TTL, Int32(hops), name: "IP_TTL")
        case .inet6: try setOption(level: Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS, Int32(hops), name: "IPV6_UNICAST_HOPS")
        }
    }

    /// Queues ICMP errors for this socket's packets on its error queue (`IP_RECVERR`/`IPV6_RECVERR`).
    func receiveErrors() throws(ProbeError) {
        switch kind.family {
        case .inet: try setOption(level: Int32(IPPROTO_IP), IP_RECVERR, 1, name: "IP_RECVERR")
        case .inet6: try setOption(level: Int32(IPPROTO_IPV6), IPV6_RECVERR, 1, name: "IPV6_RECVERR")
        }
    }

    /// `SO_BINDTODEVICE`: send only out of `device` (resolved in the socket's own namespace).
    func bind(toDevice device: String) throws(ProbeError) {
        let name = Array(device.utf8) + [0]
        let result = name.withUnsafeBytes { bytes in
            syscall { setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, bytes.baseAddress, socklen_t(bytes.count)) }
        }
        if case .failure(let errno) = result { throw ProbeError.system(.bindDevice(device), errno) }
    }

    /// bind(2) to `source` with any port: the probes leave from that address.
    func bind(toSource source: IPAddress) throws(ProbeError) {
        let address = SocketAddress(source).bytes
        let result = address.withUnsafeBytes { bytes in
            syscall { Glibc.bind(fd, bytes.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(bytes.count)) }
        }
        if case .failure(let errno) = result { throw ProbeError.system(.bindSource(source), errno) }
    }

    /// sendto(2) one datagram.
    func send(_ payload: [UInt8], to destination: SocketAddress) -> Result<Int, ProbeErrno> {
        let address = destination.bytes
        return payload.withUnsafeBytes { data in
            address.withUnsafeBytes { name in
                syscall {
                    sendto(fd, data.baseAddress, data.count, 0, name.baseAddress?.assumingMemoryBound(to: sockaddr.self),
                           socklen_t(name.count))
                }
            }
        }
    }

    /// connect(2) without waiting: success means the handshake is under way (`EINPROGRESS`) or,
    /// rarely on a local path, already done.
    func startConnect(to destination: SocketAddress) -> Result<Void, ProbeErrno> {
        let address = destination.bytes
        let result = address.withUnsafeBytes { name in
            syscall { connect(fd, name.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(name.count)) }
        }
        switch result {
        case .success, .failure(.EINPROGRESS): return .success(())
        case .failure(let errno): return .failure(errno)
        }
    }

    /// `SO_ERROR`: the socket's pending error, cleared by reading it (ECONNREFUSED after a reset).
    func takePendingError() -> ProbeErrno? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard case .success = syscall({ getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) }), value != 0 else {
            return nil
        }
        return ProbeErrno(rawValue: value)
    }

    /// One datagram read with recvmsg(2), never blocking.
    struct Received {
        var bytes: ArraySlice<UInt8>
        var sender: SocketAddress?
        var control: [ControlMessage]
    }

    /// Reads one datagram from the receive queue, or from the error queue (`MSG_ERRQUEUE`); nil
    /// when the queue is empty.
    func receive(into buffer: inout [UInt8], errorQueue: Bool) -> Result<Received?, ProbeErrno> {
        var name = [UInt8](repeating: 0, count: SocketAddress.capacity)
        var control = [UInt8](repeating: 0, count: 512)
        let flags = Int32(MSG_DONTWAIT) | (errorQueue ? Int32(MSG_ERRQUEUE) : 0)
        let bufferCount = buffer.count
        let result: Result<(size: Int, nameLength: Int, controlLength: Int), ProbeErrno> = buffer.withUnsafeMutableBytes { data in
            name.withUnsafeMutableBytes { nameBytes in
                control.withUnsafeMutableBytes { controlBytes in
                    var vector = iovec(iov_base: data.baseAddress, iov_len: bufferCount)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var header = msghdr()
                        header.msg_name = nameBytes.baseAddress
                        header.msg_namelen = socklen_t(nameBytes.count)
                        header.msg_iov = vectorPointer
                        header.msg_iovlen = 1
                        header.msg_control = controlBytes.baseAddress
                        header.msg_controllen = controlBytes.count
                        return syscall { recvmsg(fd, &header, flags) }.map { size in
                            (size, Int(header.msg_namelen), Int(header.msg_controllen))
                        }
                    }
                }
            }
        }
        switch result {
        case .failure(.EAGAIN): return .success(nil)
        case .failure(let errno): return .failure(errno)
        case .success(let counts):
            let size = min(max(counts.size, 0), bufferCount)
            let nameLength = min(max(counts.nameLength, 0), name.count)
            let controlLength = min(max(counts.controlLength, 0), control.count)
            return .success(Received(
                bytes: buffer[0..<size],
                sender: SocketAddress.parse(ByteView(name[0..<nameLength])),
                control: ControlMessage.all(in: control[0..<controlLength])
            ))
        }
    }
}
