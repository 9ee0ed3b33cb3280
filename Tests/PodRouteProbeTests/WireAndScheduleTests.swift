import PodRouteCore
import Testing
@testable import PodRouteProbe

/// What the engine reads from the wire, and the order it sends probes in, without sockets.
@Suite struct WireAndScheduleTests {
    /// An IPv4 header (20 bytes, no options) from `source` to `destination` carrying `protocolNumber`.
    static func ipv4(_ source: [UInt8], _ destination: [UInt8], protocolNumber: UInt8, payload: [UInt8]) -> [UInt8] {
        let total = 20 + payload.count
        return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0, 0, 0, 0, 1, protocolNumber, 0, 0]
            + source + destination + payload
    }

    @Test func aTimeExceededQuotingOurEchoRequestIsMatched() throws {
        let request = EchoMessage.request(family: .inet, identifier: 0x1234, sequence: 7, payload: Array("podroute".utf8))
        #expect(InternetChecksum.compute(request) == 0, "a packet with its checksum sums to zero")
        let quoted = Self.ipv4([192, 168, 50, 10], [10, 21, 69, 212], protocolNumber: 1, payload: Array(request.prefix(8)))
        let error = Self.ipv4([10, 20, 1, 22], [192, 168, 50, 10], protocolNumber: 1, payload: [11, 0, 0, 0, 0, 0, 0, 0] + quoted)
        let split = try #require(ICMPReading.splitIPv4Datagram(ByteView(error)))
        #expect(split.source == IPAddress("10.20.1.22"))
        guard case .error(let kind, let packet)? = ICMPReading.parse(split.message, family: .inet) else {
            Issue.record("not read as an ICMP error")
            return
        }
        #expect(kind == .timeExceeded)
        #expect(packet.destination == IPAddress("10.21.69.212"))
        #expect(packet.echoRequest(family: .inet)?.identifier == 0x1234)
        #expect(packet.echoRequest(family: .inet)?.sequence == 7)
    }

    @Test func unreachableCodesMapToTracerouteMarks() {
        #expect(ICMPType.errorKind(family: .inet, type: 3, code: 0) == .unreachable(.network))
        #expect(ICMPType.errorKind(family: .inet, type: 3, code: 3) == .unreachable(.port))
        #expect(ICMPType.errorKind(family: .inet, type: 3, code: 13)?.mark == "!X")
        #expect(ICMPType.errorKind(family: .inet6, type: 1, code: 4) == .unreachable(.port))
        #expect(ICMPType.errorKind(family: .inet6, type: 3, code: 0) == .timeExceeded)
        #expect(ICMPType.errorKind(family: .inet, type: 5, code: 1) == nil, "a redirect is no answer to a probe")
    }

    /// Garbage never traps and is never taken for an answer.
    @Test func randomBytesAreIgnored() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...96, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let view = ByteView(bytes)
            _ = ICMPReading.splitIPv4Datagram(view)
            _ = ICMPReading.parse(view, family: .inet)
            _ = ICMPReading.parse(view, family: .inet6)
            _ = ControlMessage.all(in: bytes[...])
            _ = ExtendedError.parse(bytes[...])
            _ = SocketAddress.parse(view)
        }
        #expect(ICMPReading.parse(ByteView([11, 0, 0, 0]), family: .inet) == nil, "an error quoting nothing")
        #expect(ExtendedError.parse([1, 2, 3][...]) == nil)
    }

    /// Round 0 walks outward; later rounds wait for it and stop at the hop that ended the path.
    @Test func theScheduleWalksOutThenRevisitsUpToTheEnd() {
        var options = ProbeOptions()
        options.maxHops = 10
        options.probesPerHop = 2
        options.maxSilentHops = 3
        var schedule = ProbeSchedule(options: options)
        let firstRound = (0..<3).map { _ in schedule.next(roundZeroPending: true) }
        #expect(firstRound == [.send(hop: 1, round: 0), .send(hop: 2, round: 0), .send(hop: 3, round: 0)])
        #expect(schedule.next(roundZeroPending: true) == .wait, "three silent hops: wait for answers")
        schedule.answered(hop: 1, endsPath: false)
        #expect(schedule.next(roundZeroPending: true) == .send(hop: 4, round: 0))
        schedule.answered(hop: 2, endsPath: true)
        #expect(schedule.limit == 2)
        #expect(schedule.next(roundZeroPending: false) == .send(hop: 1, round: 1))
        #expect(schedule.next(roundZeroPending: false) == .send(hop: 2, round: 1))
        #expect(schedule.next(roundZeroPending: false) == .done)
    }

    @Test func badOptionsAreOneSentence() {
        var options = ProbeOptions()
        options.maxHops = 0
        #expect(options.problem(for: IPAddress("10.0.0.1")!) == "the maximum hop count must be 1 to 255 (got 0)")
        options = ProbeOptions()
        options.source = IPAddress("2001:db8::1")
        #expect(options.problem(for: IPAddress("10.0.0.1")!)?.contains("different address families") == true)
        #expect(ProbeOptions().problem(for: IPAddress("0.0.0.0")!)?.contains("unspecified") == true)
    }
}
