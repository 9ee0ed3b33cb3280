import Glibc

/// A journal that cannot be read or written: one sentence with the path and the errno.
public enum JournalError: Error, CustomStringConvertible, Sendable {
    case system(String, Int32)
    case corrupt(String)
    case unknownChange(String)
    /// No change in the states a command acts on without an id ("pending", "pending or confirmed").
    case noChange(String)
    case invalidID(String)
    case insecureDirectory(String)

    public var description: String {
        switch self {
        case .system(let what, let code):
            "journal: \(what) failed: \(String(cString: strerror(code)))"
        case .corrupt(let detail):
            "journal entry is unreadable: \(detail)"
        case .unknownChange(let id):
            "no change '\(id)' in the journal (`podroute journal` lists them)"
        case .noChange(let states):
            "there is no \(states) change in the journal (`podroute journal` lists them)"
        case .invalidID(let id):
            "'\(id)' is not a change id (they look like 20261127-081500-3f9a)"
        case .insecureDirectory(let detail):
            "journal directory is not safe to use: \(detail)"
        }
    }
}
