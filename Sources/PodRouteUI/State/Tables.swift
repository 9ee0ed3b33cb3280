import PodRouteCore

/// A sort column with its direction.
public struct SortOrder<Column: Hashable & Sendable>: Hashable, Sendable {
    public var column: Column
    public var descending: Bool

    public init(_ column: Column, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

// MARK: Interfaces

/// The Interfaces table's columns; `rank` is the default order (uplinks and tunnels first).
public enum InterfaceColumn: String, Hashable, Sendable, CaseIterable {
    case rank, name, role, state, mtu, addresses, peer, rx, tx, errors

    public var title: String {
        switch self {
        case .rank: ""
        case .name: "NAME"
        case .role: "ROLE"
        case .state: "STATE"
        case .mtu: "MTU"
        case .addresses: "ADDRESSES"
        case .peer: "PEER"
        case .rx: "RX/s"
        case .tx: "TX/s"
        case .errors: "ERR/DROP"
        }
    }

    /// The columns `s` cycles through, in order.
    public static let sortCycle: [InterfaceColumn] = [.rank, .name, .role, .state, .mtu, .rx, .tx, .errors]

    /// Names `:sort` accepts.
    public var sortName: String { self == .rank ? "default" : rawValue }
}

/// A row of the Interfaces table.
public enum InterfaceRow: Hashable, Sendable {
    case link(InterfaceIndex, inGroup: Bool)
    /// The foldable `▾ workloads (36)` row.
    case workloadGroup(shown: Int, total: Int, collapsed: Bool)
}

/// The Interfaces table's rows and cell texts.
public enum InterfaceTable {
    public struct Rows: Hashable, Sendable {
        public var rows: [InterfaceRow]
        /// Links that pass the filter / all links.
        public var matched: Int
        public var total: Int
    }

    /// Every cell of a link's row, as shown (sanitised); the filter matches their concatenation.
    public static func cells(_ link: Link, model: SnapshotModel, rates: RateTracker) -> [InterfaceColumn: String] {
        let text = model.linkText
        let role = model.role(of: link)
        var cells: [InterfaceColumn: String] = [:]
        cells[.name] = text.name(link)
        if let pod = model.classifier.pod(of: link.index) {
            cells[.role] = Sanitizer.printable(pod.description)
        } else {
            cells[.role] = role.rawValue
        }
        cells[.state] = text.state(link)
        cells[.mtu] = String(link.mtu)
        var addresses = text.addresses(link)
        if addresses.isEmpty, role.isWorkload, let hosts = model.deviceRoutes[link.index]?.hostDestinations {
            addresses = hosts.map { "→" + RouteText.prefix($0) }
        }
        cells[.addresses] = addresses.isEmpty ? "" : addresses[0] + (addresses.count > 1 ? " +\(addresses.count - 1)" : "")
        cells[.peer] = text.peer(link)
        if let rate = rates.rates(for: link.index) {
            cells[.rx] = LinkText.bytes(rate.rxBytes)
            cells[.tx] = LinkText.bytes(rate.txBytes)
        } else {
            cells[.rx] = "-"
            cells[.tx] = "-"
        }
        if let stats = rates.stats(for: link.index) ?? link.stats {
            cells[.errors] = "\(stats.rxErrors + stats.txErrors)/\(stats.rxDropped + stats.txDropped)"
        } else {
            cells[.errors] = "-"
        }
        return cells
    }

    /// The text a filter sees for a link: its cells plus kind and alias.
    public static func filterText(_ link: Link, model: SnapshotModel, rates: RateTracker) -> String {
        let cells = cells(link, model: model, rates: rates)
        var parts = InterfaceColumn.allCases.compactMap { cells[$0] }
        parts.append(model.role(of: link).rawValue)
        if let kind = link.kind { parts.append(kind.rawValue) }
        if let alias = model.linkText.alias(link) { parts.append(alias) }
        parts += model.linkText.addresses(link)
        return parts.joined(separator: " ")
    }

    /// The rows in display order: non-workload links, then the workload group and (unless it
    /// is folded) its links. A filter hides non-matching links and unfolds the group.
    public static func rows(model: SnapshotModel, rates: RateTracker, filter: RowFilter?,
                            sort: SortOrder<InterfaceColumn>, collapsed: Bool) -> Rows {
        let matcher = filter?.matcher()
        var plain: [Link] = []
        var workloads: [Link] = []
        var workloadTotal = 0
        var matched = 0
        for link in model.snapshot.links {
            let isWorkload = model.role(of: link).isWorkload
            if isWorkload { workloadTotal += 1 }
            if let matcher, !matcher.matches(filterText(link, model: model, rates: rates)) { continue }
            matched += 1
            if isWorkload { workloads.append(link) } else { plain.append(link) }
        }
        let ordered = { (links: [Link]) -> [Link] in
            links.sorted { a, b in
                let order = compare(a, b, sort.column, model: model, rates: rates)
                if order != 0 { return sort.descending ? order > 0 : order < 0 }
                let rank = compare(a, b, .rank, model: model, rates: rates)
                return rank < 0
            }
        }
        var rows = ordered(plain).map { InterfaceRow.link($0.index, inGroup: false) }
        if workloadTotal > 0, !(filter != nil && workloads.isEmpty) {
            let folded = collapsed && filter == nil
            rows.append(.workloadGroup(shown: workloads.count, total: workloadTotal, collapsed: folded))
            if !folded { rows += ordered(workloads).map { InterfaceRow.link($0.index, inGroup: true) } }
        }
        return Rows(rows: rows, matched: matched, total: model.snapshot.links.count)
    }

    /// -1, 0, 1 for two links by a column.
    static func compare(_ a: Link, _ b: Link, _ column: InterfaceColumn, model: SnapshotModel, rates: RateTracker) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x > y ? 1 : 0 }
        switch column {
        case .rank:
            let rank = order(model.role(of: a).displayRank, model.role(of: b).displayRank)
            return rank != 0 ? rank : order(a.index, b.index)
        case .name: return order(a.name, b.name)
        case .role:
            let roleA = model.classifier.pod(of: a.index)?.description ?? model.role(of: a).rawValue
            let roleB = model.classifier.pod(of: b.index)?.description ?? model.role(of: b).rawValue
            return order(roleA, roleB)
        case .state: return order(model.linkText.state(a), model.linkText.state(b))
        case .mtu: return order(a.mtu, b.mtu)
        case .addresses: return order(model.linkText.addresses(a).first ?? "", model.linkText.addresses(b).first ?? "")
        case .peer: return order(model.linkText.peer(a), model.linkText.peer(b))
        case .rx: return order(rates.rates(for: a.index)?.rxBytes ?? -1, rates.rates(for: b.index)?.rxBytes ?? -1)
        case .tx: return order(rates.rates(for: a.index)?.txBytes ?? -1, rates.rates(for: b.index)?.txBytes ?? -1)
        case .errors:
            let errorsA = (rates.stats(for: a.index) ?? a.stats).map { $0.rxErrors + $0.txErrors + $0.rxDropped + $0.txDropped }
            let errorsB = (rates.stats(for: b.index) ?? b.stats).map { $0.rxErrors + $0.txErrors + $0.rxDropped + $0.txDropped }
            return order(errorsA ?? 0, errorsB ?? 0)
        }
    }
}

