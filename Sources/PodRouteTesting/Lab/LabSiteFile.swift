import Foundation

/// Site files (podroute's YAML list of hosts) describing the lab, for tests that run
/// `podroute trace --site` or `doctor --site` inside the office namespace.
extension SiteLab {
    /// Writes `<directory>/<name>` naming every lab host by its namespace, except the hosts in
    /// `ssh`, which are read over ssh from the fixture listening on them (at `address`, or the
    /// host's own address). Each node lists its pods (`<node>-pods.txt`); `formats` gives hosts
    /// their vendor format (`format: cisco-ios`). Returns the path.
    @discardableResult
    public func writeSiteFile(_ name: String = "site.yaml", ssh: [LabHost: SSHFixture] = [:],
                              address: [LabHost: String] = [:], serviceCIDRs: [String] = [],
                              formats: [LabHost: String] = [:], local: LabHost? = nil) throws -> String {
        var lines = ["# Written by SiteLab for a test.", "hosts:"]
        for host in LabHost.allCases {
            lines.append("  - name: \(host.rawValue)")
            if host == local {
                lines.append("    local: true")  // podroute runs inside this host's namespace
            } else if let fixture = ssh[host] {
                lines.append("    ssh: root@\(address[host] ?? host.address)")
                let options = fixture.clientOptions.map { "\"\($0)\"" }.joined(separator: ", ")
                lines.append("    ssh_options: [\(options)]")
            } else {
                lines.append("    netns: \(namespace(host))")
            }
            if let format = formats[host] { lines.append("    format: \(format)") }
            let hosted = pods.filter { $0.node.host == host }
            if !hosted.isEmpty {
                // `namespace/pod ip` lines, as podroute's --pods takes them.
                let list = hosted.map { "\($0.qualifiedName) \($0.address)" }.joined(separator: "\n") + "\n"
                try list.write(toFile: directory + "/\(host.rawValue)-pods.txt", atomically: false, encoding: .utf8)
                lines.append("    pods: \(host.rawValue)-pods.txt")
            }
        }
        if !serviceCIDRs.isEmpty { lines.append("service_cidrs: [\(serviceCIDRs.joined(separator: ", "))]") }
        let path = directory + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Runs the built podroute inside a host's namespace (the office, by default), so a site's
    /// ssh hosts are reached through the lab, never from the root namespace.
    public func podroute(on host: LabHost = .office, _ arguments: [String]) throws -> ProgramRun {
        try run(on: host, [PodRouteBinary.path] + arguments)
    }
}
