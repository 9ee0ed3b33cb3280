/// The operator's SSH session as the environment describes it: `SSH_CONNECTION` is
/// `client_ip client_port server_ip server_port`, the older `SSH_CLIENT` lacks the server address.
public struct SSHSession: Hashable, Sendable {
    public var client: IPAddress
    /// The address of this host the session arrived on.
    public var local: IPAddress?
    /// Which variable it came from, for messages.
    public var variable: String

    public init(client: IPAddress, local: IPAddress? = nil, variable: String) {
        self.client = client
        self.local = local
        self.variable = variable
    }

    /// Reads `SSH_CONNECTION`, else `SSH_CLIENT`; nil when neither names an address.
    public init?(environment: [String: String]) {
        for variable in ["SSH_CONNECTION", "SSH_CLIENT"] {
            let words = (environment[variable] ?? "").split(separator: " ")
            // Some sshd versions give IPv4 clients as IPv4-mapped IPv6 (::ffff:a.b.c.d).
            guard let first = words.first, let client = IPAddress(Self.unmapped(first)) else { continue }
            let local = variable == "SSH_CONNECTION" && words.count >= 3 ? IPAddress(Self.unmapped(words[2])) : nil
            self.init(client: client, local: local, variable: variable)
            return
        }
        return nil
    }

    private static func unmapped(_ text: Substring) -> Substring {
        text.lowercased().hasPrefix("::ffff:") && text.contains(".") ? text.dropFirst(7) : text
    }
}
