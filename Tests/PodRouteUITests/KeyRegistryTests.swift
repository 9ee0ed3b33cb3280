import Testing
@testable import PodRouteUI

@Suite struct KeyRegistryTests {
    let registry = KeyRegistry.standard

    @Test func noKeyIsBoundTwiceInTheSameContext() {
        for view in ViewID.allCases {
            var seen: [Key: KeyAction] = [:]
            for binding in registry.bindings where binding.context.applies(to: view) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key) bound twice in \(view)")
                    seen[key] = binding.action
                }
            }
        }
        for context in [BindingContext.prompt, .help, .picker] {
            let keys = registry.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count)
        }
    }

    @Test func theIssuesKeysAreBound() {
        let expected: [(Key, ViewID, KeyAction)] = [
            (.char("1"), .routes, .showView(.interfaces)), (.char("4"), .interfaces, .showView(.plan)),
            (.tab, .interfaces, .nextView), (.backTab, .interfaces, .previousView),
            (.char("j"), .routes, .moveDown), (.down, .routes, .moveDown), (.char("k"), .routes, .moveUp),
            (.pageDown, .routes, .pageDown), (.pageUp, .routes, .pageUp), (.home, .routes, .top), (.char("g"), .routes, .openSetup),
            (.end, .routes, .bottom), (.char("G"), .routes, .bottom), (.enter, .routes, .details), (.escape, .routes, .back),
            (.char("/"), .routes, .filter), (.char(":"), .routes, .command), (.char("s"), .routes, .sortNext),
            (.char("S"), .routes, .sortReverse), (.char("c"), .interfaces, .toggleWorkloads), (.char("p"), .routes, .togglePause),
            (.char("?"), .routes, .help), (.char("q"), .routes, .quit), (.ctrl("c"), .plan, .quit), (.ctrl("l"), .trace, .redraw),
            (.char("t"), .routes, .trace), (.enter, .trace, .openHopRoutes), (.char("d"), .trace, .editTraceTarget),
            (.char("f"), .trace, .pickTraceSource), (.char("H"), .routes, .pickHost), (.char("r"), .trace, .reread),
        ]
        for (key, view, action) in expected {
            guard case .run(let binding) = registry.resolve(key, in: view) else {
                Issue.record("\(key) is not bound in \(view)")
                continue
            }
            #expect(binding.action == action, "\(key) in \(view)")
        }
    }

    /// Tracing and the hop -> Routes jump only read: read-only mode keeps them.
    @Test func traceKeysSurviveReadOnly() {
        let readOnly = registry.readOnly()
        for (key, view) in [(Key.char("t"), ViewID.routes), (.enter, .trace), (.char("d"), .trace), (.char("H"), .interfaces)] {
            guard case .run = readOnly.resolve(key, in: view) else {
                Issue.record("\(key) in \(view) must run in read-only mode")
                continue
            }
        }
        #expect(readOnly.hints(for: .trace).contains { $0.action == .openHopRoutes })
        #expect(readOnly.hints(for: .routes).contains { $0.action == .trace })
    }

    @Test func readOnlyHidesAndRefusesDangerousBindings() {
        let readOnly = registry.readOnly()
        #expect(registry.bindings.contains { $0.dangerous })
        #expect(!readOnly.bindings.contains { $0.dangerous })
        #expect(!readOnly.hints(for: .plan).contains { $0.dangerous })
        let help = HelpContent.lines(registry: readOnly, view: .plan)
        #expect(!help.contains { if case .binding(let binding) = $0 { binding.dangerous } else { false } })
        guard case .refused(let binding) = readOnly.resolve(.char("a"), in: .plan) else {
            Issue.record("a is not refused in read-only mode")
            return
        }
        #expect(binding.action == .applyPlan)
        if case .run = registry.resolve(.char("a"), in: .plan) {} else { Issue.record("a should run in write mode") }
    }

    @Test func helpListsEveryBindingOutsideItself() {
        let lines = HelpContent.lines(registry: registry, view: .interfaces)
        let listed = lines.compactMap { if case .binding(let binding) = $0 { binding } else { nil } }
        let expected = registry.bindings.filter { $0.context != .help && $0.context != .picker && $0.context != .dialog }
        #expect(listed.count == expected.count)
        for binding in expected { #expect(listed.contains(binding), "\(binding.label) missing from help") }
        let commands = lines.compactMap { if case .command(let command) = $0 { command.name } else { nil } }
        #expect(commands == CommandLineSpec.commands.map(\.name))
    }

    @Test(arguments: [20, 34, 60, 96, 200])
    func hintBarFitsTheWidthMostImportantFirst(width: Int) {
        let hints = registry.hints(for: .interfaces)
        let kept = BottomBar.fitting(hints, width: width)
        let used = kept.enumerated().reduce(0) {
            $0 + TextWidth.width(of: $1.element.hintKey) + 1 + TextWidth.width(of: $1.element.label) + ($1.offset > 0 ? 2 : 0)
        }
        #expect(used <= width)
        #expect(kept.map(\.label) == Array(hints.prefix(kept.count)).map(\.label))
        if width >= 20 { #expect(kept.first?.action == .help) }
        if width >= 34 { #expect(kept.map(\.action).starts(with: [.help, .quit, .filter])) }
        if width >= 200 { #expect(kept.count == hints.count) }
    }

    @Test func hintBarIsDrawnWithinTheFrameAtEveryWidth() {
        for width in 60...130 {
            let state = Fixtures.state(size: Size(width: width, height: 20))
            let last = render(state).rows[19].text
            #expect(TextWidth.width(of: last) == width)
            #expect(last.hasPrefix("└ ? help  q quit"))
            #expect(last.hasSuffix("┘"))
        }
    }

    @Test func nothingNeedsAnFKey() {
        // Keys are characters, Ctrl-letters and named navigation keys: Key has no F-key case at all.
        let names = registry.bindings.flatMap(\.keys).map(\.description)
        #expect(!names.contains { $0.hasPrefix("F") && $0.count > 1 && $0.dropFirst().allSatisfy(\.isNumber) })
    }
}
