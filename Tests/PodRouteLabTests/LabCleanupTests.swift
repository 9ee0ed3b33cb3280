import Foundation
import PodRouteTesting
import Testing

/// Nothing of a lab outlives it: not after `remove()`, not after `deinit`, not after a
/// construction that failed half-way.
@Suite("Lab cleanup", .needsNetns, .needsLabTools)
struct LabCleanupTests {
    /// What a lab or fixture left to check: namespace names, pids, directories.
    struct Traces {
        var namespaces: [String] = []
        var pids: [pid_t] = []
        var directories: [String] = []
    }

    @Test(.needsBird, .needsSSHD) func removeLeavesNothing() throws {
        let lab = try SiteLab(.bgp, label: "rm", gatewayBGP: true)
        let ssh = try SSHFixture(in: lab, on: .gw)
        let traces = Traces(namespaces: Self.namespaces(startingWith: lab.namePrefix),
                            pids: lab.processIDs + [ssh.pid], directories: [lab.directory, ssh.directory])
        #expect(traces.namespaces.count == 9, "office, gw, node1, node2, lan and four pods")
        #expect(traces.pids.count == 4, "three BIRDs and sshd")
        #expect(traces.pids.allSatisfy(Self.processExists))
        try ssh.remove()
        try lab.remove()
        try lab.remove()  // a second call does nothing
        Self.expectGone(traces, prefix: lab.namePrefix)
    }

    @Test(.needsBird) func deinitLeavesNothing() throws {
        let (traces, prefix) = try Self.traceOfDroppedLab()
        #expect(!traces.pids.isEmpty)
        Self.expectGone(traces, prefix: prefix)
    }

    /// BIRD starts, then convergence times out: the error says so, and BIRD, the namespaces and
    /// the directory made so far are gone when the initialiser throws.
    @Test(.needsBird) func failureHalfWayThroughConstructionLeavesNothing() throws {
        let marker = "\(TestNamespace.prefix)\(getpid())-halfway"
        do {
            _ = try SiteLab(.bgp, label: "halfway", convergenceTimeout: .zero)
            Issue.record("a zero convergence timeout must fail")
        } catch let error as LabError {
            #expect(error.description.contains("BGP did not converge"))
        }
        #expect(Self.namespaces(startingWith: marker).isEmpty)
        #expect(Self.processes(mentioning: marker).isEmpty)
        #expect(Self.temporaryEntries(startingWith: marker).isEmpty)
    }

    /// sshd cannot bind an address its namespace lacks: the fixture throws with sshd's own
    /// words, and leaves neither process nor directory.
    @Test(.needsSSHD) func sshdThatCannotStartLeavesNothing() throws {
        let lab = try SiteLab(.vxlan, label: "sshfail")
        let marker = "\(TestNamespace.prefix)\(getpid())-sshbad-"
        do {
            _ = try SSHFixture(namespace: lab.namespace(.office), addresses: ["10.99.99.99"], label: "sshbad",
                               startTimeout: .seconds(5))
            Issue.record("sshd cannot listen on an address its namespace does not hold")
        } catch let error as LabError {
            #expect(error.description.contains("sshd exited"), "\(error)")
        }
        #expect(Self.processes(mentioning: marker).isEmpty)
        #expect(Self.temporaryEntries(startingWith: marker).isEmpty)
        try lab.remove()
    }

    static func traceOfDroppedLab() throws -> (Traces, String) {
        let lab = try SiteLab(.bgp, label: "deinit")
        return (Traces(namespaces: namespaces(startingWith: lab.namePrefix), pids: lab.processIDs,
                       directories: [lab.directory]), lab.namePrefix)
    }

    static func expectGone(_ traces: Traces, prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(namespaces(startingWith: prefix).isEmpty, "namespaces left", sourceLocation: sourceLocation)
        for pid in traces.pids {
            #expect(!processExists(pid), "pid \(pid) still exists", sourceLocation: sourceLocation)
        }
        for directory in traces.directories {
            #expect(!FileManager.default.fileExists(atPath: directory), "\(directory) left", sourceLocation: sourceLocation)
        }
    }

    /// From `ip netns list`.
    static func namespaces(startingWith prefix: String) -> [String] {
        let listing = (try? ProgramRun.run(NetnsCommand.ipPath ?? "ip", ["netns", "list"]).standardOutput) ?? ""
        return listing.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(prefix) }
    }

    static func processExists(_ pid: pid_t) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    /// Pids whose command line mentions `text` (a lab's temporary directory marker).
    static func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int32(entry) != nil, let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            return String(decoding: raw, as: UTF8.self).contains(text)
        }
    }

    static func temporaryEntries(startingWith prefix: String) -> [String] {
        let root = FileManager.default.temporaryDirectory.path
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
