/// A capture that could not be loaded at all, in one sentence.
public enum CaptureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing in the file looks like any supported output.
    case notACapture(path: String, firstLine: Int?, excerpt: String?)
    /// A JSON section that is not valid JSON.
    case badJSON(path: String, line: Int, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notACapture(let path, let line, let excerpt):
            if let line, let excerpt {
                return "\(path): line \(line) ('\(excerpt)') is not ip, route, netstat or podroute output; "
                    + "expected e.g. 'ip -d addr', 'ip route show table all', 'route -n' or 'ip -j ...' output"
            }
            return "\(path): the file is empty; expected ip, route, netstat or podroute output"
        case .badJSON(let path, let line, let reason):
            return "\(path): the JSON starting at line \(line) cannot be read: \(reason)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }
}
