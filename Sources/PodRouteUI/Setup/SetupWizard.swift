import PodRouteCore

/// The guided setup over the Plan view: the step shown and what the survey found. The choices
/// themselves (CIDRs, strategy, next hops) are the Plan view's, so what setup stages is exactly
/// what the Plan view previews and applies.
public struct SetupWizard: Sendable {
    public internal(set) var step: SetupStep = .whereAmI
    /// Roles and traces; nil while the survey runs off the loop (big tables).
    public internal(set) var survey: SetupSurvey?
    public internal(set) var generation = 0
    /// The proposal for the candidates, made when the CIDR step is first reached.
    public internal(set) var recommendation: SetupRecommendation?
    /// First line shown of a step's text (PgDn/PgUp).
    public internal(set) var scroll = 0
    /// The change this session had applied before setup opened (its outcome is not setup's).
    public internal(set) var changeAtOpen: String?

    public init() {}
}

/// The survey's inputs held by value, so it can run off the loop over a big site.
public struct SetupSurveyJob: Sendable {
    public let site: Site
    public let target: String
    public let traceFrom: String

    public init(site: Site, target: String, traceFrom: String) {
        self.site = site
        self.target = target
        self.traceFrom = traceFrom
    }

    public func run() -> SetupSurvey { SetupSurvey(site: site, target: target, traceFrom: traceFrom) }

    var routeCount: Int { site.hosts.reduce(0) { $0 + $1.snapshot.routes.count } }
}
