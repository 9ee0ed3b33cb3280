import Foundation
import PodRouteCore
import PodRouteUI
import Testing

@Test func perfScratch() {
    var links: [Link] = [Link(index: InterfaceIndex(2), name: "ens192", flags: [.up, .running], mtu: 1500)]
    for i in 0..<300 { links.append(Link(index: InterfaceIndex(Int32(10 + i)), name: "cali\(String(format: "%011x", i))", flags: [.up, .running], mtu: 1440, kind: .veth)) }
    var store = RouteStore()
    let t0 = Date()
    var address: UInt32 = 100 << 24 | 64 << 16
    for _ in 0..<1_000_000 {
        store.append(Route(family: .inet, destination: IPPrefix(host: .v4(IPv4Address(address))), proto: .static,
                           gateway: IPAddress("10.20.1.1"), device: InterfaceIndex(2)))
        address += 1
    }
    let snapshot = NetworkSnapshot(host: "big", source: .live, links: links,
        addresses: [InterfaceAddress(interface: InterfaceIndex(2), local: IPAddress("10.20.1.22")!, prefixLength: 24)], routes: store)
    let t1 = Date()
    var state = AppState(snapshot: snapshot, size: Size(width: 200, height: 60))
    let t2 = Date()
    _ = reduce(&state, .key(.char("2")))
    var times: [Double] = []
    for key in [Key.end, .home, .end, .pageUp, .pageUp, .end] {
        let s = Date()
        _ = reduce(&state, .key(key))
        let frame = render(state)
        times.append(Date().timeIntervalSince(s) * 1000)
        _ = frame
    }
    // interfaces view, 300 links, one stats tick + frame
    _ = reduce(&state, .key(.char("1")))
    var stats: [InterfaceIndex: LinkStats] = [:]
    for l in links { stats[l.index] = LinkStats() }
    var tick: [Double] = []
    for i in 0..<5 {
        for k in stats.keys { stats[k]!.rxBytes += 1000 }
        let s = Date()
        _ = reduce(&state, .linkStats(LinkStatsSample(time: Double(i), stats: stats)))
        _ = render(state)
        tick.append(Date().timeIntervalSince(s) * 1000)
    }
    // filter job on 1M
    _ = reduce(&state, .key(.char("2")))
    let job = Job(generation: 1, work: .routeRows(state.model, try! RowFilter.parse("100.79.1."), SortOrder(.order)))
    let s3 = Date(); let r = job.run(); let filterMs = Date().timeIntervalSince(s3) * 1000
    let sortJob = Job(generation: 1, work: .routeRows(state.model, nil, SortOrder(.destination, descending: true)))
    let s4 = Date(); _ = sortJob.run(); let sortMs = Date().timeIntervalSince(s4) * 1000
    let out = "store \(t1.timeIntervalSince(t0))s model \(t2.timeIntervalSince(t1))s\nkey+frame ms \(times)\nstats tick+frame ms \(tick)\nfilter 1M \(filterMs) ms rows \(r.output.rowCount)\nsort 1M \(sortMs) ms\n"
    try? out.write(toFile: "/tmp/perf.txt", atomically: true, encoding: .utf8)
}
