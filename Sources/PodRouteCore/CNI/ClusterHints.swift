/// What podroute knows about the cluster beyond one host's kernel state: service and pod
/// CIDRs (from kubectl, a site file or the command line) and Calico's interface prefix.
public struct ClusterHints: Sendable, Hashable {
    /// nil: not known; the classifier then assumes kubeadm's default (10.96.0.0/12) on hosts
    /// that show Kubernetes devices, and says it assumed so.
    public var serviceCIDRs: [IPPrefix]?
    public var podCIDRs: [IPPrefix]
    /// FELIX_INTERFACEPREFIX's first entry.
    public var calicoInterfacePrefix: String

    public init(serviceCIDRs: [IPPrefix]? = nil, podCIDRs: [IPPrefix] = [], calicoInterfacePrefix: String = "cali") {
        self.serviceCIDRs = serviceCIDRs
        self.podCIDRs = podCIDRs
        self.calicoInterfacePrefix = calicoInterfacePrefix
    }

    /// kubeadm's default service CIDR.
    public static let kubeadmServiceCIDR = IPPrefix(address: .v4(IPv4Address(10, 96, 0, 0)), length: 12)!
}
