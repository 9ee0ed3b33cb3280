import FoundationEssentials
import PodRouteCore
import Yams

/// A site file: the hosts on the path from the office to the cluster, each read from a
/// network namespace, a capture, over ssh, or live (`local: true`: the host podroute runs on).
///
///     hosts:
///       - name: office
///         netns: office-ns          # or  from: office.json   or  ssh: me@192.168.50.10
///       - name: gw
///         local: true               # podroute runs here: read live, and the Plan view may apply here
///       - name: core
///         ssh: root@192.168.50.1:22
///         ssh_options: ["-i", "~/.ssh/lab"]   # optional, passed to ssh as they are
///       - name: node1
///         from: captures/node1.txt
///         role: node                # optional: node, gateway or workstation (else detected)
///         pods: node1-pods.txt      # optional: namespace/pod [ip] lines or kubectl output
///       - name: dc-gw
///         from: captures/dc-gw.txt
///         format: cisco-ios         # optional: the commands for this router (plan's --format names)
///     service_cidrs: [10.96.0.0/12] # optional
struct SiteFile {
    let path: String
    let hosts: [Entry]
    let serviceCIDRs: [IPPrefix]?

    struct Entry {
        let name: String
        let source: Source
        let role: HostRole?
        let pods: String?
        let format: GatewayFormat?
    }

    enum Source: Equatable {
        case namespace(String)
        case capture(path: String)
        case ssh(SSHTarget, options: [String])
        /// The host podroute runs on (its current network namespace), read live.
        case local
    }

    /// Reads and checks a site file; every problem is one sentence naming the file and host.
    static func load(_ path: String) throws -> SiteFile {
        let text = try FileAccess.readText(path)
        let document: Document
        do {
            document = try YAMLDecoder().decode(Document.self, from: text)
        } catch let error as YamlError {
            throw CLIFailure("\(path): not valid YAML: \(Self.describe(error))")
        } catch let error as DecodingError {
            throw CLIFailure("\(path): \(Self.describe(error))")
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var names = Set<String>()
        var entries: [Entry] = []
        for (position, host) in document.hosts.enumerated() {
            let label = "host \(position + 1) ('\(Sanitizer.printable(host.name))')"
            guard !host.name.isEmpty else { throw CLIFailure("\(path): host \(position + 1) has an empty name") }
            guard names.insert(host.name).inserted else { throw CLIFailure("\(path): two hosts are named '\(host.name)'") }
            let given = [host.netns != nil, host.from != nil, host.ssh != nil, host.local == true].filter { $0 }.count
            guard given == 1 else {
                throw CLIFailure("\(path): \(label) needs exactly one of netns, from, ssh or local: true (it has \(given))")
            }
            let source: Source
            if host.local == true {
                guard !entries.contains(where: { $0.source == .local }) else {
                    throw CLIFailure("\(path): \(label) is local: true, but another host already is (podroute runs on one host)")
                }
                source = .local
            } else if let netns = host.netns {
                source = .namespace(netns)
            } else if let from = host.from {
                source = .capture(path: from.hasPrefix("/") ? from : directory + "/" + from)
            } else {
                guard let target = SSHTarget(host.ssh ?? "") else {
                    throw CLIFailure("\(path): \(label) has ssh '\(host.ssh ?? "")'; expected [user@]host[:port]")
                }
                source = .ssh(target, options: host.ssh_options ?? [])
            }
            var role: HostRole?
            if let text = host.role {
                guard let parsed = HostRole(rawValue: text) else {
                    throw CLIFailure("\(path): \(label) has role '\(text)'; expected node, gateway or workstation")
                }
                role = parsed
            }
            let pods = host.pods.map { $0.hasPrefix("/") ? $0 : directory + "/" + $0 }
            var format: GatewayFormat?
            if let text = host.format {
                do { format = try GatewayFormat(argument: text) } catch {
                    throw CLIFailure("\(path): \(label): \(error)")
                }
            }
            entries.append(Entry(name: host.name, source: source, role: role, pods: pods, format: format))
        }
        guard !entries.isEmpty else { throw CLIFailure("\(path): no hosts listed (expected a `hosts:` list)") }
        var services: [IPPrefix]?
        if let cidrs = document.service_cidrs {
            services = try cidrs.map { text in
                do { return try IPPrefix.parse(text) } catch { throw CLIFailure("\(path): service_cidrs: \(error)") }
            }
        }
        return SiteFile(path: path, hosts: entries, serviceCIDRs: services)
    }

    private struct Document: Decodable {
        let hosts: [Host]
        let service_cidrs: [String]?
    }

    private struct Host: Decodable {
        let name: String
        let netns: String?
        let from: String?
        let ssh: String?
        let ssh_options: [String]?
        /// `local: true`: the host podroute runs on, read live (the only kind a site can apply to
        /// besides `netns:`).
        let local: Bool?
        let role: String?
        let pods: String?
        let format: String?
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "line \(mark.line): \(problem)" + (context.map { " (\($0.text))" } ?? "")
        default:
            return String(describing: error)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(where_(context.codingPath)) is missing '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(where_(context.codingPath)) has the wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context):
            return "\(where_(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "cannot be read"
        }
    }

    private static func where_(_ path: [any CodingKey]) -> String {
        if path.isEmpty { return "the file" }
        return path.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }.joined(separator: " → ")
    }
}

/// `[user@]host[:port]` (IPv6 literals in brackets: `[2001:db8::1]:2222`).
struct SSHTarget: Equatable, CustomStringConvertible {
    let user: String?
    let host: String
    let port: UInt16?

    init?(_ text: String) {
        var rest = Substring(text.trimmingSpaces)
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            if user?.isEmpty == true { return nil }
        }
        var port: UInt16?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                guard let number = UInt16(after.dropFirst()) else { return nil }
                port = number
            } else if !after.isEmpty { return nil }
            rest = rest[rest.index(after: rest.startIndex)..<close]
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            guard let number = UInt16(rest[rest.index(after: colon)...]) else { return nil }
            port = number
            rest = rest[..<colon]
        }
        guard !rest.isEmpty, !rest.contains(" "), !rest.hasPrefix("-") else { return nil }
        self.user = user
        host = String(rest)
        self.port = port
    }

    /// `user@host` as ssh takes it.
    var destination: String { user.map { "\($0)@\(host)" } ?? host }

    /// As the site file names it: `user@host:port`, IPv6 hosts in brackets when a port follows.
    var description: String {
        guard let port else { return destination }
        let shown = host.contains(":") ? "[\(host)]" : host
        return (user.map { "\($0)@" } ?? "") + "\(shown):\(port)"
    }
}
