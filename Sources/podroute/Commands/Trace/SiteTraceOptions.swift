import ArgumentParser

/// `trace --site FILE [--from-host NAME]`: trace across the hosts of a site file.
struct SiteTraceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Trace across the hosts of a site file (YAML: each host read from netns, from or ssh).", valueName: "FILE"))
    var site: String?

    @Option(name: .customLong("from-host"), help: ArgumentHelp("The site host the packet starts from (default: the site's first workstation, else its first host).", valueName: "NAME"))
    var fromHost: String?

    func validate() throws {
        if fromHost != nil, site == nil { throw ValidationError("--from-host names a host of a site: give --site FILE too") }
    }
}
