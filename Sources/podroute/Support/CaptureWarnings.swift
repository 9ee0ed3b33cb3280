import PodRouteCore
#if canImport(Glibc)
import Glibc
#endif

/// Tells the operator, on standard error, which lines of a capture were not understood.
enum CaptureWarnings {
    static let shown = 20

    static func report(_ snapshot: NetworkSnapshot) {
        guard !snapshot.warnings.isEmpty else { return }
        var errors = OutputBuffer(descriptor: STDERR_FILENO)
        let place: String
        if case .capture(let path) = snapshot.source { place = path + ": " } else { place = "" }
        for warning in snapshot.warnings.prefix(shown) {
            errors.line("podroute: warning: \(place)\(warning)")
        }
        if snapshot.warnings.count > shown {
            errors.line("podroute: warning: \(snapshot.warnings.count - shown) more lines not understood")
        }
        errors.flush()
    }
}
