import Foundation

/// Kernel settings inside a lab namespace, always through `ip netns exec … sysctl` (our own
/// /proc/sys is the root namespace's, which the lab never touches). Keys use the slash form
/// (`net/ipv4/conf/vxlan.calico/rp_filter`): interface names may contain dots.
enum LabSysctl {
    /// The starting point of every lab namespace. A new namespace copies its IPv4 `all` and
    /// `default` settings from the root namespace (devconf_inherit_init_net=0), so a test host
    /// with strict rp_filter would otherwise leak it into the lab. Set before any interface
    /// exists, so `default` reaches every interface created later.
    /// - rp_filter off: tests turn it on where they mean to.
    /// - no ICMP redirects: node1 forwards gw's packets for node2's pods back out the interface
    ///   they came in on; a redirect would teach gw to skip node1 after the first packet and
    ///   make a path depend on which test ran before.
    /// - no ICMP rate limit: several traceroutes in a row must all get their time-exceeded replies.
    /// - no IPv6 DAD: link-local addresses are final at once, two reads of a host agree.
    static let baseline: [String: String] = [
        "net/ipv4/conf/all/rp_filter": "0", "net/ipv4/conf/default/rp_filter": "0",
        "net/ipv4/conf/all/send_redirects": "0", "net/ipv4/conf/default/send_redirects": "0",
        "net/ipv4/conf/all/accept_redirects": "0", "net/ipv4/conf/default/accept_redirects": "0",
        "net/ipv4/icmp_ratelimit": "0",
        "net/ipv6/conf/all/accept_dad": "0", "net/ipv6/conf/default/accept_dad": "0",
    ]

    /// Sets every `key: value` in one `sysctl` run (sorted, so the order is repeatable).
    static func set(_ settings: [String: String], in namespace: TestNamespace) throws {
        let assignments = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        guard let ip = NetnsCommand.ipPath else { throw LabError("iproute2's ip is not installed") }
        _ = try NetnsCommand.run(ip, ["netns", "exec", namespace.name, "sysctl", "-q", "-w"] + assignments)
    }

    /// The current value of `key` in the namespace.
    static func get(_ key: String, in namespace: TestNamespace) throws -> String {
        guard let ip = NetnsCommand.ipPath else { throw LabError("iproute2's ip is not installed") }
        return try NetnsCommand.run(ip, ["netns", "exec", namespace.name, "sysctl", "-n", key])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
