import PodRouteCore
import Testing
@testable import PodRouteUI

/// The Trace view on a site of captures: the path diagram as golden screens (UTF-8 and ASCII,
/// 120x36 and 80x24, colour and monochrome style maps), and what its keys do.
@Suite struct TraceScreenTests {
    static let sizes = [Size(width: 120, height: 36), Size(width: 80, height: 24)]

    static func traced(_ target: String = "10.21.69.212", gatewayRoute: Bool = true, size: Size,
                       glyphs: Glyphs = .unicode) -> AppState {
        var state = TraceFixtures.state(gatewayRoute: gatewayRoute, size: size, glyphs: glyphs)
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, target)
        Fixtures.press(&state, .enter)
        return state
    }

    @Test(arguments: sizes)
    func reachableVXLANPathUTF8(size: Size) {
        let state = Self.traced(size: size)
        Golden.assertScreen(render(state), named: "\(size)")
    }

    @Test(arguments: sizes)
    func reachableVXLANPathASCII(size: Size) {
        let state = Self.traced(size: size, glyphs: .ascii)
        let buffer = render(state)
        #expect(buffer.rows.allSatisfy { $0.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) } })
        Golden.assertScreen(buffer, named: "\(size)")
    }

    @Test(arguments: sizes)
    func unreachableAtTheGatewayUTF8(size: Size) {
        let state = Self.traced(gatewayRoute: false, size: size)
        Golden.assertScreen(render(state), named: "\(size)")
    }

    @Test func unreachableAtTheGatewayASCII() {
        let state = Self.traced(gatewayRoute: false, size: Size(width: 80, height: 24), glyphs: .ascii)
        Golden.assertScreen(render(state), named: "80x24")
    }

    /// At the smallest size the UI accepts, the path still reads: verdict, hops, ellipses, no stray cells.
    @Test func theMinimumSize() {
        let state = Self.traced(size: Layout.minimum)
        let buffer = render(state)
        let text = buffer.text()
        #expect(text.contains("REACHABLE"))
        #expect(text.contains("node1"))
        #expect(text.contains("…"))
        #expect(buffer.rows.allSatisfy { TextWidth.width(of: $0.text) == Layout.minimum.width })
    }

    @Test func theEntryBeforeAnything() {
        var state = TraceFixtures.state(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, "10.21.6")
        Golden.assertScreen(render(state), named: "typing")
    }

    @Test func theHostPicker() {
        var state = TraceFixtures.state(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .char("H"), .down)
        Golden.assertScreen(render(state), named: "picker")
    }

    @Test func scrolledToTheFindings() {
        var state = Self.traced(size: Size(width: 80, height: 24))
        Fixtures.press(&state, .down, .down, .down, .down, .down, .down)
        let text = render(state).text()
        #expect(text.contains("mtu-mismatch"))
        #expect(text.contains("of 23 lines") || text.contains(" lines "))
        Golden.assertScreen(render(state), named: "80x24")
    }
}

