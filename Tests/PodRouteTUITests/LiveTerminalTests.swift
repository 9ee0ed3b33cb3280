import Foundation
import PodRouteTesting
import Testing

/// The live UI on a test namespace: what the kernel changes shows up by itself.
@Suite(.needsNetns, .enabled(if: TmuxSession.unavailableReason == nil, Comment(rawValue: TmuxSession.unavailableReason ?? "")))
struct LiveTerminalTests {
    @Test func aLinkAddedToTheNamespaceAppearsWithinTwoSeconds() throws {
        let namespace = try TestNamespace("tui-live")
        defer { try? namespace.remove() }
        try namespace.ip("link set lo up")
        let tmux = try TmuxSession(width: 120, height: 36)
        try tmux.type("\(PodRouteBinary.path) --netns \(namespace.name)", enter: true)
        try tmux.waitFor("1 Interfaces 1")
        try namespace.ip("link add calie2e0000test type veth peer name e2epeer")
        try namespace.ip("addr add 10.77.7.7/24 dev e2epeer")
        try namespace.ip("link set e2epeer up")
        try namespace.ip("link set calie2e0000test up")
        let screen = try tmux.waitFor("calie2e0000test", timeout: .seconds(2))
        #expect(screen.contains("e2epeer"))
        #expect(screen.contains("10.77.7.7/24"))
        // The new veth's peer, which its first notification does not name (the column may clip it).
        #expect(screen.contains("@calie2e0000t"))
        try tmux.press("2")
        try tmux.waitFor("10.77.7.0/24", timeout: .seconds(2))
        try tmux.press("q")
        try tmux.waitFor("3 links,")                              // the summary line after quitting
    }
}
