import Foundation

/// A real OpenSSH server inside a test namespace, for tests that read a remote host over SSH
/// (`ssh gw ip -j -d addr`) the way podroute will on a gateway it cannot run on.
///
///     let ssh = try SSHFixture(in: lab, on: .gw)
///     let json = try lab.run(on: .office, ssh.sshCommand(host: "192.168.50.1") + ["ip", "-j", "-d", "addr"])
///
/// `sshd -D -e -f <config> -p <port>` listens on the host's own addresses only; host keys and
/// the one client key are fresh per fixture in a temporary directory (`AuthorizedKeysFile`
/// points at the client's public key; `UsePAM no`, `StrictModes no`, no passwords). The client
/// must run inside a namespace that reaches the server (`lab.run(on: .office, …)`), so nothing
/// leaves the test namespaces. sshd is our child, killed by its pid by `remove()` or `deinit`.
public final class SSHFixture: Sendable {
    /// The namespace sshd runs in (not owned: the fixture never deletes it).
    public let namespace: String
    public let addresses: [String]
    public let port: Int
    /// Holds the keys, configuration, known_hosts and log; deleted with the fixture.
    public let directory: String
    /// The client's private key, for `ssh -i`.
    public let clientKey: String
    public let knownHostsFile: String
    private let daemon: LabDaemon
    private let resources: LabResources

    /// Starts sshd on a lab host, listening on all of the host's addresses.
    public convenience init(in lab: SiteLab, on host: LabHost = .gw, port: Int = 2222, label: String = "ssh",
                            startTimeout: Duration = .seconds(10)) throws {
        try self.init(namespace: lab.namespace(host), addresses: host.addresses, port: port, label: label,
                      startTimeout: startTimeout)
    }

    /// Starts sshd in `namespace`, listening on `addresses` (which the namespace must hold), and
    /// returns once it listens on all of them, or throws with its log after `startTimeout`.
    /// `label` names the temporary directory (`<tmp>/prt<pid>-<label>-XXXXXX`).
    public init(namespace: String, addresses: [String], port: Int = 2222, label: String = "ssh",
                startTimeout: Duration = .seconds(10)) throws {
        guard let sshd = LabTools.sshd, let keygen = LabTools.sshKeygen, LabTools.ssh != nil else {
            throw LabError(LabTools.sshdUnavailableReason ?? "sshd missing")
        }
        guard let ip = NetnsCommand.ipPath else { throw LabError("iproute2's ip is not installed") }
        let resources = LabResources()
        self.resources = resources
        self.namespace = namespace
        self.addresses = addresses
        self.port = port
        do {
            directory = try resources.makeDirectory(String(label.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(16)))
            clientKey = directory + "/client_ed25519"
            knownHostsFile = directory + "/known_hosts"
            let hostKey = directory + "/ssh_host_ed25519_key"
            for key in [hostKey, clientKey] {
                try ProgramRun.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "podroute-lab", "-f", key]).succeeded()
            }
            let config = directory + "/sshd_config"
            try Self.configuration(directory: directory, hostKey: hostKey, addresses: addresses)
                .write(toFile: config, atomically: false, encoding: .utf8)
            try Self.ensurePrivilegeSeparationDirectory()
            daemon = try LabDaemon(ip, ["netns", "exec", namespace, sshd, "-D", "-e", "-f", config, "-p", String(port)],
                                   logPath: directory + "/sshd.log")
            resources.adopt(daemon)
            try waitUntilListening(timeout: startTimeout)
        } catch {
            try? resources.remove()
            throw error
        }
    }

    deinit { try? resources.remove() }

    /// Kills sshd and deletes the temporary directory. Later calls do nothing.
    public func remove() throws {
        try resources.remove()
    }

    /// sshd's pid (gone after `remove()`).
    public var pid: pid_t { daemon.pid }

    /// What sshd logged (`-e`: to standard error).
    public func log() -> String { daemon.log() }

    /// The ssh client options for this server: its key only, its own known_hosts (the host key is
    /// accepted on first use), no questions, no user configuration, a 5 s connect timeout.
    public var clientOptions: [String] {
        ["-F", "/dev/null", "-i", clientKey, "-o", "IdentitiesOnly=yes",
         "-o", "UserKnownHostsFile=\(knownHostsFile)", "-o", "StrictHostKeyChecking=accept-new",
         "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR", "-p", String(port)]
    }

    /// `ssh <clientOptions> user@host`: append the remote command and run it inside a namespace
    /// that reaches `host`.
    public func sshCommand(user: String = "root", host: String) -> [String] {
        [LabTools.ssh ?? "ssh"] + clientOptions + ["\(user)@\(host)"]
    }

    static func configuration(directory: String, hostKey: String, addresses: [String]) -> String {
        (["# Generated by SSHFixture."] + addresses.map { "ListenAddress \($0)" } + [
            "HostKey \(hostKey)",
            "PidFile \(directory)/sshd.pid",
            "AuthorizedKeysFile \(directory)/client_ed25519.pub",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PrintMotd no",
            "PrintLastLog no",
        ]).joined(separator: "\n") + "\n"
    }

    /// sshd refuses to start without /run/sshd (its privilege-separation chroot, compiled in);
    /// Debian's service creates it at start, and no service runs here.
    static func ensurePrivilegeSeparationDirectory() throws {
        if mkdir("/run/sshd", 0o755) != 0, errno != EEXIST {
            throw LabError("cannot create /run/sshd, which sshd needs: \(String(cString: strerror(errno)))")
        }
    }

    /// Polls `ss` in the namespace until sshd listens on every address.
    private func waitUntilListening(timeout: Duration) throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        repeat {
            guard daemon.isRunning else { throw LabError("sshd exited: \(daemon.log())") }
            let listening = try SiteLab.run(inNamespace: namespace, ["ss", "-H", "-l", "-t", "-n", "sport", "=", ":\(port)"])
                .succeeded().standardOutput
            if addresses.allSatisfy({ listening.contains("\($0):\(port)") }) { return }
            usleep(20_000)
        } while clock.now < deadline
        throw LabError("sshd did not listen on \(addresses.map { "\($0):\(port)" }) within \(timeout): \(daemon.log())")
    }
}