// MARK: Routes

/// The Routes table's columns; `order` is ip's own order (RouteStore order).
public enum RouteColumn: String, Hashable, Sendable, CaseIterable {
    case order, destination, via, device, proto, scope, metric, table, role

    public var title: String {
        switch self {
        case .order: ""
        case .destination: "DST"
        case .via: "VIA"
        case .device: "DEV"
        case .proto: "PROTO"
        case .scope: "SCOPE"
        case .metric: "METRIC"
        case .table: "TABLE"
        case .role: "ROLE"
        }
    }

    public static let sortCycle: [RouteColumn] = [.order, .destination, .via, .device, .proto, .scope, .metric, .table, .role]

    public var sortName: String {
        switch self {
        case .order: "default"
        case .destination: "dst"
        case .device: "dev"
        default: rawValue
        }
    }
}

/// Which routes the table shows, in which order: all of them in store order (no storage,
/// whatever the count), or an explicit list of store positions after a filter or sort.
public enum RouteRows: Hashable, Sendable {
    case all(count: Int)
    case subset([Int32])

    public var count: Int {
        switch self {
        case .all(let count): count
        case .subset(let positions): positions.count
        }
    }

    /// The store position of a row.
    public subscript(row: Int) -> Int {
        switch self {
        case .all: row
        case .subset(let positions): Int(positions[row])
        }
    }

    /// The row showing a store position, if any.
    public func row(of position: Int) -> Int? {
        switch self {
        case .all(let count): return position < count ? position : nil
        case .subset(let positions): return positions.firstIndex(of: Int32(position))
        }
    }

