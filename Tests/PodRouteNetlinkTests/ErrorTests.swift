import PodRouteNetlink
import Testing

/// The sentences an ops engineer reads: one per reason, naming the operation and the errno.
struct ErrorTests {
    @Test("errno values print their C names", arguments: [
        (Errno.EPERM, "EPERM"), (.ENOENT, "ENOENT"), (.EINVAL, "EINVAL"), (.ENOBUFS, "ENOBUFS"),
        (.EEXIST, "EEXIST"), (.ENETUNREACH, "ENETUNREACH"), (Errno(rawValue: 4095), "errno 4095"),
    ])
    func errnoNames(_ errno: Errno, _ name: String) {
        #expect(errno.name == name)
        #expect(errno.description == name)
    }

    @Test("every reason reads as one sentence", arguments: [
        (NetlinkError(.enterNamespace("foo"), .system(.ENOENT, context: "/run/netns/foo")),
         "cannot enter network namespace 'foo': it does not exist (/run/netns/foo: ENOENT)"),
        (NetlinkError(.enterNamespace("foo"), .system(.EPERM, context: "setns /run/netns/foo")),
         "cannot enter network namespace 'foo': permission denied (entering a network namespace needs CAP_SYS_ADMIN) (setns /run/netns/foo: EPERM)"),
        (NetlinkError(.dump(.getRoute), .kernel(.EINVAL, ExtendedAck(message: "Invalid values in header for FIB dump request"))),
         "the kernel refused the route dump: Invalid values in header for FIB dump request (EINVAL)"),
        (NetlinkError(.request(.delRoute), .kernel(.ESRCH, ExtendedAck())),
         "the kernel refused to delete the route: No such process (ESRCH)"),
        (NetlinkError(.request(.newRoute), .system(.EPERM, context: "sendto")),
         "cannot add the route (RTM_NEWROUTE): permission denied (changing the network needs CAP_NET_ADMIN) (sendto: EPERM)"),
        (NetlinkError(.openSocket, .system(.EMFILE, context: "socket")),
         "cannot open a netlink socket: too many open files (socket: EMFILE)"),
        (NetlinkError(.dump(.getLink), .dumpInterrupted(attempts: 6)),
         "cannot dump links (RTM_GETLINK): the table changed during each of 6 attempts (NLM_F_DUMP_INTR)"),
        (NetlinkError(.dump(.getAddress), .truncated(size: 70_000, capacity: 65_536)),
         "cannot dump addresses (RTM_GETADDR): a 70000-byte netlink datagram did not fit the 65536-byte receive buffer (MSG_TRUNC)"),
        (NetlinkError(.dump(.getRule), .endOfStream),
         "cannot dump rules (RTM_GETRULE): the kernel ended the answer early (recvmsg returned 0 bytes)"),
        (NetlinkError(.receiveEvents, .overrun),
         "netlink notifications were lost because they arrived faster than they were read (ENOBUFS); the state must be dumped again"),
        (NetlinkError(.joinGroup(.ipv6Route), .system(.EPERM, context: "setsockopt NETLINK_ADD_MEMBERSHIP")),
         "cannot subscribe to netlink group RTNLGRP_IPV6_ROUTE: operation not permitted (setsockopt NETLINK_ADD_MEMBERSHIP: EPERM)"),
    ])
    func descriptions(_ error: NetlinkError, _ sentence: String) {
        #expect(error.description == sentence)
    }

    @Test("synthetic reasons map to the closest errno; kernelMessage only from the kernel")
    func errnoOfReasons() {
        #expect(NetlinkError(.receiveEvents, .overrun).errno == .ENOBUFS)
        #expect(NetlinkError(.dump(.getLink), .dumpInterrupted(attempts: 2)).errno == .EINTR)
        #expect(NetlinkError(.dump(.getLink), .truncated(size: 2, capacity: 1)).errno == .EMSGSIZE)
        #expect(NetlinkError(.dump(.getLink), .system(.EPERM, context: "x")).kernelMessage == nil)
        #expect(NetlinkError(.dump(.getLink), .kernel(.EPERM, ExtendedAck(message: "m"))).kernelMessage == "m")
    }

    @Test("message types print their C names and keep unknown values")
    func messageTypeNames() {
        #expect(NetlinkMessageType.getRoute.name == "RTM_GETROUTE")
        #expect(NetlinkMessageType.done.name == "NLMSG_DONE")
        #expect(NetlinkMessageType(rawValue: 9999).name == "type 9999")
        #expect(NetlinkFamily.inet6.description == "AF_INET6")
        #expect(NetlinkFamily.inet.rawValue == 2 && NetlinkFamily.inet6.rawValue == 10)
        #expect(RTNetlinkGroup.ipv4Rule.description == "RTNLGRP_IPV4_RULE")
    }
}
