import Foundation
import Testing

/// The programs the lab drives, found where Debian installs them (scripts/test installs bird2,
/// openssh-server, iputils-ping and traceroute); nil when missing, and tests skip.
public enum LabTools {
    public static let bird = find("bird", in: ["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/sbin"])
    public static let birdc = find("birdc", in: ["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/sbin"])
    /// sshd re-executes itself, so it must be started by absolute path.
    public static let sshd = find("sshd", in: ["/usr/sbin", "/sbin", "/usr/local/sbin"])
    public static let ssh = find("ssh", in: ["/usr/bin", "/bin", "/usr/local/bin"])
    public static let sshKeygen = find("ssh-keygen", in: ["/usr/bin", "/bin", "/usr/local/bin"])
    public static let ping = find("ping", in: ["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
    public static let traceroute = find("traceroute", in: ["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
    public static let bridge = find("bridge", in: ["/usr/sbin", "/sbin", "/usr/bin", "/bin"])

    /// Why a BGP-mode lab cannot run here, or nil.
    public static var birdUnavailableReason: String? {
        bird == nil || birdc == nil ? "BGP lab tests need BIRD 2 (`bird`, `birdc`; Debian package bird2)" : nil
    }

    /// Why the SSH fixture cannot run here, or nil.
    public static var sshdUnavailableReason: String? {
        sshd == nil || ssh == nil || sshKeygen == nil
            ? "SSH tests need `sshd`, `ssh` and `ssh-keygen` (Debian packages openssh-server, openssh-client)" : nil
    }

    /// Why any lab cannot run here (besides root and `ip`, see `.needsNetns`), or nil.
    public static var labUnavailableReason: String? {
        if ping == nil { return "lab tests need `ping` (Debian package iputils-ping)" }
        if traceroute == nil { return "lab tests need `traceroute` (Debian package traceroute)" }
        if bridge == nil { return "lab tests need iproute2's `bridge`" }
        return nil
    }

    private static func find(_ name: String, in directories: [String]) -> String? {
        directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips (with the reason printed) unless `ping`, `traceroute` and `bridge` are installed.
    public static var needsLabTools: Self {
        .enabled(if: LabTools.labUnavailableReason == nil, Comment(rawValue: LabTools.labUnavailableReason ?? ""))
    }

    /// Skips (with the reason printed) unless BIRD 2 is installed.
    public static var needsBird: Self {
        .enabled(if: LabTools.birdUnavailableReason == nil, Comment(rawValue: LabTools.birdUnavailableReason ?? ""))
    }

    /// Skips (with the reason printed) unless sshd, ssh and ssh-keygen are installed.
    public static var needsSSHD: Self {
        .enabled(if: LabTools.sshdUnavailableReason == nil, Comment(rawValue: LabTools.sshdUnavailableReason ?? ""))
    }
}
