import Foundation
import PodRouteCore
import PodRouteTesting
import Testing
@testable import podroute

/// What the ssh source runs on a remote host, run for real with `sh` in a namespace (the ssh
/// transport itself is covered by the site trace over the lab's sshd): with iproute2 complete
/// the neighbour table and FDB come along; on a host without `bridge` the rest is still read,
/// the script still succeeds, and the snapshot carries one warning.
@Suite(.needsNetns) struct SSHScriptTests {
    private func node() throws -> TestNamespace {
        let node = try TestNamespace("ssh-script")
        try node.ipBatch([
            "link add eth0 type veth peer name eth0-peer", "addr add 10.20.1.22/24 dev eth0", "link set eth0 up",
            "link add vxlan.calico type vxlan id 4096 dstport 4789 local 10.20.1.22 dev eth0 nolearning",
            "link set vxlan.calico up",
            "neigh add 10.21.69.192 lladdr 66:11:22:33:44:55 dev vxlan.calico nud permanent",
        ])
        _ = try node.run("bridge", "fdb", "append", "66:11:22:33:44:55", "dev", "vxlan.calico", "dst", "10.20.1.24")
        return node
    }

    /// Runs the remote script in the namespace with `path` as PATH.
    private func runScript(in node: TestNamespace, path: String) throws -> ProgramRun {
        try ProgramRun.run(NetnsCommand.ipPath!, ["netns", "exec", node.name, "/usr/bin/env", "-i", "PATH=\(path)",
                                                   "/bin/sh", "-c", SSHSource.remoteScript])
    }

    @Test func aCompleteHostGivesNeighboursAndFDB() throws {
        let node = try node()
        defer { try? node.remove() }
        let run = try runScript(in: node, path: "/usr/sbin:/usr/bin:/sbin:/bin")
        #expect(run.status == 0, "\(run.standardError)")
        let snapshot = try SSHSource.snapshot(fromOutput: run.standardOutput, path: "ssh://node1", name: "node1")
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let device = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let remote = VXLANRemote.resolve(IPAddress("10.21.69.192")!, device: device, in: snapshot)
        #expect(remote.destination == IPAddress("10.20.1.24"))
    }

    @Test func aHostWithoutBridgeIsReadWithAWarning() throws {
        let node = try node()
        defer { try? node.remove() }
        // A PATH holding `ip` but no `bridge`, as on a host with a trimmed iproute2.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(node.name)-bin").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/ip", withDestinationPath: NetnsCommand.ipPath!)
        let run = try runScript(in: node, path: directory)
        #expect(run.status == 0, "the optional command's failure is not the script's: \(run.standardError)")
        let snapshot = try SSHSource.snapshot(fromOutput: run.standardOutput, path: "ssh://node1", name: "node1")
        #expect(snapshot.neighbours?.isEmpty == false)
        #expect(snapshot.fdb == nil)
        #expect(snapshot.routes.count > 0)
        #expect(snapshot.warnings.map(\.description) == [
            "node1: bridge -j fdb show gave nothing (iproute2 too old, or bridge missing?); VXLAN outer destinations come from the site instead",
        ])
        let device = try #require(snapshot.link(named: "vxlan.calico")?.index)
        let reason = VXLANRemote.resolve(IPAddress("10.21.69.192")!, device: device, in: snapshot).unknownReason
        #expect(reason?.hasPrefix("the snapshot has no FDB") == true, "\(String(describing: reason))")
    }

    /// A host whose `ip` fails (missing, or refusing a dump): the script fails with its status,
    /// so the site says why instead of reading half a host.
    @Test func aFailingIPFailsTheScript() throws {
        let node = try node()
        defer { try? node.remove() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(node.name)-badbin").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // `ip` that answers the address dump and then refuses the rest, with status 3.
        let fake = "#!/bin/sh\ncase \"$*\" in *addr*) exec \(NetnsCommand.ipPath!) \"$@\";; esac\necho refused >&2\nexit 3\n"
        try fake.write(toFile: directory + "/ip", atomically: false, encoding: .utf8)
        chmod(directory + "/ip", 0o755)
        let run = try runScript(in: node, path: directory + ":/usr/bin:/bin")
        #expect(run.status == 3, "\(run.standardError)")
        #expect(run.standardError.contains("refused"))
    }
}
