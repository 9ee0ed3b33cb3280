/// The guided setup's steps, in order. Nothing is applied before the last one; every step can go back.
public enum SetupStep: Int, Sendable, Hashable, CaseIterable, Comparable {
    case whereAmI = 1
    case unreachable
    case cidrs
    case nextHops
    case preview
    case apply

    public var title: String {
        switch self {
        case .whereAmI: "where am I"
        case .unreachable: "what is unreachable now"
        case .cidrs: "which CIDRs"
        case .nextHops: "next hops and strategy"
        case .preview: "preview"
        case .apply: "apply, with a verification probe"
        }
    }

    /// `where`, `unreachable`: the step bar's short names.
    public var shortTitle: String {
        switch self {
        case .whereAmI: "where"
        case .unreachable: "unreachable"
        case .cidrs: "CIDRs"
        case .nextHops: "next hops"
        case .preview: "preview"
        case .apply: "apply"
        }
    }

    /// nil after the last step.
    public var next: SetupStep? { SetupStep(rawValue: rawValue + 1) }
    /// nil before the first step.
    public var previous: SetupStep? { SetupStep(rawValue: rawValue - 1) }

    public static var count: Int { allCases.count }

    public static func < (a: SetupStep, b: SetupStep) -> Bool { a.rawValue < b.rawValue }
}
