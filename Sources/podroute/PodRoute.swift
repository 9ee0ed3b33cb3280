import ArgumentParser

@main
struct PodRoute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podroute",
        abstract: "See and fix how an office LAN reaches Kubernetes pod and service IPs.",
        discussion: """
            Shows a node's or gateway's links, routes and CNI devices (Calico tunl0 / vxlan.calico / BGP, \
            Flannel, Cilium) exactly as the kernel holds them, read live over rtnetlink or from a capture. \
            Reading needs no privileges.
            """,
        version: "podroute 0.1.0",
        subcommands: [
            TUICommand.self, LinksCommand.self, RoutesCommand.self, RulesCommand.self, SnapshotCommand.self,
            TraceCommand.self, ProbeCommand.self, DoctorCommand.self, CidrsCommand.self, PlanCommand.self, SetupCommand.self,
            ApplyCommand.self, ConfirmCommand.self, RollbackCommand.self, JournalCommand.self, GuardianCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )
}
