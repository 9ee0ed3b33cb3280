import ArgumentParser
import PodRouteCore

/// `--kube-context` and `--no-kubectl`: whether commands that gather pod and service CIDRs also
/// ask the user's kubectl, and with which context.
struct KubectlOptions: ParsableArguments {
    @Option(name: .customLong("kube-context"), help: ArgumentHelp("kubectl's --context (candidates from the cluster too).",
                                                                   valueName: "CTX"))
    var kubeContext: String?
    @Flag(name: .customLong("no-kubectl"), help: "Do not ask kubectl for candidates.") var noKubectl = false

    /// The hosts' candidates with kubectl's merged in and its notes (`KubectlSource.merging`);
    /// the candidates unchanged and no notes with --no-kubectl.
    func merging(_ candidates: [RouteCandidate]) -> (candidates: [RouteCandidate], notes: [String]) {
        noKubectl ? (candidates, []) : KubectlSource.merging(candidates, context: kubeContext)
    }
}
