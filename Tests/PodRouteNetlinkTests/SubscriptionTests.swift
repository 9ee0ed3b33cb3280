import PodRouteNetlink
import PodRouteTesting
import Testing

@Suite(.needsNetns)
struct SubscriptionTests {
    @Test("a multicast socket in a namespace sees RTM_NEWLINK when a veth is added there")
    func seesNewLink() throws {
        let ns = try TestNamespace("monitor")
        var subscription = try RTNetlinkSubscription(groups: [.link], namespace: ns.name)
        #expect(subscription.namespace == ns.name)
        #expect(try subscription.receiveAvailable { _ in } == 0, "nothing happened yet")

        try ns.ip("link add v1 type veth peer name v2")

        var added: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(10)
        while !added.isSuperset(of: ["v1", "v2"]), ContinuousClock.now < deadline {
            guard try subscription.wait(timeout: .milliseconds(200)) else { continue }
            try subscription.receiveAvailable { message in
                let link = LinkName(message)
                if let link { added.insert(link.name) }
            }
        }
        #expect(added.isSuperset(of: ["v1", "v2"]))
    }

    @Test("a notification burst larger than the queue is reported as an overrun (ENOBUFS)")
    func overrunIsDistinct() throws {
        let ns = try TestNamespace("overrun")
        // The smallest queue the kernel allows holds only a few RTM_NEWLINK notifications.
        var subscription = try RTNetlinkSubscription(groups: [.link], namespace: ns.name, queueSize: 1)
        try ns.ipBatch((0..<50).map { "link add br\($0) type bridge" })

        let error = try #require(throws: NetlinkError.self) {
            try subscription.receiveAvailable { _ in }
        }
        #expect(error.reason == .overrun)
        #expect(error.errno == .ENOBUFS)
        #expect(error.description.contains("dumped again"))

        // After the overrun the socket keeps working: new notifications arrive.
        _ = try? subscription.receiveAvailable { _ in }
        try ns.ip("link add after type bridge")
        var sawAfter = false
        let deadline = ContinuousClock.now + .seconds(10)
        while !sawAfter, ContinuousClock.now < deadline {
            guard try subscription.wait(timeout: .milliseconds(200)) else { continue }
            try subscription.receiveAvailable { message in
                if LinkName(message)?.name == "after" { sawAfter = true }
            }
        }
        #expect(sawAfter)
    }

    @Test("the other namespace's changes are not seen")
    func isolatedFromOtherNamespaces() throws {
        let watched = try TestNamespace("watched")
        let other = try TestNamespace("other")
        var subscription = try RTNetlinkSubscription(groups: [.link], namespace: watched.name)
        try other.ip("link add elsewhere type bridge")
        try watched.ip("link add here type bridge")

        var names: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(10)
        while !names.contains("here"), ContinuousClock.now < deadline {
            guard try subscription.wait(timeout: .milliseconds(200)) else { continue }
            try subscription.receiveAvailable { message in
                let link = LinkName(message)
                if let link { names.insert(link.name) }
            }
        }
        #expect(names.contains("here"))
        #expect(!names.contains("elsewhere"))
    }
}
