import ArgumentParser
import FoundationEssentials
import PodRouteApply
import PodRouteCore

struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Keep a pending change: its guardian stands down.",
        discussion: "Without an id, the newest pending change. Refused after the deadline (the guardian has reverted, or is reverting)."
    )

    @Argument(help: ArgumentHelp("The change id (`podroute journal` lists them).", valueName: "ID")) var id: String?

    func run() throws {
        let control = try ChangeControlFactory.make()
        let change = try failingClearly { () throws(ApplyError) in try control.confirm(id) }
        print("Confirmed change \(change.id): it stays. `podroute rollback \(change.id)` undoes it.")
    }
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo a pending or confirmed change now, in reverse, and verify.",
        discussion: "Without an id, the newest pending or confirmed change. A route changed by someone else since is left alone and reported."
    )

    @Argument(help: ArgumentHelp("The change id (`podroute journal` lists them).", valueName: "ID")) var id: String?

    func run() throws {
        let control = try ChangeControlFactory.make()
        let change = try failingClearly { () throws(ApplyError) in try control.rollback(id) }
        var output = OutputBuffer()
        output.line("Rolled back change \(change.id) and verified:")
        for line in change.inverseLines { output.line("  " + Sanitizer.printable(line)) }
        output.flush()
    }
}

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "List the route changes podroute made, with their state.",
        discussion: """
            States: pending (waiting for confirm), confirmed, reverted (by the guardian at the deadline), \
            rolled-back, failed (see the problems). The journal is /var/lib/podroute for root, \
            $XDG_STATE_HOME/podroute otherwise (PODROUTE_STATE_DIR overrides).
            """
    )

    @Flag(name: .long, help: "Print JSON: an array of changes.") var json = false

    func run() throws {
        let control = try ChangeControlFactory.make()
        let (records, unreadable) = try failingClearly { () throws(ApplyError) in try control.journalEntries() }
        var output = OutputBuffer()
        if json {
            var writer = JSONWriter()
            writer.beginArray()
            for record in records { JournalJSON.write(record, guardianRunning: control.guardianRunning(record), to: &writer) }
            writer.endArray()
            output.line(writer.text)
        } else if records.isEmpty {
            output.line("no changes in \(control.store.directory)")
        } else {
            var table = TextTable(headers: ["ID", "STATE", "TARGET", "DEADLINE", "CHANGES"])
            let rows = records.map { record in
                [record.id, record.state.rawValue + (record.state == .pending && !control.guardianRunning(record) ? " (no guardian!)" : ""),
                 Sanitizer.printable(record.namespace.map { "netns \($0)" } ?? record.targetHost ?? "-"),
                 record.deadline.formatted(.iso8601),
                 Sanitizer.printable(record.operationLines.joined(separator: "; "))]
            }
            rows.forEach { table.measure($0) }
            output.line(table.headerLine)
            rows.forEach { output.line(table.format($0)) }
            for record in records where !record.problems.isEmpty {
                output.line("\(record.id) problems:")
                for problem in record.problems { output.line("  " + Sanitizer.printable(problem)) }
            }
        }
        output.flush()
        for problem in unreadable { FileHandleOutput.error("podroute: \(problem)") }
    }
}

enum JournalJSON {
    static func write(_ record: ChangeRecord, guardianRunning: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", record.id)
        writer.member("state", record.state.rawValue)
        if let namespace = record.namespace { writer.member("netns", namespace) } else { writer.nullMember("netns") }
        if let host = record.targetHost { writer.member("targetHost", host) } else { writer.nullMember("targetHost") }
        writer.member("createdAt", record.createdAt.formatted(.iso8601))
        writer.member("deadline", record.deadline.formatted(.iso8601))
        if let pid = record.guardianPID { writer.member("guardianPID", UInt64(pid)) } else { writer.nullMember("guardianPID") }
        writer.member("guardianRunning", guardianRunning)
        strings("operations", record.operationLines, to: &writer)
        strings("undo", record.inverseLines, to: &writer)
        strings("problems", record.problems, to: &writer)
        writer.key("history")
        writer.beginArray()
        for event in record.history {
            writer.beginObject()
            writer.member("at", event.at.formatted(.iso8601))
            writer.member("state", event.state.rawValue)
            writer.member("by", event.by.rawValue)
            if let detail = event.detail { writer.member("detail", detail) }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    private static func strings(_ key: StaticString, _ values: [String], to writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        values.forEach { writer.string($0) }
        writer.endArray()
    }
}

/// The revert guardian (started by apply; not for people to run).
struct GuardianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardian",
        abstract: "Revert a change at its deadline unless confirmed (started by apply).",
        shouldDisplay: false
    )

    @Argument var id: String
    @Option(name: .customLong("state-dir")) var stateDirectory: String
    @Option(name: .customLong("ready-fd")) var readyDescriptor: Int32 = 3
    @Flag var detached = false

    func run() throws {
        let control = ChangeControl(store: JournalStore(directory: stateDirectory), executable: try ChangeControlFactory.make().executable)
        let guardian = Guardian(id: id, control: control)
        let status = detached ? guardian.run(readyDescriptor: readyDescriptor) : guardian.launchDetached(readyDescriptor: readyDescriptor)
        if status != 0 { throw ExitCode(status) }
    }
}
