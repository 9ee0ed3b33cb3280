import Foundation
import PodRouteCore
import Testing
@testable import PodRouteUI

/// The Plan view on a site plans the chain of routers from the starting host (office): here the
/// office has lost its default route and gw has none to the pods, so both need one; gw (nearest
/// the cluster) first, office after it, each in its own format.
@Suite struct PlanChainTests {
    /// The lab-like site: office without its default route (format macos in the site file), gw
    /// without the pod route; `writable` hosts are live namespaces (apply may change them).
    static func state(host: String = "gw", writable: Set<String> = ["gw", "office"], size: Size = Size(width: 120, height: 36))
        -> AppState {
        var context = TraceFixtures.site(gatewayRoute: false)
        context.site = Site(hosts: context.site.hosts.map { host in
            let old = host.snapshot
            let routes = host.name == "office" ? Array(old.routes).filter { !$0.destination.isDefault } : Array(old.routes)
            let snapshot = NetworkSnapshot(host: old.host, source: writable.contains(host.name) ? .namespace(host.name) : old.source,
                                           links: old.links, addresses: old.addresses, routes: RouteStore(routes), rules: old.rules,
                                           forwarding: old.forwarding, pods: old.pods)
            return SiteHost(name: host.name, snapshot: snapshot, role: host.role, format: host.name == "office" ? .macos : nil)
        })
        var state = AppState(site: context, host: host, configuration: AppConfiguration(readOnly: false), size: size,
                             now: Fixtures.clock)!
        _ = reduce(&state, .tick(Fixtures.clock))
        return state
    }

    /// The pool ticked, aggregate via node1.
    static func staged(host: String = "gw", size: Size = Size(width: 120, height: 36)) -> AppState {
        var state = state(host: host, size: size)
        Fixtures.press(&state, .char("4"))
        _ = PlanReducerTests.command(&state, "cidr 10.21.0.0/16")
        _ = PlanReducerTests.command(&state, "via 10.20.1.22")
        while state.plan.strategy != .aggregate { Fixtures.press(&state, .char("m")) }
        return state
    }

    @Test func everyRouterFromTheOfficeIsPlannedNearestTheClusterFirstEachInItsFormat() throws {
        let state = Self.staged()
        let chain = try #require(state.plan.chain)
        #expect(chain.start == "office")
        #expect(chain.steps.map(\.host) == ["gw", "office"])
        #expect(chain.steps.map(\.preview.format) == [.linux, .macos])
        #expect(chain.path == ["office", "gw", "node1"], "to the first pod the nodes know, 10.21.230.3 on node1")
        let gw = try #require(chain.steps.first?.preview.commands?.apply.joined(separator: "\n"))
        #expect(gw.contains("ip route add 10.21.0.0/16 via 10.20.1.22"))
        let office = try #require(chain.steps.last?.preview.commands?.apply.joined(separator: "\n"))
        #expect(office.contains("route -n add -net 10.21.0.0/16 192.168.50.1"), "\(office)")
        // What a applies: the shown host's part.
        #expect(state.plan.preview?.draft.target.host == chain.steps[0].preview.draft.target.host)
    }

    @Test func nPicksOneRouterFChangesItsFormatYCopiesItOrAll() throws {
        var state = Self.staged()
        var effects = Fixtures.press(&state, .char("y"))
        guard case .copyToClipboard(let all)? = effects.first else { Issue.record("y copies: \(effects)"); return }
        let gwAt = try #require(all.range(of: "# step 1 of 2: gw (linux), nearest the cluster: apply first"))
        let officeAt = try #require(all.range(of: "# step 2 of 2: office (macos)"))
        #expect(gwAt.lowerBound < officeAt.lowerBound)

        Fixtures.press(&state, .char("n"), .char("n"))
        #expect(state.plan.chainFocus == "office")
        Fixtures.press(&state, .char("f"))
        #expect(state.plan.chain?.steps.map(\.preview.format) == [.linux, GatewayFormat.allCases[GatewayFormat.allCases.firstIndex(of: .macos)! + 1]])
        #expect(state.plan.format == .linux, "the default stays")
        effects = Fixtures.press(&state, .char("y"))
        guard case .copyToClipboard(let one)? = effects.first else { Issue.record("y copies: \(effects)"); return }
        #expect(one.hasPrefix("# step 2 of 2: office"))
        #expect(!one.contains("ip route add"))
        Fixtures.press(&state, .char("n"))
        #expect(state.plan.chainFocus == nil, "after the last router: all again")
    }

