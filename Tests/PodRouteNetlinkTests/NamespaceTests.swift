import Foundation
import PodRouteNetlink
import PodRouteTesting
import Testing

struct NamespaceTests {
    @Test("a missing namespace gives ENOENT and a sentence naming it")
    func missingNamespace() throws {
        let name = "\(TestNamespace.prefix)\(getpid())-missing-\(UInt32.random(in: 0...UInt32.max))"
        let error = try #require(throws: NetlinkError.self) {
            _ = try RTNetlinkSocket(namespace: name)
        }
        #expect(error.errno == .ENOENT)
        #expect(error.operation == .enterNamespace(name))
        #expect(error.description == "cannot enter network namespace '\(name)': it does not exist (/run/netns/\(name): ENOENT)")
    }

    @Test("namespace names that would escape /run/netns are refused before any system call",
          arguments: ["", ".", "..", "../../proc/1/ns/net", "a/b"])
    func invalidNamespaceName(_ name: String) throws {
        let error = try #require(throws: NetlinkError.self) {
            _ = try RTNetlinkSocket(namespace: name)
        }
        #expect(error.errno == .EINVAL)
        #expect(error.description.hasPrefix("cannot enter network namespace '\(name)': "))
    }

    @Test("a socket opened in a namespace sees that namespace, and the caller's thread stays put",
          .needsNetns)
    func socketIsBoundToItsNamespace() throws {
        let ns = try TestNamespace("bound")
        try ns.ip("link add inside0 type veth peer name inside1")

        var socket = try RTNetlinkSocket(namespace: ns.name)
        let names = try socket.dump(.linkDump(), into: Set<String>()) { names, message in
            let link = LinkName(message)
            if let link { names.insert(link.name) }
        }
        #expect(names == ["lo", "inside0", "inside1"])
        #expect(socket.namespace == ns.name)
        // This thread never entered the namespace: it still sees the original interfaces.
        let after = try String(contentsOfFile: "/proc/thread-self/net/dev", encoding: .utf8)
        #expect(!after.contains("inside0"))
    }

    @Test("TestNamespace removes its namespace on remove() and in deinit", .needsNetns)
    func fixtureCleansUp() throws {
        var ns: TestNamespace? = try TestNamespace("fixture")
        let path = "/run/netns/\(try #require(ns).name)"
        #expect(FileManager.default.fileExists(atPath: path))
        ns = nil
        #expect(!FileManager.default.fileExists(atPath: path), "deinit left \(path)")

        let explicit = try TestNamespace("fixture")
        // run() executes inside the namespace: only its own loopback is there.
        #expect(try jsonArrayCount(explicit.run("ip", "-j", "link", "show")) == 1)
        #expect(throws: NetnsCommand.Failure.self) { try explicit.ip("link show nonexistent0") }
        #expect(explicit.exists)
        try explicit.remove()
        try explicit.remove()  // idempotent
        #expect(!explicit.exists)
    }
}
