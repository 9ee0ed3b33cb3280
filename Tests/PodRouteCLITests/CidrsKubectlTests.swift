import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute cidrs` with kubectl: a stand-in `kubectl` first in PATH prints recorded cluster
/// output for each query (there is no cluster here); a missing or failing kubectl is a note.
@Suite("podroute cidrs with kubectl", .serialized)
struct CidrsKubectlTests {
    static let recorded: [String: String] = [
        "ippools.crd.projectcalico.org": #"{"items":[{"metadata":{"name":"default-ipv4-ippool"},"spec":{"cidr":"10.21.0.0/16"}}]}"#,
        "blockaffinities.crd.projectcalico.org": #"{"items":[{"spec":{"cidr":"10.21.230.0/26","node":"k8s-node1","state":"confirmed"}},{"spec":{"cidr":"10.21.69.192/26","node":"k8s-node2","state":"confirmed"}}]}"#,
        "nodes": #"{"items":[{"metadata":{"name":"k8s-node1"},"status":{"addresses":[{"type":"InternalIP","address":"10.20.1.22"}]}},{"metadata":{"name":"k8s-node2"},"spec":{"podCIDR":"10.244.2.0/24"},"status":{"addresses":[{"type":"InternalIP","address":"10.20.1.24"}]}}]}"#,
    ]

    /// A directory with an executable `kubectl` that answers `get <resource>` from `recorded`,
    /// fails like an old cluster for anything else, and logs its arguments.
    static func fakeKubectl(failing: Bool = false) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var script = "#!/bin/sh\necho \"$@\" >> \"\(directory.path)/calls\"\n"
        if failing {
            script += "echo 'error: You must be logged in to the server (Unauthorized)' >&2\nexit 1\n"
        } else {
            script += "for word in \"$@\"; do case \"$word\" in\n"
            for (resource, output) in recorded {
                script += "  \(resource)) cat <<'JSON'\n\(output)\nJSON\n  exit 0;;\n"
            }
            script += "esac; done\necho 'error: the server does not have this resource type' >&2\nexit 1\n"
        }
        // Written through a close-on-exec descriptor: a child spawned meanwhile by another test
        // must not inherit it, or running the script fails with ETXTBSY.
        let path = directory.appendingPathComponent("kubectl").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(script.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return directory
    }

    @Test func kubectlAddsPoolsBlocksAndNodeAddressesWithTheirSources() throws {
        let directory = try Self.fakeKubectl()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try PodRouteBinary.run(["cidrs", "--demo", "--json", "--kube-context", "lab"],
                                         environment: ["PATH": "\(directory.path):/usr/bin:/bin"])
        #expect(run.status == 0, "\(run.standardError)")
        let candidates = try JSONValue.parse(run.standardOutput, strict: true).arrayValue ?? []
        func find(_ cidr: String, _ kind: String) -> JSONValue? {
            candidates.first { $0["cidr"]?.stringValue == cidr && $0["kind"]?.stringValue == kind }
        }
        #expect(find("10.21.0.0/16", "pod-pool")?["source"]?.stringValue?.contains(
            "kubectl --context lab get ippools.crd.projectcalico.org (IPPool default-ipv4-ippool)") == true, "\(run.standardOutput) \(run.standardError)")
        // The demo node's own blackhole and kubectl's BlockAffinity name the same block.
        let own = find("10.21.230.0/26", "pod-block")
        #expect(own?["node"]?.stringValue == "k8s-node1")
        #expect(own?["source"]?.stringValue == "local-block blackhole on k8s-node1; "
            + "kubectl --context lab get blockaffinities.crd.projectcalico.org (BlockAffinity)")
        // kubectl's InternalIP gives the node of a block the demo node only routes to.
        #expect(find("10.21.69.192/26", "pod-block")?["nodeIP"]?.stringValue == "10.20.1.24")
        #expect(find("10.244.2.0/24", "node-podcidr")?["node"]?.stringValue == "k8s-node2")
        // Queries the cluster does not answer are notes, not errors.
        #expect(run.standardError.contains("note: kubectl --context lab get servicecidrs.networking.k8s.io: "
            + "error: the server does not have this resource type"))
        let calls = try String(contentsOf: directory.appendingPathComponent("calls"), encoding: .utf8)
        #expect(calls.split(separator: "\n").allSatisfy { $0.hasPrefix("--context lab --request-timeout=10s") && $0.contains(" get ") })
    }

    @Test func aMissingOrFailingKubectlIsANote() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("podroute-nokubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = try PodRouteBinary.run(["cidrs", "--demo"], environment: ["PATH": empty.path])
        #expect(missing.status == 0)
        #expect(missing.standardError.hasPrefix("note: kubectl gave nothing (cannot start kubectl: no such file or directory)"))
        #expect(missing.standardOutput.contains("10.21.230.0/26"))

        let failing = try Self.fakeKubectl(failing: true)
        defer { try? FileManager.default.removeItem(at: failing) }
        let unauthorized = try PodRouteBinary.run(["cidrs", "--demo"], environment: ["PATH": failing.path])
        #expect(unauthorized.status == 0)
        #expect(unauthorized.standardError.split(separator: "\n") == [
            "note: kubectl gave nothing (error: You must be logged in to the server (Unauthorized)); candidates come from the hosts only (--no-kubectl skips this)",
        ])
    }
}
