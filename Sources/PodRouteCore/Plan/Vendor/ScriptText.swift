/// A script or configuration file under construction, with the platform's comment syntax.
struct ScriptText {
    let commentPrefix: String
    private(set) var lines: [String] = []

    init(_ format: GatewayFormat) { commentPrefix = format.commentPrefix }

    mutating func line(_ text: String) { lines.append(text) }
    mutating func comment(_ text: String) { lines.append(text.isEmpty ? commentPrefix : commentPrefix + " " + text) }
    mutating func blank() { if lines.last?.isEmpty == false { lines.append("") } }

    /// The common opening: what the script is, how many changes, the order.
    mutating func header(_ context: VendorContext, purpose: ScriptPurpose, count: Int) {
        comment("podroute: \(context.format.summary) - \(purpose.word).")
        let changes = count == 1 ? "1 change" : "\(count) changes"
        switch purpose {
        case .apply:
            comment("\(changes), in the order to apply them (for a chain of routers, nearest the cluster first);")
            comment("the rollback script undoes them in reverse order.")
        case .rollback:
            comment("Undoes the apply script: \(changes), the inverse of each, last change first.")
        }
    }

    /// `n. add 10.244.0.0/16 via 10.20.1.22` before each step.
    mutating func stepComment(_ number: Int, _ step: VendorStep) {
        blank()
        comment("\(number). \(step.summary)")
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
}
