/// Device names seen anywhere in the capture, so `master br0` and `vethB@vethA` can become
/// indexes even when the named device is described further down. A reference to a name not
/// yet seen waits; when the name appears, a patch (an inferred link carrying only the
/// reference) is merged into the waiting link by the builder.
struct LinkDirectory {
    private var indexes: [String: InterfaceIndex] = [:]
    private var waiting: [String: [(link: Link, isMaster: Bool)]] = [:]

    func index(of name: String) -> InterfaceIndex? { indexes[name] }

    /// Records a described link and resolves references that waited for its name.
    mutating func record(_ link: Link, into builder: inout CaptureBuilder) {
        indexes[link.name] = link.index
        for altName in link.altNames where indexes[altName] == nil { indexes[altName] = link.index }
        guard let references = waiting.removeValue(forKey: link.name) else { return }
        for (waitingLink, isMaster) in references {
            var patch = Link(index: waitingLink.index, name: waitingLink.name, linkType: .none, isInferred: true)
            if isMaster { patch.master = link.index } else { patch.parent = link.index }
            builder.add(link: patch)
        }
    }

    mutating func wait(for name: String, from link: Link, isMaster: Bool) {
        waiting[name, default: []].append((link, isMaster))
    }
}
