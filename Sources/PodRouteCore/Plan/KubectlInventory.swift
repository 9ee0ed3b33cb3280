/// Candidates from `kubectl get ... -o json` output: Calico IPPools and BlockAffinities, the
/// nodes' podCIDRs and InternalIPs, Kubernetes ServiceCIDR objects and kubeadm's
/// ClusterConfiguration. The running of kubectl is the caller's; this reads what it printed.
/// An item that cannot be read is left out with a note, never an error.
public enum KubectlInventory {
    public struct Reading: Sendable {
        public var candidates: [RouteCandidate] = []
        /// Node name -> InternalIP.
        public var nodeAddresses: [String: IPAddress] = [:]
        public var notes: [String] = []

        public init() {}
    }

    /// `kubectl get ippools.crd.projectcalico.org -o json`: enabled pools.
    public static func ipPools(_ value: JSONValue, source: String, into reading: inout Reading) {
        for (position, item) in items(value) {
            guard let text = item["spec"]?["cidr"]?.stringValue, let cidr = prefix(text) else {
                reading.notes.append("\(source): item \(position) has no readable spec.cidr; it is left out")
                continue
            }
            if item["spec"]?["disabled"]?.boolValue == true { continue }
            let name = item["metadata"]?["name"]?.stringValue.map { " \(Sanitizer.printable($0))" } ?? ""
            reading.candidates.append(RouteCandidate(cidr: cidr, kind: .podPool, source: "\(source) (IPPool\(name))"))
        }
    }

    /// `kubectl get blockaffinities.crd.projectcalico.org -o json`: confirmed blocks and their nodes.
    public static func blockAffinities(_ value: JSONValue, source: String, into reading: inout Reading) {
        for (position, item) in items(value) {
            guard let text = item["spec"]?["cidr"]?.stringValue, let cidr = prefix(text),
                  let node = item["spec"]?["node"]?.stringValue else {
                reading.notes.append("\(source): item \(position) has no readable spec.cidr and spec.node; it is left out")
                continue
            }
            if let state = item["spec"]?["state"]?.stringValue, state != "confirmed" { continue }
            reading.candidates.append(RouteCandidate(cidr: cidr, kind: .podBlock, node: node,
                                                     source: "\(source) (BlockAffinity)"))
        }
    }

    /// `kubectl get nodes -o json`: spec.podCIDRs (or podCIDR) and the InternalIP.
    public static func nodes(_ value: JSONValue, source: String, into reading: inout Reading) {
        for (_, item) in items(value) {
            guard let name = item["metadata"]?["name"]?.stringValue else { continue }
            let addresses = item["status"]?["addresses"]?.arrayValue ?? []
            let internalIP = addresses.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
            let nodeIP = internalIP.flatMap { IPAddress($0) }
            if let nodeIP { reading.nodeAddresses[name] = nodeIP }
            var cidrs = item["spec"]?["podCIDRs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if cidrs.isEmpty, let single = item["spec"]?["podCIDR"]?.stringValue { cidrs = [single] }
            for text in cidrs {
                guard let cidr = prefix(text) else {
                    reading.notes.append("\(source): node \(Sanitizer.printable(name)) has podCIDR "
                                         + "'\(Sanitizer.printable(text))', which is not a prefix; it is left out")
                    continue
                }
                reading.candidates.append(RouteCandidate(cidr: cidr, kind: .nodePodCIDR, node: name, nodeIP: nodeIP,
                                                         source: "\(source) (spec.podCIDR)"))
            }
        }
    }

    /// `kubectl get servicecidrs -o json` (Kubernetes 1.31+): spec.cidrs.
    public static func serviceCIDRs(_ value: JSONValue, source: String, into reading: inout Reading) {
        for (_, item) in items(value) {
            for text in item["spec"]?["cidrs"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                guard let cidr = prefix(text) else { continue }
                reading.candidates.append(RouteCandidate(cidr: cidr, kind: .service, source: "\(source) (ServiceCIDR)"))
            }
        }
    }

    /// `kubectl -n kube-system get configmap kubeadm-config -o json`: the `serviceSubnet:` and
    /// `podSubnet:` lines of data.ClusterConfiguration (comma-separated for dual stack).
    public static func kubeadmConfig(_ value: JSONValue, source: String, into reading: inout Reading) {
        guard let text = value["data"]?["ClusterConfiguration"]?.stringValue else { return }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: ":", maxSplits: 1).map { $0.trimming(" \t\"'") }
            guard words.count == 2 else { continue }
            let kind: RouteCandidate.Kind
            switch words[0] {
            case "serviceSubnet": kind = .service
            case "podSubnet": kind = .podPool
            default: continue
            }
            for part in words[1].split(separator: ",") {
                guard let cidr = prefix(part.trimming(" \t\"'")) else { continue }
                reading.candidates.append(RouteCandidate(cidr: cidr, kind: kind, source: "\(source) (kubeadm \(words[0]))"))
            }
        }
    }

    private static func items(_ value: JSONValue) -> [(Int, JSONValue)] {
        Array((value["items"]?.arrayValue ?? []).enumerated())
    }

    private static func prefix(_ text: String) -> IPPrefix? {
        try? IPPrefix.parse(text)
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `set`.
    func trimming(_ set: String) -> String {
        let characters = Set(set)
        return String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
