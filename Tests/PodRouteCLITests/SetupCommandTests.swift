import Foundation
import PodRouteTesting
import Testing

/// `podroute setup` on the lab: answers come a line at a time on standard input. Without any
/// (no terminal, nothing piped) it stops at once, exit 2, nothing applied; going back and
/// quitting applies nothing; the whole way with `yes` twice applies, probes and keeps.
@Suite(.needsNetns, .needsLabTools)
struct SetupCommandTests {
    static let pod = "10.21.230.3"

    /// gw's IPv4 routes, every table, compared whole: nothing may change before the last step (IPv6
    /// link-local routes of a fresh lab still appear as DAD completes, so they are left out).
    static func routes(_ lab: SiteLab) throws -> String {
        try lab.ip(on: .gw, "-4 route show table all")
    }

    static func expectUnchanged(_ lab: SiteLab, _ untouched: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let now = try routes(lab)
        #expect(now == untouched, "gw's routes changed:\n\(now)\n--- was:\n\(untouched)", sourceLocation: sourceLocation)
    }

    /// Runs setup with `answers` piped in (one per line).
    static func setup(_ answers: [String], site: String, state: String, extra: [String] = []) throws -> ProgramRun {
        let input = answers.map { $0 + "\\n" }.joined()
        let command = ([PodRouteBinary.path, "setup", "--site", site, "--no-kubectl"] + extra).map { "'\($0)'" }.joined(separator: " ")
        return try ProgramRun.run("/bin/sh", ["-c", "printf '\(input)' | \(command)"], environment: ["PODROUTE_STATE_DIR": state])
    }

    @Test func noInputBackAndQuitThenTheWholeWayWithAProbe() throws {
        let lab = try SiteLab(.vxlan, label: "clisetup")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let site = try lab.writeSiteFile()
        let untouched = try Self.routes(lab)

        // No terminal, nothing to read: one sentence, exit 2, at once.
        let silent = try PodRouteBinary.run(["setup", "--site", site, "--write", "--no-kubectl"], environment: ["PODROUTE_STATE_DIR": state])
        #expect(silent.status == 2)
        #expect(silent.standardError.contains("setup stopped at step 1: standard input ended"), "\(silent.standardError)")
        #expect(silent.standardOutput.contains("Step 1 of 6 · where am I"))

        // Back and forth, then q at the last step: nothing applied.
        let quit = try Self.setup(["", "", "b", "b", "", "", "", "", "", "q"], site: site, state: state, extra: ["--write"])
        #expect(quit.status == 0, "\(quit.standardError)")
        #expect(quit.standardOutput.contains("setup quit at step 6: nothing was applied."), "\(quit.standardOutput)")
        #expect(quit.standardOutput.contains("gw is a gateway: IPv4 forwarding on"))
        #expect(quit.standardOutput.contains("UNREACHABLE at gw [no-route-on-gateway"))
        try Self.expectUnchanged(lab, untouched)

        // Without --write: the commands, nothing applied.
        let readOnly = try Self.setup(["", "", "", "", ""], site: site, state: state)
        #expect(readOnly.status == 0, "\(readOnly.standardError)")
        #expect(readOnly.standardOutput.contains("ip route add 10.21.69.192/26 via 10.20.1.24"), "\(readOnly.standardOutput)")
        #expect(readOnly.standardOutput.contains("run setup again with --write"))
        try Self.expectUnchanged(lab, untouched)

        // The whole way: recommended CIDRs and strategy, yes to apply, yes to keep on evidence.
        #expect(!lab.ping(from: .office, to: Self.pod, attempts: 1))
        let run = try Self.setup(["", "", "", "", "", "yes", "yes"], site: site, state: state,
                                 extra: ["--write", "--confirm-within", "60"])
        let output = run.standardOutput
        #expect(run.status == 0, "\(run.standardError)\n\(output)")
        #expect(output.contains("ping \(Self.pod): before: no route, from gw"), "\(output)")
        #expect(output.contains("applied change"), "\(output)")
        #expect(output.contains("ping \(Self.pod): ok"), "\(output)")
        #expect(output.contains("(before: no route)"))
        #expect(output.contains("kept: change") && output.contains("confirmed"), "\(output)")
        #expect(lab.ping(from: .office, to: Self.pod), "the office reaches the pod")
        #expect(try lab.ip(on: .gw, "route show table main").contains("10.21.69.192/26 via 10.20.1.24"))
    }