@Suite struct TraceLogicTests {
    /// The tunnel bracket says when the outer destination is unknown (no neighbour or FDB entry)
    /// instead of dropping the outer addresses silently.
    @Test func theTunnelBracketMarksAnUnknownOuterDestination() {
        let known = EncapsulationInfo(kind: .vxlan, device: "vxlan.calico", outerSource: IPAddress("10.20.1.22"),
                                      outerDestination: IPAddress("10.20.1.24"), vni: 4096)
        #expect(TraceDiagram.tunnelText(known, mtu: 1450, glyphs: .ascii) == "VXLAN 10.20.1.22 -> 10.20.1.24  VNI 4096  MTU 1450")
        var unknown = known
        unknown.outerDestination = nil
        unknown.outerDestinationUnknown = "no FDB entry for 66:11:22:33:44:55 on vxlan.calico"
        #expect(TraceDiagram.tunnelText(unknown, mtu: 1450, glyphs: .ascii)
                == "VXLAN 10.20.1.22 -> ? (outer destination unknown)  VNI 4096  MTU 1450")
    }

    @Test func enterTracesWhatWasTyped() {
        var state = TraceFixtures.state()
        Fixtures.press(&state, .char("3"))
        guard case .traceEntry = state.mode else {
            Issue.record("the Trace view opens on its entry when nothing was traced yet: \(state.mode)")
            return
        }
        Fixtures.type(&state, "10.21.69.212")
        #expect(state.view == .trace, "digits go into the entry, not to the view keys")
        Fixtures.press(&state, .enter)
        let result = state.trace.outcome?.result
        #expect(result?.verdict == .reachable)
        #expect(result?.hops.map(\.host) == ["office", "gw", "node1", "node2"])
        #expect(result?.findings.contains { $0.code == .asymmetricReturn } == true)
        #expect(state.trace.selectedHop == 3, "the last hop is selected")
        let text = render(state).text()
        #expect(text.contains("verdict REACHABLE"))
        #expect(text.contains("VXLAN 10.20.1.22 → 10.20.1.24  VNI 4096  port 4789  MTU 1450"))
        #expect(text.contains("return: node2 → gw → office"))
        #expect(text.contains("pod default/web-1 (10.21.69.212)"))
    }

    @Test func unreachableNamesTheGatewayAndTheFix() {
        let state = TraceScreenTests.traced(gatewayRoute: false, size: Size(width: 120, height: 36))
        #expect(state.trace.outcome?.result.verdict == .unreachable)
        #expect(state.trace.outcome?.result.hops.map(\.host) == ["office", "gw"])
        let text = render(state).text()
        #expect(text.contains("UNREACHABLE at gw"))
        #expect(text.contains("[✗] no-route-on-gateway (stops the packet) on gw"))
        #expect(text.contains("fix on gw: add 10.21.0.0/16"))
    }

    /// Fatal and warning findings differ by text and by attributes, so monochrome tells them apart.
    @Test func fatalAndWarningDifferWithoutColour() {
        let fatal = render(TraceScreenTests.traced(gatewayRoute: false, size: Size(width: 120, height: 36)))
        let warning = render(TraceScreenTests.traced(size: Size(width: 120, height: 36)))
        func marker(_ buffer: CellBuffer, _ text: String) -> CellStyle? {
            for (y, row) in buffer.rows.enumerated() {
                guard let range = row.text.range(of: text) else { continue }
                let x = row.text.distance(from: row.text.startIndex, to: range.lowerBound)
                return Theme.monochrome.resolve(buffer[x + 1, y])
            }
            return nil
        }
        let stop = marker(fatal, "[✗] no-route")
        let warn = marker(warning, "[!] asymmetric-return")
        #expect(stop?.attributes.contains(.reverse) == true)
        #expect(stop?.attributes.contains(.bold) == true)
        #expect(warn?.attributes.contains(.bold) == true)
        #expect(warn?.attributes.contains(.reverse) == false)
        #expect(stop?.foreground == nil && warn?.foreground == nil)
    }

    @Test func aBadAddressSaysSoAndKeepsTheEntryOpen() {
        var state = TraceFixtures.state()
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, "10.21.300.1")
        Fixtures.press(&state, .enter)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("not an IP address") == true)
        guard case .traceEntry(let editor, _) = state.mode else {
            Issue.record("the entry stays open to fix the address")
            return
        }
        #expect(editor.text == "10.21.300.1")
        #expect(state.trace.outcome == nil)
    }

    @Test func upAndDownRecallEarlierDestinations() {
        var state = TraceScreenTests.traced(size: Size(width: 120, height: 36))
        Fixtures.press(&state, .char("d"), .ctrl("u"))
        Fixtures.type(&state, "10.21.230.3")
        Fixtures.press(&state, .enter, .char("d"), .ctrl("u"), .up)
        guard case .traceEntry(let latest, _) = state.mode else { Issue.record("no entry"); return }
        #expect(latest.text == "10.21.230.3")
        Fixtures.press(&state, .up)
        guard case .traceEntry(let older, _) = state.mode else { Issue.record("no entry"); return }
        #expect(older.text == "10.21.69.212")
        Fixtures.press(&state, .down, .down)
        guard case .traceEntry(let cleared, _) = state.mode else { Issue.record("no entry"); return }
        #expect(cleared.text == "")
        Fixtures.press(&state, .escape)
        #expect(state.mode == .normal)
        #expect(state.trace.history == ["10.21.69.212", "10.21.230.3"])
    }

    @Test func arrowsMoveBetweenHopsThenScrollToTheFindings() {
        var state = TraceScreenTests.traced(size: Size(width: 80, height: 24))
        #expect(state.trace.selectedHop == 3)
        Fixtures.press(&state, .up, .up)
        #expect(state.trace.selectedHop == 1)
        Fixtures.press(&state, .down, .down, .down, .down)
        #expect(state.trace.selectedHop == 3)
        #expect(state.trace.scroll == 2, "past the last hop, Down scrolls on toward the findings")
        Fixtures.press(&state, .up)
        #expect(state.trace.selectedHop == 2)
        Fixtures.press(&state, .end)
        #expect(render(state).text().contains("fix allow ICMP") || render(state).text().contains("clamp"))
        Fixtures.press(&state, .home)
        #expect(state.trace.scroll == 0)
        #expect(state.trace.selectedHop == 0)
    }

    @Test func theSourceHostIsPicked() {
        var state = TraceScreenTests.traced(size: Size(width: 120, height: 36))
        Fixtures.press(&state, .char("f"), .down, .enter)   // from gw
        #expect(state.traceSource == "gw")
        #expect(state.trace.outcome?.result.hops.map(\.host) == ["gw", "node1", "node2"])
    }

    // MARK: Hop -> Routes

    @Test func enterOnAHopOpensItsHostsRoutesAtTheRouteUsed() {
        var state = TraceScreenTests.traced(size: Size(width: 120, height: 36))
        Fixtures.press(&state, .up, .enter)   // node1
        #expect(state.view == .routes)
        #expect(state.currentHost == "node1")
        #expect(state.selectedRoute.map { RouteText.prefix($0.destination) } == "10.21.69.192/26")
        #expect(render(state).rows[0].text.contains("node1"))
        let selectedRow = render(state).rows[state.routeCursor.selected - state.routeCursor.top + Layout(state: state).table.minY]
        #expect(selectedRow.text.contains("10.21.69.192/26"))
    }

    @Test func aFilterHidingTheRouteIsCleared() {
        var state = TraceFixtures.state(host: "node1")
        Fixtures.press(&state, .char("2"), .char("/"))
        Fixtures.type(&state, "blackhole")
        Fixtures.press(&state, .enter)
        #expect(state.routeRows.count == 1)
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, "10.21.69.212")
        Fixtures.press(&state, .enter, .up, .enter)
        #expect(state.view == .routes)
        #expect(state.routeFilter == nil)
        #expect(state.message?.text.contains("cleared") == true)
        #expect(state.selectedRoute.map { RouteText.prefix($0.destination) } == "10.21.69.192/26")
    }

    @Test func aFilterShowingTheRouteStays() {
        var state = TraceFixtures.state(host: "node1")
        Fixtures.press(&state, .char("2"), .char("/"))
        Fixtures.type(&state, "vxlan")
        Fixtures.press(&state, .enter, .char("3"))
        Fixtures.type(&state, "10.21.69.212")
        Fixtures.press(&state, .enter, .up, .enter)
        #expect(state.routeFilter != nil)
        #expect(state.selectedRoute.map { RouteText.prefix($0.destination) } == "10.21.69.192/26")
    }

    @Test func aDroppingHopWithoutARouteSaysSo() {
        var state = TraceScreenTests.traced(gatewayRoute: false, size: Size(width: 120, height: 36))
        Fixtures.press(&state, .enter)   // gw: no route
        #expect(state.view == .routes)
        #expect(state.currentHost == "gw")
        #expect(state.message?.text.contains("no route for 10.21.69.212") == true)
    }

    // MARK: t from Routes

    @Test func tTracesInsideTheSelectedPrefixFromTheHostOnScreen() {
        var state = TraceFixtures.state(host: "node1")
        Fixtures.press(&state, .char("2"))
        for _ in 0..<20 where state.selectedRoute.map({ RouteText.prefix($0.destination) }) != "10.21.69.192/26" {
            Fixtures.press(&state, .down)
        }
        Fixtures.press(&state, .char("t"))
        #expect(state.view == .trace)
        #expect(state.trace.target == "10.21.69.193")
        #expect(state.traceSource == "node1")
        let result = state.trace.outcome?.result
        #expect(result?.hops.map(\.host) == ["node1", "node2"])
        // No pod has .193: node2's own block blackholes it, and the view says so.
        #expect(result?.findings.contains { $0.code == .blackhole && $0.host == "node2" } == true)
    }

    @Test func tOnTheDefaultRouteAsksForAnAddress() {
        var state = TraceFixtures.state()
        Fixtures.press(&state, .char("2"), .char("t"))
        #expect(state.view == .trace)
        guard case .traceEntry = state.mode else { Issue.record("the entry opens"); return }
        #expect(state.message?.text.contains("type one") == true)
    }

    @Test func aBigSiteTracesAsAJobToo() {
        let state = TraceFixtures.state()
        var big = AppState(site: state.site!, configuration: AppConfiguration(inlineRouteLimit: 10), now: Fixtures.clock)!
        Fixtures.press(&big, .char("3"))
        Fixtures.type(&big, "10.21.69.212")
        let effects = Fixtures.press(&big, .enter)
        guard case .run(let job)? = effects.first else { Issue.record("no job: \(effects)"); return }
        _ = reduce(&big, .jobFinished(job.run()))
        #expect(big.trace.outcome?.result.verdict == .reachable)
    }

    @Test func theTraceCommandTracesFromAnyView() {
        var state = TraceFixtures.state()
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "trace 10.21.69.212")
        Fixtures.press(&state, .enter)
        #expect(state.view == .trace)
        #expect(state.mode == .normal)
        #expect(state.trace.outcome?.result.verdict == .reachable)
    }

    @Test func addressesInsidePrefixes() {
        #expect(TraceTargets.address(in: Fixtures.prefix("10.21.69.192/26"))?.description == "10.21.69.193")
        #expect(TraceTargets.address(in: Fixtures.prefix("10.21.69.212/32"))?.description == "10.21.69.212")
        #expect(TraceTargets.address(in: Fixtures.prefix("10.0.0.0/31"))?.description == "10.0.0.0")
        #expect(TraceTargets.address(in: Fixtures.prefix("fd00::/64"))?.description == "fd00::1")
        #expect(TraceTargets.address(in: .default(.inet)) == nil)
    }

    // MARK: Hosts

    @Test func hostsSwitchByKeyAndByCommand() {
        var state = TraceFixtures.state()
        #expect(state.currentHost == "office")
        #expect(render(state).rows[0].text.contains("site: lab.yaml (snapshots)"))
        Fixtures.press(&state, .char("H"), .down, .enter)
        #expect(state.currentHost == "gw")
        #expect(state.snapshot.links.contains { $0.name == "eth1" })
        #expect(render(state).rows[0].text.contains("gw (192.168.50.1)") || render(state).rows[0].text.contains("gw"))
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "host node")
        Fixtures.press(&state, .tab)
        guard case .commandPrompt(let editor, let options) = state.mode else { Issue.record("prompt closed"); return }
        #expect(editor.text == "host node")
        #expect(options == ["node1", "node2"])
        Fixtures.type(&state, "2")
        Fixtures.press(&state, .enter)
        #expect(state.currentHost == "node2")
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "host nowhere")
        Fixtures.press(&state, .enter)
        #expect(state.currentHost == "node2")
        #expect(state.message?.isError == true)
    }

    @Test func aSingleHostHidesTheSiteKeys() {
        var state = Fixtures.state()
        let hints = render(state).rows.last!.text
        #expect(!hints.contains("H host"))
        #expect(!HelpContent.lines(registry: state.registry, view: .interfaces).contains {
            if case .binding(let binding) = $0 { binding.action == .pickHost } else { false }
        })
        Fixtures.press(&state, .char("H"))
        #expect(state.message?.text.contains("--site") == true)
        #expect(TraceFixtures.state().registry.bindings.contains { $0.action == .pickHost })
    }

    @Test func rereadingTheSiteTracesAgain() {
        var state = TraceScreenTests.traced(gatewayRoute: false, size: Size(width: 120, height: 36))
        #expect(state.trace.outcome?.result.verdict == .unreachable)
        let effects = Fixtures.press(&state, .char("r"))
        #expect(effects.contains { if case .rereadSite = $0 { true } else { false } })
        #expect(state.site?.reading == true)
        #expect(render(state).text().contains("reading"))
        _ = reduce(&state, .siteRead(TraceFixtures.site(gatewayRoute: true).site, unread: ["node3: ssh: connection refused"]))
        #expect(state.site?.reading == false)
        #expect(state.site?.generation == 1)
        #expect(state.trace.outcome?.result.verdict == .reachable)
        #expect(state.trace.outcome?.result.hops.map(\.host) == ["office", "gw", "node1", "node2"])
        #expect(render(state).text().contains("not read: node3: ssh: connection refused"))
    }

    // MARK: Off the loop

    @Test func aBigHostTracesAsAJob() {
        var state = AppState(snapshot: Fixtures.node(), configuration: AppConfiguration(inlineRouteLimit: 3),
                             size: Size(width: 100, height: 30))
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, "10.21.69.212")
        let effects = Fixtures.press(&state, .enter)
        guard case .run(let job)? = effects.first else {
            Issue.record("a trace over more routes than the inline limit runs as a job: \(effects)")
            return
        }
        #expect(job.kind == "trace")
        #expect(state.trace.pending)
        #expect(render(state).text().contains("tracing"))
        // A newer request makes the first result stale.
        Fixtures.press(&state, .char("d"), .ctrl("u"))
        Fixtures.type(&state, "10.21.230.3")
        let second = Fixtures.press(&state, .enter)
        _ = reduce(&state, .jobFinished(job.run()))
        #expect(state.trace.outcome == nil, "the stale result is dropped")
        guard case .run(let newer)? = second.first else { Issue.record("no second job"); return }
        _ = reduce(&state, .jobFinished(newer.run()))
        #expect(state.trace.pending == false)
        #expect(state.trace.outcome?.target == "10.21.230.3")
        #expect(state.trace.outcome?.result.verdict == .reachable)
        // The lookup built by the job is kept for the next trace on the same snapshot.
        Fixtures.press(&state, .char("d"), .ctrl("u"))
        Fixtures.type(&state, "10.21.69.212")
        guard case .run(let third)? = Fixtures.press(&state, .enter).first, case .trace(let work) = third.work else {
            Issue.record("no third job")
            return
        }
        guard case .site = work.hosts else {
            Issue.record("the third trace builds the lookup again")
            return
        }
        _ = reduce(&state, .jobFinished(third.run()))
        #expect(state.trace.outcome?.target == "10.21.69.212")
        #expect(state.trace.outcome?.result.verdict == .forwarded, "tunl0 to 10.20.1.24, a host outside this one")
    }
}