    /// True when no per-row storage exists (the table is the store itself).
    public var isIdentity: Bool {
        if case .all = self { return true }
        return false
    }
}

/// The text of one route's cells, as shown.
public struct RouteCells: Sendable {
    public var destination: String
    public var via: String
    public var device: String
    public var proto: String
    public var scope: String
    public var metric: String
    public var table: String
    public var role: String

    public subscript(column: RouteColumn) -> String {
        switch column {
        case .order: ""
        case .destination: destination
        case .via: via
        case .device: device
        case .proto: proto
        case .scope: scope
        case .metric: metric
        case .table: table
        case .role: role
        }
    }
}

public enum RouteTable {
    /// Every cell of a route's row, as shown.
    public static func cells(_ route: Route, model: SnapshotModel) -> RouteCells {
        let text = model.routeText
        return RouteCells(destination: text.destination(route), via: text.via(route), device: text.device(route),
                          proto: text.proto(route), scope: text.scope(route), metric: text.metric(route),
                          table: text.table(route), role: text.role(model.classifier.classify(route)))
    }

    /// The text a filter sees: the cells, as shown (the type of a non-unicast route is in VIA).
    public static func filterText(_ route: Route, model: SnapshotModel) -> String {
        let cells = cells(route, model: model)
        var text = ""
        text.reserveCapacity(96)
        for part in [cells.destination, cells.via, cells.device, cells.proto, cells.scope, cells.metric, cells.table, cells.role] {
            text += part
            text += " "
        }
        return text
    }

    /// The rows for a filter and sort; all routes in store order when there is neither.
    /// `shouldContinue` is asked every few thousand routes; nil means the work was abandoned.
    public static func rows(model: SnapshotModel, filter: RowFilter?, sort: SortOrder<RouteColumn>,
                            shouldContinue: () -> Bool = { true }) -> RouteRows? {
        let routes = model.snapshot.routes
        if filter == nil, sort.column == .order, !sort.descending { return .all(count: routes.count) }
        var positions: [Int32] = []
        if let filter {
            let matcher = filter.matcher()
            for position in routes.indices {
                if position & 4095 == 0, !shouldContinue() { return nil }
                if matcher.matches(filterText(routes[position], model: model)) { positions.append(Int32(position)) }
            }
        } else {
            positions = (0..<routes.count).map { Int32($0) }
        }
        switch sort.column {
        case .order:
            if sort.descending { positions.reverse() }
        default:
            guard shouldContinue() else { return nil }
            positions = sorted(positions, by: sort, model: model)
        }
        return .subset(positions)
    }

    private static func sorted(_ positions: [Int32], by sort: SortOrder<RouteColumn>, model: SnapshotModel) -> [Int32] {
        let routes = model.snapshot.routes
        // One key per row, computed once; ties keep store order (a stable sort by position).
        let keys: [SortKey] = positions.map { key(routes[Int($0)], sort.column, model: model) }
        var order = Array(keys.indices)
        order.sort { a, b in
            if keys[a] != keys[b] { return sort.descending ? keys[b] < keys[a] : keys[a] < keys[b] }
            return positions[a] < positions[b]
        }
        return order.map { positions[$0] }
    }

    enum SortKey: Comparable {
        case number(UInt64)
        case address(IPAddress?, UInt8)
        case text(String)

        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.address(let x, let lx), .address(let y, let ly)):
                switch (x, y) {
                case (nil, nil): return lx < ly
                case (nil, _): return true
                case (_, nil): return false
                case (let x?, let y?): return x != y ? x < y : lx < ly
                }
            default: return false
            }
        }
    }

    static func key(_ route: Route, _ column: RouteColumn, model: SnapshotModel) -> SortKey {
        switch column {
        case .order: return .number(0)
        case .destination: return .address(route.destination.address, route.destination.length)
        case .via:
            let hop = route.hops.first
            return .address(hop?.gateway ?? hop?.via, 0)
        case .device: return .text(model.routeText.device(route))
        case .proto: return .text(model.routeText.proto(route))
        case .scope: return .number(UInt64(route.scope.rawValue))
        case .metric: return .number(UInt64(route.effectiveMetric))
        case .table: return .number(UInt64(route.table.rawValue))
        case .role: return .text(model.routeText.role(model.classifier.classify(route)))
        }
    }
}
