import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct LinkDumpTests {
    @Test("RTM_GETLINK dump in a fresh namespace lists exactly the links `ip -j link` lists")
    func linkDumpMatchesIP() throws {
        let ns = try TestNamespace("links")
        try ns.ip("link add v1 type veth peer name v2")
        try ns.ip("link add vx1 type vxlan id 42 dstport 4789")
        try ns.ip("link add br0 type bridge")

        var socket = try RTNetlinkSocket(namespace: ns.name)
        let dumped = try socket.dump(.linkDump(), into: [LinkName]()) { links, message in
            let link = LinkName(message)  // outside #require: its expansion copies arguments
            links.append(try #require(link))
        }

        #expect(dumped.count == Set(dumped).count, "a link appeared twice: \(dumped)")
        let expected = try linkNames(fromIPJSON: ns.ip("-j link show"))
        #expect(Set(dumped) == expected)
        #expect(Set(dumped.map(\.name)) == ["lo", "v1", "v2", "vx1", "br0"])
    }

    @Test("dump restarts transparently after NLM_F_DUMP_INTR and returns the post-change state")
    func dumpRestartsWhenInterrupted() throws {
        let ns = try TestNamespace("intr")
        // ~2 KiB per bridge: the dump needs several 32 KiB datagrams, and the kernel builds the next
        // one during each recvmsg, so a change made in the body lands between two of them.
        try ns.ipBatch((0..<80).map { "link add br\($0) type bridge" })

        var socket = try RTNetlinkSocket(namespace: ns.name)
        var restarts = 0
        var added = false
        var seen: [LinkName] = []
        try socket.dump(.linkDump(), onRestart: { restarts += 1; seen = [] }) { message in
            if !added {
                added = true
                try ns.ip("link add late type bridge")
            }
            let link = LinkName(message)
            seen.append(try #require(link))
        }

        #expect(restarts == 1)
        #expect(Set(seen) == (try linkNames(fromIPJSON: ns.ip("-j link show"))))
        #expect(seen.contains { $0.name == "late" })
    }

    @Test("a dump that is interrupted on every attempt gives up with NLM_F_DUMP_INTR")
    func dumpGivesUpAfterMaxRestarts() throws {
        let ns = try TestNamespace("intr-max")
        try ns.ipBatch((0..<80).map { "link add br\($0) type bridge" })

        var socket = try RTNetlinkSocket(namespace: ns.name)
        var attempt = 0
        var restarts = 0
        var lastAttemptAdded = -1
        let error = try #require(throws: NetlinkError.self) {
            try socket.dump(.linkDump(), maxRestarts: 2, onRestart: { restarts += 1 }) { _ in
                if lastAttemptAdded != restarts {
                    lastAttemptAdded = restarts
                    attempt += 1
                    try ns.ip("link add late\(attempt) type bridge")
                }
            }
        }
        #expect(restarts == 2)
        #expect(error.reason == .dumpInterrupted(attempts: 3))
        #expect(error.errno == .EINTR)
        #expect(error.description.contains("link"))

        // The socket drained every attempt, so it is ready for the next dump.
        let count = try socket.dump(.linkDump(), into: 0) { count, _ in count += 1 }
        #expect(count == 1 + 80 + 3)
    }

    @Test("a datagram larger than the receive buffer is reported (MSG_TRUNC), and the socket recovers")
    func truncatedDatagram() throws {
        let ns = try TestNamespace("trunc")
        // Link messages are well over 1 KiB each; 40 of them keep the dump running after the first part.
        try ns.ipBatch((0..<40).map { "link add br\($0) type bridge" })
        var socket = try RTNetlinkSocket(namespace: ns.name, receiveBufferSize: 1024)

        let error = try #require(throws: NetlinkError.self) {
            try socket.dump(.linkDump(), onRestart: {}) { _ in }
        }
        guard case .truncated(let size, let capacity) = error.reason else {
            Issue.record("expected .truncated, got \(error)")
            return
        }
        #expect(size > 1024 && capacity == 1024)
        #expect(error.errno == .EMSGSIZE)

        // The rest of the link dump was drained, so the kernel accepts the next dump (not EBUSY).
        let rules = try socket.dump(.ruleDump(family: .inet), into: 0) { count, _ in count += 1 }
        #expect(rules == (try jsonArrayCount(ns.ip("-4 -j rule show"))))
        #expect(rules == 3)
    }

    @Test("an error thrown by the body is rethrown as is, after the dump was read to its end")
    func bodyErrorDrainsDump() throws {
        struct Stop: Error, Equatable {}
        let ns = try TestNamespace("body-error")
        try ns.ipBatch((0..<40).map { "link add br\($0) type bridge" })
        var socket = try RTNetlinkSocket(namespace: ns.name)

        var calls = 0
        #expect(throws: Stop()) {
            try socket.dump(.linkDump(), onRestart: {}) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1, "no messages are delivered after the body threw")

        let count = try socket.dump(.linkDump(), into: 0) { count, _ in count += 1 }
        #expect(count == 41)
    }
}
