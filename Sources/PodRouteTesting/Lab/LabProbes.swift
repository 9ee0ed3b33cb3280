import Foundation

/// Real packets through the lab, and commands run on its hosts. Every probe runs inside a lab
/// namespace (`ip netns exec`), so nothing is sent from the root namespace.
extension SiteLab {
    /// Runs `executable` (a bare name is looked up in PATH) inside a host's namespace and returns
    /// how it ended; does not throw on a non-zero exit (`.succeeded()` does).
    @discardableResult
    public func run(on host: LabHost, _ executable: String, _ arguments: [String]) throws -> ProgramRun {
        try Self.run(inNamespace: namespace(host), [executable] + arguments)
    }

    /// Runs `command` (program then arguments) inside a host's namespace; does not throw on a
    /// non-zero exit. For `ssh.sshCommand(host:) + ["ip", "-j", "addr"]`.
    @discardableResult
    public func run(on host: LabHost, _ command: [String]) throws -> ProgramRun {
        try Self.run(inNamespace: namespace(host), command)
    }

    /// `run(on:_:_:)` with variadic arguments.
    @discardableResult
    public func run(on host: LabHost, _ executable: String, _ arguments: String...) throws -> ProgramRun {
        try run(on: host, executable, arguments)
    }

    /// `ip -n <host> <arguments>` (split on whitespace); throws unless it succeeds.
    @discardableResult
    public func ip(on host: LabHost, _ arguments: String) throws -> String {
        try hosts[host]!.ip(arguments)
    }

    /// Whether one echo request from `host` to `address` is answered within a second
    /// (`ping -c 1 -W 1 -n`). Up to `attempts` tries: the first packet of a path may wait on ARP
    /// at every hop, a reply never needs more than that.
    public func ping(from host: LabHost, to address: String, attempts: Int = 3) -> Bool {
        Self.ping(inNamespace: namespace(host), to: address, attempts: attempts)
    }

    /// The same from a pod's namespace.
    public func ping(from pod: LabPod, to address: String, attempts: Int = 3) -> Bool {
        Self.ping(inNamespace: pod.netns, to: address, attempts: attempts)
    }

    /// The hops from `host` to `address`, by real `traceroute -n -q 1 -w 1 -m 8` (ICMP echo
    /// probes with `icmp: true`, UDP otherwise): one address per hop, nil for a hop that did not
    /// answer (`*`). The last element is `address` when the destination answered.
    public func traceroute(from host: LabHost, to address: String, icmp: Bool = true) throws -> [String?] {
        let run = try Self.run(inNamespace: namespace(host),
                               ["traceroute", "-n", "-q", "1", "-w", "1", "-m", "8"] + (icmp ? ["-I"] : []) + [address])
        guard run.status == 0 else {
            throw LabError("traceroute from \(host) to \(address) failed (\(run.status)): \(run.standardError)")
        }
        return Self.parseTraceroute(run.standardOutput)
    }

    /// Hop lines of `traceroute -n -q 1` (` 2  10.20.1.22  0.112 ms`, ` 3  *`, ` 1  192.168.50.1  0.1 ms !N`).
    public static func parseTraceroute(_ output: String) -> [String?] {
        output.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, Int(fields[0]) != nil else { return nil }
            return fields[1] == "*" ? String?.none : String(fields[1])
        }
    }

    static func ping(inNamespace namespace: String, to address: String, attempts: Int) -> Bool {
        for _ in 0..<max(attempts, 1) {
            if let run = try? run(inNamespace: namespace, ["ping", "-c", "1", "-W", "1", "-n", address]), run.status == 0 {
                return true
            }
        }
        return false
    }

    static func run(inNamespace namespace: String, _ command: [String]) throws -> ProgramRun {
        guard let ip = NetnsCommand.ipPath else { throw LabError("iproute2's ip is not installed") }
        return try ProgramRun.run(ip, ["netns", "exec", namespace] + command)
    }
}
