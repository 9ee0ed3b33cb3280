import ArgumentParser
import PodRouteCore

/// Where the snapshot comes from: the live host (default), a named network namespace, a
/// capture file, or the bundled demo node. Shared by every command.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the network namespace NAME (/run/netns/NAME, as `ip netns` names it).", valueName: "NAME"))
    var netns: String?

    @Option(name: .long, help: ArgumentHelp("Read a capture: podroute snapshot, `ip -j` JSON, or pasted `ip`/`route -n`/`netstat -rn` text.", valueName: "FILE"))
    var from: String?

    @Flag(name: .long, help: "Use the bundled sample node (a Calico IPIP node).")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Pods on this host: `namespace/pod [ip]` lines, `kubectl get pods -A -o wide` or `-o json` output.", valueName: "FILE"))
    var pods: String?

    @Option(name: .customLong("service-cidr"), help: ArgumentHelp("The cluster's service CIDR (repeatable; default: assume kubeadm's 10.96.0.0/12 on Kubernetes hosts).", valueName: "CIDR"))
    var serviceCIDRs: [String] = []

    func validate() throws {
        let chosen = [netns != nil, from != nil, demo].filter { $0 }.count
        guard chosen <= 1 else {
            throw ValidationError("choose one source: --netns, --from or --demo")
        }
        for text in serviceCIDRs {
            do { _ = try IPPrefix.parse(text) } catch { throw ValidationError("--service-cidr: \(error)") }
        }
    }

    var hints: ClusterHints {
        let cidrs = serviceCIDRs.compactMap { try? IPPrefix.parse($0) }
        return ClusterHints(serviceCIDRs: cidrs.isEmpty ? nil : cidrs)
    }
}
