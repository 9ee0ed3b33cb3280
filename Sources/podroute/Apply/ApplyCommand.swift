import ArgumentParser
import Glibc
import PodRouteApply
import PodRouteCore

struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a route plan to this Linux host, commit-confirmed.",
        discussion: """
            Shows the exact changes and asks (default No; --yes to skip, required without a terminal). \
            Refuses a plan made for another host: the host applied to must hold every global address \
            of the plan's target (its pre-state); --target-host NAME asserts it is the target anyway \
            (renumbered, a VIP moved away), NAME being the plan's target.host. \
            Refuses when the live routes differ from the plan's pre-state. Journals the change, starts a \
            revert guardian, applies every route or none and reads the kernel back. Unless `podroute \
            confirm ID` follows within --confirm-within seconds, the guardian undoes the change, even if \
            this session dies. Needs CAP_NET_ADMIN; everything up to the preview works without it.
            """
    )

    @Argument(help: ArgumentHelp("The plan (`podroute plan ... -o plan.json`); several (a chain's files, one per host): the one for this host is applied.",
                                 valueName: "PLAN.json"))
    var plans: [String]
    @Option(name: .long, help: ArgumentHelp("Apply in the network namespace NAME (/run/netns/NAME).", valueName: "NAME"))
    var netns: String?
    @Option(name: .customLong("confirm-within"), help: ArgumentHelp("Seconds to confirm before the change is reverted.", valueName: "SECONDS"))
    var confirmWithin: Int = 120
    @Flag(name: .long, help: "Apply without asking.") var yes = false
    @Option(name: .customLong("target-host"), help: ArgumentHelp(
        "Assert this host is the plan's target although it does not hold all of its addresses (NAME: the plan's target.host).",
        valueName: "NAME"))
    var targetHost: String?

    func validate() throws {
        guard !plans.isEmpty else { throw ValidationError("name the plan file (podroute plan ... -o plan.json)") }
        guard (1...86_400).contains(confirmWithin) else {
            throw ValidationError("--confirm-within takes 1 to 86400 seconds, not \(confirmWithin)")
        }
    }

    func run() throws {
        let plan = try PlanChange.pick(plans, namespace: netns, asserted: targetHost)
        if plans.count > 1 { FileHandleOutput.write("Picked \(Sanitizer.printable(plan)) of \(plans.count) plans: it is for this host.\n") }
        var (loaded, request) = try PlanChange.load(plan, namespace: netns, asserted: targetHost)
        request.confirmWithin = .seconds(confirmWithin)
        let control = try ChangeControlFactory.make()
        let preview = try failingClearly { () throws(ApplyError) in try control.preview(request) }
        var output = OutputBuffer()
        let target = netns.map { "network namespace \(Sanitizer.printable($0))" } ?? "this host (\(Sanitizer.printable(HostInfo.name())))"
        output.line("Plan \(Sanitizer.printable(plan)) (made for \(Sanitizer.printable(loaded.target.name))), applying to \(target): \(preview.operations.count) change(s)")
        for line in preview.lines { output.line("  " + line) }
        output.line("Undone in this order unless confirmed within \(confirmWithin) s:")
        for line in preview.undoLines { output.line("  " + line) }
        for warning in loaded.warnings { output.line("warning: " + Sanitizer.printable(warning)) }
        output.flush()
        guard preview.drift.isEmpty else { throw CLIFailure(ApplyError.drift(preview.driftLines).description) }
        guard Privileges.hasNetAdmin else {
            throw CLIFailure("cannot apply: podroute is running without CAP_NET_ADMIN, which changing routes needs; run it as root (sudo podroute apply ...). Nothing was changed.")
        }
        if !yes { try askToProceed(count: preview.operations.count) }
        let change = try failingClearly { () throws(ApplyError) in try control.apply(request) }
        output.line("Applied and verified: change \(change.id)")
        output.line("Reverts at \(change.deadline.formatted(.iso8601)) (in \(confirmWithin) s) unless confirmed.")
        output.line("  keep it:  podroute confirm \(change.id)")
        output.line("  undo it:  podroute rollback \(change.id)")
        output.flush()
    }

    /// Asks on the terminal; anything but y/yes is No. Without a terminal there is nobody to ask.
    private func askToProceed(count: Int) throws {
        guard isatty(0) == 1 else {
            throw CLIFailure("refusing to apply without confirmation: standard input is not a terminal (pass --yes to apply anyway). Nothing was changed.")
        }
        FileHandleOutput.write("Apply \(count) change(s)? [y/N] ")
        let answer = readLine(strippingNewline: true)?.trimmingSpaces.lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIFailure("not applied (answer was not yes). Nothing was changed.") }
    }
}

/// Turns the library's errors into the CLI's failures, each line made safe for a terminal (they
/// carry the kernel's messages and the plan's device names).
func failingClearly<T>(_ body: () throws(ApplyError) -> T) throws(CLIFailure) -> T {
    do { return try body() } catch {
        throw CLIFailure(error.description.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Sanitizer.printable(String($0)) }.joined(separator: "\n"))
    }
}

enum ChangeControlFactory {
    /// The journal in its default place and this very executable as the guardian.
    static func make() throws -> ChangeControl {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw CLIFailure("cannot find the podroute executable (/proc/self/exe): \(String(cString: strerror(errno)))") }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return ChangeControl(store: JournalStore(), executable: path)
    }
}

enum FileHandleOutput {
    /// Writes to standard output now (a prompt has no newline to flush it).
    static func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { OutputBuffer.writeAll($0, to: 1) }
    }
}

/// What the process may do.
enum Privileges {
    /// CAP_NET_ADMIN (bit 12) in the effective set, from /proc/self/status.
    static var hasNetAdmin: Bool {
        guard let status = try? FileAccess.readText("/proc/self/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
              let mask = UInt64(line.dropFirst(7).trimmingSpaces, radix: 16) else { return geteuid() == 0 }
        return mask & (1 << 12) != 0
    }
}

extension FileHandleOutput {
    /// One line on standard error.
    static func error(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { OutputBuffer.writeAll($0, to: 2) }
    }
}
