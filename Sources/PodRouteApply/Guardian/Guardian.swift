import FoundationEssentials
import Glibc
import PodRouteCore

/// The revert guardian of one change: the hidden `podroute guardian ID` command. It waits for the
/// change's deadline, re-reading the journal entry a few times a second (a confirm, rollback or
/// extension shows up there), and at the deadline, unless the entry says otherwise, reverts the
/// change under the entry's lock, verifies the revert and journals the result.
public struct Guardian {
    public let id: String
    public let control: ChangeControl
    /// How often the journal entry is re-read while waiting.
    public var pollInterval: Duration = .milliseconds(200)

    public init(id: String, control: ChangeControl) {
        self.id = id
        self.control = control
    }

    /// Stage one, in the new session podroute spawned: start the real guardian (which inherits
    /// the ignored SIGHUP, the log and descriptor 3) and exit, so it is reparented at once.
    public func launchDetached(readyDescriptor: Int32) -> Int32 {
        signal(SIGHUP, SIG_IGN)
        ProcessSpawn.closeInheritedDescriptors()
        let arguments = ["guardian", id, "--state-dir", control.store.directory, "--ready-fd", String(readyDescriptor), "--detached"]
        switch ProcessSpawn.spawn(control.executable, arguments, log: nil, readyDescriptor: readyDescriptor,
                                  newSession: false, keepSIGHUPIgnored: true) {
        case .success: return 0
        case .failure(let failure):
            log("cannot start the guardian: \(failure.reason)")
            return 1
        }
    }

    /// Stage two: reports ready on `readyDescriptor`, then guards until the change is settled.
    /// Returns the exit status.
    public func run(readyDescriptor: Int32) -> Int32 {
        signal(SIGHUP, SIG_IGN)
        ProcessSpawn.closeInheritedDescriptors()
        signal(SIGPIPE, SIG_IGN)
        let record: ChangeRecord
        do { record = try control.store.read(id) } catch {
            log("\(error)")
            close(readyDescriptor)
            return 1
        }
        log("guarding change \(id) (pid \(getpid())), deadline \(record.deadline.formatted(.iso8601))")
        let answer = Array("ready \(getpid())\n".utf8)
        _ = answer.withUnsafeBytes { write(readyDescriptor, $0.baseAddress, $0.count) }
        close(readyDescriptor)
        return guardUntilSettled()
    }

    private func guardUntilSettled() -> Int32 {
        while true {
            let record: ChangeRecord
            do { record = try control.store.read(id) } catch {
                log("\(error)")
                return 1
            }
            guard record.state == .pending else {
                log("change is \(record.state.rawValue); nothing left to guard")
                return 0
            }
            let remaining = record.deadline.timeIntervalSinceNow
            if remaining > 0 {
                let step = min(remaining, Double(pollInterval.components.seconds) + Double(pollInterval.components.attoseconds) / 1e18)
                usleep(useconds_t(step * 1_000_000))
                continue
            }
            do {
                switch try control.revertAtDeadline(id) {
                case .reverted(let settled):
                    log("deadline passed without confirmation: reverted and verified (\(settled.inverseLines.joined(separator: "; ")))")
                    return 0
                case .notDue:
                    continue
                case .settled(let state):
                    log("change is \(state.rawValue); nothing left to guard")
                    return 0
                }
            } catch {
                log("deadline passed without confirmation; the revert failed: \(error)")
                return 1
            }
        }
    }

    private func log(_ message: String) {
        let line = "\(Date().formatted(.iso8601)) podroute guardian \(id): \(message)\n"
        FileHandleWriter.standardError(line)
    }
}

/// Unbuffered writes to descriptor 2 (the guardian's log).
enum FileHandleWriter {
    static func standardError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
