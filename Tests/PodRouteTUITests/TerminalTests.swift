import Foundation
import PodRouteTesting
import Testing

/// `podroute` in a real terminal: tmux runs the built binary; the tests press keys and read
/// the screen back, as an operator would see it.
@Suite(.enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct TerminalTests {
    private let binary = PodRouteBinary.path

    @Test func theDemoOpensAndTheViewsSwitch() throws {
        let tmux = try TmuxSession(width: 120, height: 36)
        try tmux.type("\(binary) --demo", enter: true)
        // The whole first frame: tmux may be read while the frame is still arriving.
        let interfaces = try tmux.waitUntil("the first frame, hint bar included") { $0.contains("1 Interfaces") && $0.contains("? help") }
        #expect(interfaces.contains("ens192"))
        #expect(interfaces.contains("calico-ipip"))
        #expect(interfaces.contains("demo (static)"))
        #expect(interfaces.contains("? help"))                  // the hint bar
        try tmux.press("2")
        let routes = try tmux.waitFor("remote-block ipip")
        #expect(routes.contains("blackhole"))
        try tmux.press("3")
        try tmux.waitFor("Trace")
        try tmux.press("Tab")                                    // Tab moves on to Plan
        try tmux.waitFor("Plan")
        try tmux.press("1")
        try tmux.waitFor("NAME")
        try tmux.press("q")
        try tmux.waitFor("no changes made")
    }

    @Test func filterMarksItselfAndEscapeClearsIt() throws {
        let tmux = try TmuxSession(width: 120, height: 36)
        try tmux.type("\(binary) --demo", enter: true)
        try tmux.waitFor("1 Interfaces")
        try tmux.press("/")
        try tmux.type("coredns")
        try tmux.waitFor("/coredns")                             // the prompt echoes what is typed
        try tmux.press("Enter")
        let filtered = try tmux.waitUntil("only the coredns pods listed") { !$0.contains("ens192") && $0.contains("coredns") }
        #expect(!filtered.contains("filter: none"))
        #expect(filtered.contains("coredns"))
        try tmux.press("Escape")
        let cleared = try tmux.waitFor("ens192")
        #expect(cleared.contains("filter: none"))
        try tmux.press("q")
    }

    @Test func helpListsTheBindings() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        try tmux.type("\(binary) --demo", enter: true)
        try tmux.waitFor("1 Interfaces")
        try tmux.press("?")
        let help = try tmux.waitFor("quit")
        for binding in ["filter", "sort", "trace", "collapse"] { #expect(help.contains(binding), "help lacks \(binding)") }
        try tmux.press("Escape")
        try tmux.press("q")
    }

    @Test func resizingRedrawsAndATinyWindowSaysSo() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        try tmux.type("\(binary) --demo", enter: true)
        try tmux.waitFor("1 Interfaces")
        try tmux.resize(width: 60, height: 15)
        let small = try tmux.waitUntil("a 60x15 frame") { $0.split(separator: "\n").first?.count == 60 && $0.contains("1 Interfaces") }
        #expect(!small.contains("enlarge"))
        try tmux.resize(width: 200, height: 60)
        let big = try tmux.waitUntil("a 200x60 frame") { $0.split(separator: "\n").first?.count == 200 }
        #expect(big.split(separator: "\n").count >= 59)
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("enlarge the window (needs 60x15)")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("1 Interfaces")
        try tmux.press("q")
    }

    @Test func noColorMeansNoColourEscapes() throws {
        let tmux = try TmuxSession(width: 120, height: 36, environment: ["NO_COLOR": "1"])
        try tmux.type("\(binary) --demo", enter: true)
        try tmux.waitFor("1 Interfaces")
        try tmux.press("2")
        try tmux.waitFor("blackhole")
        let raw = try tmux.screen(escapes: true)
        #expect(!Self.hasColour(raw), "colour escapes with NO_COLOR")
        try tmux.press("q")
        // And with colours allowed, there are some: the check above can fail.
        let colour = try TmuxSession(width: 120, height: 36)
        try colour.type("\(binary) --demo", enter: true)
        try colour.waitFor("1 Interfaces")
        #expect(Self.hasColour(try colour.screen(escapes: true)))
        try colour.press("q")
    }

    /// SGR colour parameters: 30-37, 38;…, 40-47, 48;…, 90-97, 100-107.
    private static func hasColour(_ screen: String) -> Bool {
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1b}[") {
            let parameters = rest[start.upperBound...].prefix { $0 != "m" && $0 != "\u{1b}" }
            for parameter in parameters.split(separator: ";").compactMap({ Int($0) }) {
                if (30...38).contains(parameter) || (40...48).contains(parameter) || (90...97).contains(parameter)
                    || (100...107).contains(parameter) { return true }
            }
            rest = rest[start.upperBound...]
        }
        return false
    }
}
