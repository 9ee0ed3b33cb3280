/// The help overlay's lines, generated from the key registry and the command table, so help
/// can never disagree with what the keys do.
public enum HelpLine: Hashable, Sendable {
    case section(String)
    case binding(KeyBinding)
    case command(CommandLineSpec.Command)
    case text(String)

    /// Lines the cursor can stop on and Enter can run.
    public var isActionable: Bool {
        switch self {
        case .binding, .command: true
        case .section, .text: false
        }
    }
}

public enum HelpContent {
    public static func lines(registry: KeyRegistry, view: ViewID) -> [HelpLine] {
        var lines: [HelpLine] = []
        for section in registry.helpSections(for: view) {
            lines.append(.section(section.group))
            for binding in section.bindings { lines.append(.binding(binding)) }
        }
        lines.append(.section("Commands (:)"))
        for command in CommandLineSpec.commands { lines.append(.command(command)) }
        if !registry.refused.isEmpty {
            let keys = registry.refused.map { "\($0.hintKey) \($0.label)" }.joined(separator: ", ")
            lines.append(.section("Read-only"))
            lines.append(.text("hidden until podroute runs with --write: \(keys)"))
        }
        return lines
    }

    /// The first actionable line at or after `index` going in `direction` (+1/-1).
    static func actionable(_ lines: [HelpLine], from index: Int, direction: Int) -> Int {
        var position = min(max(0, index), max(0, lines.count - 1))
        while lines.indices.contains(position), !lines[position].isActionable { position += direction }
        if lines.indices.contains(position) { return position }
        // Nothing that way: the nearest actionable line the other way.
        position = min(max(0, index), max(0, lines.count - 1))
        while lines.indices.contains(position), !lines[position].isActionable { position -= direction }
        return lines.indices.contains(position) ? position : 0
    }
}