    @Test func applyingOnGwChangesOnlyGwAndNamesTheRouterLeftToDoByHand() throws {
        var state = Self.staged()
        Fixtures.press(&state, .char("a"))
        guard case .applyDialog(let dialog) = state.mode else { Issue.record("no dialog: \(String(describing: state.message))"); return }
        let order = try #require(dialog.order)
        #expect(order.step == 1 && order.count == 2)
        #expect(order.before.isEmpty)
        #expect(order.after.map(\.host) == ["office"])
        #expect(!dialog.needsForce)
        let effects = Fixtures.press(&state, .tab, .enter)
        guard case .apply(let apply)? = effects.first else { Issue.record("no apply: \(effects)"); return }
        #expect(apply.namespace == "gw")
        #expect(apply.draft.operations.map(\.route.destination.description) == ["10.21.0.0/16"])
        #expect(apply.draft.operations.allSatisfy { $0.route.gateway == IPAddress("10.20.1.22") })
    }

    @Test func applyingOnTheOfficeBeforeGwWarnsOfTheHoleAndNeedsForce() throws {
        var state = Self.staged(host: "office")
        Fixtures.press(&state, .char("a"))
        guard case .applyDialog(let dialog) = state.mode else { Issue.record("no dialog: \(String(describing: state.message))"); return }
        #expect(dialog.order?.outOfOrder == true)
        #expect(dialog.order?.before.map(\.host) == ["gw"])
        #expect(dialog.needsForce && !dialog.canApply)
        var effects = Fixtures.press(&state, .tab, .enter)
        #expect(effects.isEmpty)
        #expect(state.message?.text.contains("routers nearer the cluster still lack their route: type force") == true)
        Fixtures.type(&state, "force")
        effects = Fixtures.press(&state, .enter)
        guard case .apply(let apply)? = effects.first else { Issue.record("no apply: \(effects)"); return }
        #expect(apply.namespace == "office")
        #expect(apply.draft.operations.allSatisfy { $0.route.gateway == IPAddress("192.168.50.1") })
    }

    @Test func aHostOffThePathHasNothingToApplyAndSaysWhoHas() {
        var state = Self.staged(host: "node1")
        Fixtures.press(&state, .char("a"))
        #expect(state.mode == .normal)
        #expect(state.message?.text == "node1 needs no route on this path; gw, office do: y copies the commands (H picks the host to apply on)")
    }

    @Test func viaDevIsADeviceTheHostHasNotBesideVia() throws {
        var state = Self.state()
        Fixtures.press(&state, .char("4"))
        _ = PlanReducerTests.command(&state, "cidr 10.21.0.0/16")
        _ = PlanReducerTests.command(&state, "via-dev wg0")
        #expect(state.message?.text.hasPrefix(":via-dev wg0: no such device on any host of the site") == true)
        #expect(state.plan.viaDevice == nil)

        _ = PlanReducerTests.command(&state, "via 10.20.1.22")
        _ = PlanReducerTests.command(&state, "via-dev eth1")
        #expect(state.message?.text.hasPrefix(":via-dev eth1: the next hops are set with :via") == true)
        _ = PlanReducerTests.command(&state, "via")
        _ = PlanReducerTests.command(&state, "via-dev eth1")
        #expect(state.plan.viaDevice == "eth1")
        #expect(state.plan.effectiveVias.isEmpty)
        let gw = try #require(state.plan.chain?.steps.first { $0.host == "gw" })
        #expect(gw.preview.draft.operations.first?.route.gateway == nil)
        _ = PlanReducerTests.command(&state, "via 10.20.1.22")
        #expect(state.message?.text.hasPrefix(":via: the next hop is device eth1") == true)
        _ = PlanReducerTests.command(&state, "via-dev")
        #expect(state.plan.viaDevice == nil)

        // Tab completes the shown host's devices.
        Fixtures.press(&state, .char(":"))
        Fixtures.type(&state, "via-dev et")
        Fixtures.press(&state, .tab)
        guard case .commandPrompt(let editor, let options) = state.mode else { Issue.record("no prompt"); return }
        #expect(editor.text == "via-dev eth")
        #expect(options == ["eth0", "eth1"])
    }

    @Test func chainPreviewScreen() {
        var state = Self.staged()
        Golden.assertScreen(render(state), named: "gw-linux-office-macos")
        Fixtures.press(&state, .char("n"), .char("n"))
        Golden.assertScreen(render(state), named: "office-only")
    }

    @Test func outOfOrderApplyDialogScreen() {
        var state = Self.staged(host: "office")
        Fixtures.press(&state, .char("a"), .tab)
        Golden.assertScreen(render(state), named: "hole")
    }
}
