import Foundation
import PodRouteTesting
import Testing

/// Reading needs no privileges; what does need them fails with one sentence.
@Suite(.needsNetns, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs setpriv (util-linux)"))
struct PrivilegeTests {
    /// `setpriv` to the unprivileged user nobody, all capabilities gone.
    private static let asNobody = ["/usr/bin/setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups",
                                   "--inh-caps=-all", "--bounding-set=-all"]

    @Test func anUnprivilegedUserReadsTheSameRoutes() throws {
        let fixture = try CalicoNodeFixture(label: "priv-read")
        defer { try? fixture.remove() }
        let asRoot = try PodRouteBinary.run("routes", "--json", "--netns", fixture.node.name).succeeded()
        // Inside the namespace (entered by root), podroute itself runs unprivileged.
        let ip = try #require(NetnsCommand.ipPath)
        let unprivileged = try ProgramRun.run(ip, ["netns", "exec", fixture.node.name] + Self.asNobody
            + [PodRouteBinary.path, "routes", "--json"]).succeeded()
        #expect(unprivileged.standardOutput == asRoot.standardOutput)
    }

    @Test func enteringANamespaceWithoutPrivilegeIsOneSentence() throws {
        let namespace = try TestNamespace("priv-enter")
        defer { try? namespace.remove() }
        let run = try ProgramRun.run(Self.asNobody[0], Array(Self.asNobody.dropFirst())
            + [PodRouteBinary.path, "links", "--netns", namespace.name])
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(run.standardError.contains("cannot enter network namespace '\(namespace.name)'"))
        #expect(run.standardError.contains("EPERM"))
    }

    @Test func theDemoNeedsNothing() throws {
        let run = try ProgramRun.run(Self.asNobody[0], Array(Self.asNobody.dropFirst()) + [PodRouteBinary.path, "routes", "--demo"])
            .succeeded()
        #expect(run.standardOutput.contains("remote-block ipip → node 10.20.1.24"))
        #expect(run.standardOutput.contains("workload ingress-nginx/ingress-nginx-controller-d864d97df-22ljk"))
    }
}
