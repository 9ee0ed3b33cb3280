import Dispatch
import PodRouteCore
import Synchronization

/// Asks the user's own kubectl (their kubeconfig and context) for what it knows about pod and
/// service CIDRs. Every query is read-only (`get -o json`); a missing kubectl, an unreachable
/// cluster or a resource the cluster does not have is a note, never an error.
enum KubectlSource {
    static let timeoutSeconds = 15

    private enum Query: CaseIterable {
        case ipPools, blockAffinities, nodes, serviceCIDRs, kubeadmConfig

        var arguments: [String] {
            switch self {
            case .ipPools: ["get", "ippools.crd.projectcalico.org", "-o", "json"]
            case .blockAffinities: ["get", "blockaffinities.crd.projectcalico.org", "-o", "json"]
            case .nodes: ["get", "nodes", "-o", "json"]
            case .serviceCIDRs: ["get", "servicecidrs.networking.k8s.io", "-o", "json"]
            case .kubeadmConfig: ["-n", "kube-system", "get", "configmap", "kubeadm-config", "-o", "json"]
            }
        }
    }

    /// The hosts' candidates with kubectl's merged in (their node addresses filled from kubectl's
    /// nodes), and kubectl's notes.
    static func merging(_ candidates: [RouteCandidate], context: String?) -> (candidates: [RouteCandidate], notes: [String]) {
        let reading = read(context: context)
        return (RouteCandidate.merged(RouteCandidate.withNodeAddresses(candidates, reading.nodeAddresses) + reading.candidates),
                reading.notes)
    }

    static func read(context: String?) -> KubectlInventory.Reading {
        let queries = Query.allCases
        let outputs = Mutex<[Int: Result<JSONValue, CLIFailure>]>([:])
        DispatchQueue.concurrentPerform(iterations: queries.count) { position in
            let result = run(queries[position].arguments, context: context)
            outputs.withLock { $0[position] = result }
        }
        let collected = outputs.withLock { $0 }
        var reading = KubectlInventory.Reading()
        let label = context.map { "kubectl --context \(Sanitizer.printable($0))" } ?? "kubectl"
        var failures: [String] = []
        for (position, query) in queries.enumerated() {
            let source = "\(label) \(query.arguments.filter { $0 != "-o" && $0 != "json" }.joined(separator: " "))"
            switch collected[position] {
            case .success(let value)?:
                switch query {
                case .ipPools: KubectlInventory.ipPools(value, source: source, into: &reading)
                case .blockAffinities: KubectlInventory.blockAffinities(value, source: source, into: &reading)
                case .nodes: KubectlInventory.nodes(value, source: source, into: &reading)
                case .serviceCIDRs: KubectlInventory.serviceCIDRs(value, source: source, into: &reading)
                case .kubeadmConfig: KubectlInventory.kubeadmConfig(value, source: source, into: &reading)
                }
            case .failure(let failure)?:
                failures.append("\(source): \(failure.description)")
            case nil:
                break
            }
        }
        // One note when kubectl itself is missing or the cluster is unreachable for every query.
        if failures.count == queries.count, let first = failures.first {
            reading.notes.append("kubectl gave nothing (\(first.split(separator: ":", maxSplits: 1).last.map(String.init)?.trimmingSpaces ?? first)); "
                                 + "candidates come from the hosts only (--no-kubectl skips this)")
        } else {
            reading.notes += failures
        }
        reading.candidates = RouteCandidate.withNodeAddresses(reading.candidates, reading.nodeAddresses)
        return reading
    }

    private static func run(_ arguments: [String], context: String?) -> Result<JSONValue, CLIFailure> {
        let full = (context.map { ["--context", $0] } ?? []) + ["--request-timeout=10s"] + arguments
        do {
            let result = try ChildProcess.run("kubectl", full, timeoutSeconds: timeoutSeconds)
            guard result.status == 0 else {
                let reason = result.standardError.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
                return .failure(CLIFailure(Sanitizer.printable(reason)))
            }
            return .success(try JSONValue.parse(result.standardOutput, strict: true))
        } catch let failure as CLIFailure {
            return .failure(failure)
        } catch {
            return .failure(CLIFailure("its output is not JSON"))
        }
    }
}
