import CNetlink
import Testing
@testable import PodRouteNetlink

/// Byte-level tests of the request builder and the message/attribute views; no kernel involved.
struct WireTests {
    @Test("nlmsghdr carries length, type, request and socket flags, sequence and port 0")
    func encodesHeader() {
        var request = NetlinkRequest(.getRoute, flags: [.dumpFiltered], header: rtmsg())
        request.append(15, UInt32(1000))  // RTA_TABLE
        let bytes = request.encoded(sequence: 0x01020304, socketFlags: [.request, .dump])
        #expect(bytes.count == 16 + 12 + 8)
        bytes.withUnsafeBytes { raw in
            #expect(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self) == 36)
            #expect(raw.loadUnaligned(fromByteOffset: 4, as: UInt16.self) == UInt16(RTM_GETROUTE))
            #expect(raw.loadUnaligned(fromByteOffset: 6, as: UInt16.self)
                == UInt16(NLM_F_REQUEST | NLM_F_DUMP | NLM_F_DUMP_FILTERED))
            #expect(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == 0x01020304)
            #expect(raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == 0)
        }
    }

    @Test("headers and attributes are padded to 4 bytes; lengths exclude the padding")
    func padsToFourBytes() {
        var request = NetlinkRequest(.getLink, header: UInt8(7))  // a 1-byte header, like rtgenmsg
        request.append(3, string: "eth0")                         // IFLA_IFNAME: 4 + 5 bytes, 3 of padding
        request.append(4, UInt32(1500))                           // IFLA_MTU
        #expect(request.payload == [
            7, 0, 0, 0,
            9, 0, 3, 0, 0x65, 0x74, 0x68, 0x30, 0, 0, 0, 0,
            8, 0, 4, 0, 0xdc, 0x05, 0, 0,
        ])
    }

    @Test("nested attributes get their total length patched in; NLA_F_NESTED only on request")
    func nestsAttributes() {
        var request = NetlinkRequest(.newLink)
        request.appendNested(18) { linkInfo in             // IFLA_LINKINFO
            linkInfo.append(1, string: "veth")             // IFLA_INFO_KIND
        }
        request.appendNested(18, markNested: true) { _ in }
        #expect(request.payload == [
            16, 0, 18, 0, 9, 0, 1, 0, 0x76, 0x65, 0x74, 0x68, 0, 0, 0, 0,
            4, 0, 18, 0x80,
        ])
        #expect(request.encodingProblem == nil)
    }

    @Test("an attribute too long for rta_len is reported instead of being sent corrupted")
    func refusesOversizedAttribute() {
        var request = NetlinkRequest(.newLink)
        request.append(1, bytes: [UInt8](repeating: 0, count: 70_000))
        #expect(request.encodingProblem != nil)
        #expect(request.payload.isEmpty)
    }

    @Test("attributes: type masked with NLA_TYPE_MASK, unaligned 64-bit loads, strings up to NUL")
    func iteratesAttributes() {
        // IFLA_STATS64-like u64 right after a 4-byte header at offset 4: not 8-aligned on purpose.
        let bytes: [UInt8] = [
            5, 0, 3, 0, 0x6c, 0, 0, 0,                          // type 3, "l\0" + padding
            12, 0, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8,               // type 23, u64
            8, 0, 0x12, 0x80, 4, 0, 1, 0,                       // type 18 | NLA_F_NESTED, one nested attribute
        ]
        bytes.withUnsafeBytes { raw in
            let attributes = Array(NetlinkAttributes(UnsafeRawBufferPointer(rebasing: raw[0...])))
            #expect(attributes.map(\.type) == [3, 23, 18])
            #expect(attributes[0].string == "l")
            #expect(attributes[1].uint64 == 0x0807060504030201)
            #expect(attributes[1].payload.count == 8)
            #expect(attributes[2].isNested)
            #expect(attributes[2].nested.map(\.type) == [1])
            #expect(attributes[2].uint64 == nil, "4-byte payload cannot be read as u64")
            #expect(!NetlinkAttributes(UnsafeRawBufferPointer(rebasing: raw[0...])).isTruncated)
        }
    }

    @Test("iteration stops at an attribute whose length runs past the end, and says so")
    func stopsAtBadLength() {
        let bytes: [UInt8] = [8, 0, 1, 0, 1, 0, 0, 0, 40, 0, 2, 0, 0, 0, 0, 0]
        bytes.withUnsafeBytes { raw in
            let attributes = NetlinkAttributes(UnsafeRawBufferPointer(rebasing: raw[0...]))
            #expect(attributes.map(\.type) == [1])
            #expect(attributes.isTruncated)
        }
    }

    @Test("NLMSG_ERROR with NLM_F_CAPPED | NLM_F_ACK_TLVS yields errno and the ext-ack message")
    func parsesCappedError() throws {
        var echoed = nlmsghdr()
        echoed.nlmsg_len = 28
        echoed.nlmsg_type = UInt16(RTM_GETROUTE)
        var message = NetlinkRequest(.error, flags: [.capped, .ackTLVs], header: nlmsgerr(error: -22, msg: echoed))
        message.append(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: "Invalid values in header for FIB dump request")
        message.append(UInt16(NLMSGERR_ATTR_OFFS.rawValue), UInt32(20))
        let bytes = message.encoded(sequence: 7, socketFlags: [])

        let reply = try #require(NetlinkReply(bytes: bytes))
        reply.withMessage { message in
            #expect(message.errorCode == -22)
            #expect(message.extendedAck == ExtendedAck(
                message: "Invalid values in header for FIB dump request", offset: 20))
            guard case .failure(let error) = message.completion(for: .dump(.getRoute)) else {
                Issue.record("an error code of -22 must fail")
                return
            }
            #expect(error.errno == .EINVAL)
            #expect(error.kernelMessage == "Invalid values in header for FIB dump request")
        }
    }

    @Test("NLMSG_ERROR without NLM_F_CAPPED: the TLVs follow the whole echoed request")
    func parsesUncappedError() throws {
        let original = NetlinkRequest(.getRoute, header: rtmsg()).encoded(sequence: 1, socketFlags: [.request])
        var payload = withUnsafeBytes(of: Int32(-1)) { Array($0) } + original
        var tlv = NetlinkRequest(.error)
        tlv.append(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: "nope")
        payload += tlv.payload
        var header = nlmsghdr()
        header.nlmsg_len = UInt32(16 + payload.count)
        header.nlmsg_type = UInt16(NLMSG_ERROR)
        header.nlmsg_flags = UInt16(NLM_F_ACK_TLVS)
        let bytes = withUnsafeBytes(of: header) { Array($0) } + payload

        let reply = try #require(NetlinkReply(bytes: bytes))
        reply.withMessage { message in
            #expect(message.errorCode == -1)
            #expect(message.extendedAck.message == "nope")
        }
    }

    @Test("NLMSG_DONE carries dump errors as a negative int followed by TLVs")
    func parsesDoneError() throws {
        var done = NetlinkRequest(.done, flags: [.multi, .ackTLVs], header: Int32(-95))
        done.append(UInt16(NLMSGERR_ATTR_MSG.rawValue), string: "Filter by table is not supported")
        let reply = try #require(NetlinkReply(bytes: done.encoded(sequence: 3, socketFlags: [])))
        reply.withMessage { message in
            #expect(message.errorCode == -95)
            #expect(message.extendedAck.message == "Filter by table is not supported")
        }
        let success = try #require(NetlinkReply(bytes: NetlinkRequest(.done, header: Int32(0)).encoded(sequence: 3, socketFlags: [])))
        success.withMessage { message in
            guard case .success = message.completion(for: .dump(.getRoute)) else {
                Issue.record("NLMSG_DONE with 0 is the end of a good dump")
                return
            }
        }
    }

    @Test("several messages in one buffer are visited in order; a bad nlmsg_len is an error")
    func walksMessages() throws {
        let first = NetlinkRequest(.newLink, header: ifinfomsg()).encoded(sequence: 1, socketFlags: [.multi])
        let second = NetlinkRequest(.done, header: Int32(0)).encoded(sequence: 1, socketFlags: [.multi])
        var types: [NetlinkMessageType] = []
        try (first + second).withUnsafeBytes { raw in
            try NetlinkMessage.forEach(in: raw) { message in types.append(message.type) }
        }
        #expect(types == [.newLink, .done])

        var broken = first
        broken[0] = 200  // nlmsg_len past the end
        let error = try #require(throws: NetlinkError.self) {
            try broken.withUnsafeBytes { raw in try NetlinkMessage.forEach(in: raw) { _ in } }
        }
        #expect(error.operation == .decode)
        #expect(error.errno == .EBADMSG)
        #expect(NetlinkReply(bytes: broken) == nil)
    }
}