    /// Quitting (or the answers ending) after apply says the change is pending, never "nothing
    /// was applied"; the guardian then reverts it at the deadline.
    @Test func quittingAfterApplyLeavesTheChangePendingAndSaysSo() throws {
        let lab = try SiteLab(.vxlan, label: "clisetupq")
        defer { try? lab.remove() }
        let state = lab.directory + "/state"
        defer { GuardianProcesses.kill(naming: state) }
        let site = try lab.writeSiteFile()
        let untouched = try Self.routes(lab)

        let quit = try Self.setup(["", "", "", "", "", "yes", "q"], site: site, state: state,
                                  extra: ["--write", "--confirm-within", "3"])
        #expect(quit.status == 0, "\(quit.standardError)")
        #expect(quit.standardOutput.contains("is pending: the guardian reverts it"), "\(quit.standardOutput)")
        #expect(!quit.standardOutput.contains("nothing was applied"), "\(quit.standardOutput)")
        #expect(try lab.ip(on: .gw, "route show table main").contains("10.21.69.192/26 via 10.20.1.24"), "applied, pending")

        // Not confirmed: the guardian puts gw back as it was.
        try Self.waitUntilReverted(lab, untouched)

        // The answers end at the keep question: exit 2, and still the pending change is named.
        let ended = try Self.setup(["", "", "", "", "", "yes"], site: site, state: state,
                                   extra: ["--write", "--confirm-within", "3"])
        #expect(ended.status == 2)
        #expect(ended.standardOutput.contains("is pending: the guardian reverts it"), "\(ended.standardOutput)")
        #expect(!(ended.standardOutput + ended.standardError).contains("nothing was applied"), "\(ended.standardError)")
        try Self.waitUntilReverted(lab, untouched)
    }

    static func waitUntilReverted(_ lab: SiteLab, _ untouched: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try routes(lab) != untouched, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.2) }
        try expectUnchanged(lab, untouched, sourceLocation: sourceLocation)
    }
}

/// `podroute setup` without a lab: on a node (the demo) it walks the steps and applies nothing;
/// bad options are one sentence.
@Suite struct SetupCommandInputTests {
    @Test func onANodeTheStepsEndWithAdviceNotApply() throws {
        let command = "printf '\\n\\n\\n\\n\\n' | '\(PodRouteBinary.path)' setup --demo --no-kubectl --write"
        let run = try ProgramRun.run("/bin/sh", ["-c", command])
        #expect(run.status == 0, "\(run.standardError)")
        let output = run.standardOutput
        #expect(output.contains("k8s-node1 is a node: IPv4 forwarding on"), "\(output)")
        #expect(output.contains("Step 6 of 6"), "\(output)")
        #expect(output.contains("Nothing is applied on a node. k8s-node1 is a node: the route for the pods belongs on the office's gateway"),
                "\(output)")
        #expect(!output.contains("Type yes"))
    }

    @Test func badOptionsAreOneSentence() throws {
        let port = try PodRouteBinary.run(["setup", "--demo", "--probe-port", "70000"])
        #expect(port.status != 0 && port.standardError.contains("--probe-port takes a port from 1 to 65535"))
        let probe = try PodRouteBinary.run(["setup", "--demo", "--probe", "pod-1"])
        #expect(probe.status != 0 && probe.standardError.contains("--probe pod-1 is not an IPv4 or IPv6 address"))
        let host = try PodRouteBinary.run(["setup", "--demo", "--from-host", "office"])
        #expect(host.status != 0 && host.standardError.contains("--from-host names a site host: give --site FILE"))
        let missing = try PodRouteBinary.run(["setup", "--from", "/nonexistent/capture.txt"])
        #expect(missing.status == 2 && missing.standardError.contains("cannot read /nonexistent/capture.txt"), "\(missing.standardError)")
    }
}
