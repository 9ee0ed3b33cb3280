import Foundation
import PodRouteCore
import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct DecoderFuzzTests {
    @Test("decoders fed thousands of truncated and garbled copies of real messages throw or skip, never crash")
    func garbledMessagesNeverCrash() throws {
        let rich = try RichNamespace("fuzz")
        var socket = try RTNetlinkSocket(namespace: rich.node.name)
        var captured: [[UInt8]] = []
        let requests: [NetlinkRequest] = [
            .linkDump(), .addressDump(), .routeDump(family: .inet), .routeDump(family: .inet6),
            .ruleDump(family: .inet), .ruleDump(family: .inet6), .netconfDump(family: .inet),
        ]
        for request in requests {
            captured += try socket.dump(request, into: [[UInt8]]()) { messages, message in
                messages.append(Array(message.bytes))
            }
        }
        #expect(captured.count > 50)

        var random = SplitMix64(seed: 0x5eed_d0c0de)
        var decoded = 0
        var refused = 0
        for round in 0..<6_000 {
            var bytes = captured[Int(random.next() % UInt64(captured.count))]
            switch round % 4 {
            case 0:  // truncate anywhere after the netlink header, keeping nlmsg_len consistent
                bytes = Array(bytes.prefix(16 + Int(random.next() % UInt64(max(1, bytes.count - 15)))))
            case 1:  // flip a few bytes after the netlink header
                for _ in 0..<(1 + random.next() % 8) where bytes.count > 16 {
                    bytes[16 + Int(random.next() % UInt64(bytes.count - 16))] = UInt8(truncatingIfNeeded: random.next())
                }
            case 2:  // corrupt an attribute length or type (16-bit words at 4-byte boundaries)
                if bytes.count > 20 {
                    let word = 16 + 4 * Int(random.next() % UInt64((bytes.count - 16) / 4))
                    bytes[word] = UInt8(truncatingIfNeeded: random.next())
                    bytes[min(word + 1, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next() % 4)
                }
            default:  // random garbage of a plausible size with a real message type
                let type = bytes[4...5]
                bytes = (0..<(16 + random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                bytes.replaceSubrange(4...5, with: type)
            }
            withUnsafeBytes(of: UInt32(bytes.count)) { bytes.replaceSubrange(0..<4, with: $0) }
            guard let reply = NetlinkReply(bytes: bytes) else { continue }
            reply.withMessage { message in
                let outcomes: [Bool?] = [
                    (try? LinkDecoder.decode(message)).map { _ in true },
                    (try? AddressDecoder.decode(message)).map { _ in true },
                    (try? RouteDecoder.decode(message, cloned: .include)).map { _ in true },
                    (try? RuleDecoder.decode(message)).map { _ in true },
                    (try? NetconfDecoder.decode(message)).map { _ in true },
                ]
                decoded += outcomes.compactMap { $0 }.count
                refused += outcomes.filter { $0 == nil }.count
            }
            var store = RouteStore()
            _ = try? reply.withMessage { message throws(NetlinkError) in try RouteDecoder.decode(message, into: &store) }
        }
        #expect(decoded > 0 && refused > 0, "both outcomes exercised: \(decoded) decoded, \(refused) refused")
    }
}

/// A small deterministic generator, so a failing round can be replayed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