/// The Trace view on one host: a VXLAN route's tunnel has no next hop to bracket, so the view
/// gives it an `encap` line with the outer addresses from the host's neighbour and FDB entries.
@Suite struct SingleHostTraceScreenTests {
    static let tables = """
        root@node1:~# ip neigh
        10.21.69.192 dev vxlan.calico lladdr 66:3a:10:49:0c:d2 PERMANENT
        root@node1:~# bridge fdb show
        66:3a:10:49:0c:d2 dev vxlan.calico dst 10.20.1.24 self permanent
        """

    static func traced(_ capture: String) throws -> String {
        let snapshot = try CaptureReader.load(text: capture, path: "node1.txt")
        var state = AppState(snapshot: snapshot, configuration: AppConfiguration(glyphs: .unicode),
                             size: Size(width: 160, height: 40), now: Fixtures.clock)
        Fixtures.press(&state, .char("3"))
        Fixtures.type(&state, "10.21.69.212")
        Fixtures.press(&state, .enter)
        return render(state).text()
    }

    @Test func theEncapLineNamesTheOuterDestination() throws {
        let text = try Self.traced(TraceFixtures.node1Capture + "\n" + Self.tables)
        #expect(text.contains("encap VXLAN vxlan.calico VNI 4096 port 4789: outer 10.20.1.22 → 10.20.1.24 (VTEP 10.21.69.192 is 66:3a:10:49:0c:d2, FDB dst)"), "\(text)")
        #expect(text.contains("path MTU 1450"), "\(text)")
    }

    @Test func withoutTheTablesItSaysWhy() throws {
        let text = try Self.traced(TraceFixtures.node1Capture)
        #expect(text.contains("outer 10.20.1.22 → ? (the snapshot has no neighbour table"), "\(text)")
    }
}
