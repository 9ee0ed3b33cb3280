/// One family's routing tables ready for lookups: the prefix index, which slot each table id
/// has in it, and each prefix's answer to a plain query (no TOS, no output device), computed
/// once with the same route selection the explained lookup runs. Each range of the index then
/// carries its table's answer there, fallbacks to shorter prefixes followed: a route index,
/// `PrefixAnswer.threw`, `.dependsOnQuery` (look the prefixes up one by one), or
/// `.noneUsable` (no prefix of the table answers: the table misses).
struct FamilyTables<Word: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    let index: PrefixIndex<Word>
    let slots: [RouteTableID: Int]
    /// A route index, or a `PrefixAnswer` code.
    let answers: [Int32]

    init(snapshot: NetworkSnapshot, family: AddressFamily, linkdown: LinkdownPolicy, word: (IPAddress) -> Word) {
        let routes = snapshot.routes
        let positions = routes.indices(of: family)
        var builder = PrefixIndexBuilder<Word>()
        builder.reserve(positions.count)
        var slots: [RouteTableID: Int] = [:]
        // Routes arrive grouped by table: remember the last slot rather than hash every route's table.
        var lastTable: RouteTableID?
        var lastSlot = 0
        for position in positions {
            let facts = routes.lookupFacts(at: position)
            // Cache entries are not FIB routes.
            if facts.flags.contains(.cloned) { continue }
            if facts.table != lastTable {
                if let known = slots[facts.table] {
                    lastSlot = known
                } else {
                    lastSlot = slots.count
                    slots[facts.table] = lastSlot
                }
                lastTable = facts.table
            }
            builder.add(word(facts.destination), length: facts.length, tableSlot: lastSlot, tos: facts.tos,
                        metric: facts.metric, route: Int32(position))
        }
        var index = builder.build(tableCount: slots.count)
        let selection = RouteSelection(snapshot: snapshot, linkdown: linkdown, family: family)
        var answers = [Int32](repeating: PrefixAnswer.dependsOnQuery, count: index.prefixCount)
        for prefix in 0..<index.prefixCount {
            let bucket = index.routes(of: Int32(prefix))
            if bucket.count == 1, let first = bucket.first,
               let quick = selection.quickAnswer(routes.lookupFacts(at: Int(first)), index: first) {
                answers[prefix] = quick
            } else {
                answers[prefix] = selection.plainAnswer(bucket)
            }
        }
        index.resolveAnswers { [index] owner in
            var prefix = owner
            while prefix >= 0, answers[Int(prefix)] == PrefixAnswer.noneUsable { prefix = index.parents[Int(prefix)] }
            return prefix >= 0 ? answers[Int(prefix)] : PrefixAnswer.noneUsable
        }
        self.index = index
        self.slots = slots
        self.answers = answers
    }
}

/// `ignore_routes_with_linkdown`: devices whose routes the kernel skips while they lack carrier
/// (IN_DEV_ORCONF: `conf/all` or the device's own setting), per family.
struct LinkdownPolicy: Sendable {
    private let devices4: Set<InterfaceIndex>
    private let devices6: Set<InterfaceIndex>
    private let all4: Bool
    private let all6: Bool

    init(_ snapshot: NetworkSnapshot) {
        var devices: [AddressFamily: Set<InterfaceIndex>] = [.inet: [], .inet6: []]
        var all: Set<AddressFamily> = []
        for entry in snapshot.forwarding where entry.ignoreRoutesWithLinkdown == true {
            switch entry.scope {
            case .all: all.insert(entry.family)
            case .interface(let index): devices[entry.family, default: []].insert(index)
            case .defaults: break
            }
        }
        devices4 = devices[.inet] ?? []
        devices6 = devices[.inet6] ?? []
        all4 = all.contains(.inet)
        all6 = all.contains(.inet6)
    }

    func ignores(_ device: InterfaceIndex, family: AddressFamily) -> Bool {
        family == .inet ? all4 || devices4.contains(device) : all6 || devices6.contains(device)
    }
}
