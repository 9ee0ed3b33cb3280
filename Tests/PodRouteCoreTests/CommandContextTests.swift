import Testing
@testable import PodRouteCore

@Suite struct CommandContextTests {
    @Test(arguments: [
        ("root@k8s-node1:~# ip -d route show table all", "k8s-node1"),
        ("[root@k8s-node1 ~]# ip rule", "k8s-node1"),
        ("pi-edge-1:~# ip route", "pi-edge-1"),
        ("me@gw.office.lan:/tmp$ sudo ip -6 route", "gw.office.lan"),
    ])
    func hostComesFromThePrompt(_ line: String, _ host: String) throws {
        let context = try #require(CommandContext(promptLine: Substring(line)))
        #expect(context.host == host)
    }

    @Test func bareSignsNameNoHost() throws {
        #expect(try #require(CommandContext(promptLine: "$ ip addr")).host == nil)
        #expect(try #require(CommandContext(promptLine: "# ip route")).host == nil)
    }

    @Test func theDemoIsNamedAfterItsPrompt() throws {
        let text = "root@k8s-node1:~# ip route\ndefault via 10.20.1.254 dev ens192\n"
        #expect(try CaptureReader.load(text: text, path: "/x/demo-node.txt").host == "k8s-node1")
    }
}
