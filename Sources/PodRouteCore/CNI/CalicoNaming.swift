import Crypto

/// Calico's host-side veth naming rule: the prefix (`cali` unless FELIX_INTERFACEPREFIX says
/// otherwise) plus the first 11 hex digits of SHA-1("<namespace>.<pod>"), 15 characters in all
/// (libcalico-go lib/backend/k8s/conversion/workload_endpoint_default.go).
public enum CalicoNaming {
    public static func interfaceName(namespace: String, pod: String, prefix: String = "cali") -> String {
        let digest = Insecure.SHA1.hash(data: Array("\(namespace).\(pod)".utf8))
        let hex = digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return prefix + hex.prefix(11)
    }

    /// True for names of the `cali` + 11 lower-case hex digits shape.
    public static func looksLikeWorkload(_ name: String, prefix: String = "cali") -> Bool {
        guard name.hasPrefix(prefix) else { return false }
        let rest = name.dropFirst(prefix.count)
        return rest.count == 11 && rest.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
