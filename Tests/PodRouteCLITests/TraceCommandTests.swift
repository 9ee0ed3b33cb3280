import Foundation
import PodRouteCore
import PodRouteTesting
import Testing

/// `podroute trace` on one host against `ip route get` (and `ip route get fibmatch`) on a
/// Calico-like node built in a namespace: the route, device, gateway, encapsulation, MTU and
/// the kernel's own answer, in JSON and text; `--batch` line by line.
@Suite(.needsNetns, .serialized) struct TraceCommandTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    /// `ip -j route get ARGS` in the fixture: the one object, or nil when the kernel refuses.
    private func ipRouteGet(_ fixture: CalicoNodeFixture, _ arguments: String) throws -> JSONValue? {
        let run = try ProgramRun.run(NetnsCommand.ipPath!, ["-n", fixture.node.name, "-j"]
                                     + ["route", "get"] + arguments.split(separator: " ").map(String.init))
        guard run.status == 0 else { return nil }
        return try json(run.standardOutput).arrayValue?.first
    }

    /// `status`: 0 when the packet gets through (or leaves the host), 1 when it is refused.
    private func trace(_ fixture: CalicoNodeFixture, status: Int32 = 0, _ arguments: String...) throws -> (ProgramRun, JSONValue) {
        let run = try PodRouteBinary.run(["trace", "--json", "--netns", fixture.node.name] + arguments)
        #expect(run.status == status, "trace \(arguments): \(run.standardError)")
        return (run, try json(run.standardOutput))
    }

    @Test("JSON: route, device, gateway, role, encapsulation and MTU equal `ip route get`; the kernel agrees")
    func jsonAgreesWithIPRouteGet() throws {
        let fixture = try CalicoNodeFixture(label: "trace-json")
        defer { try? fixture.remove() }
        let cases: [(arguments: [String], get: String, role: String?, verdict: String)] = [
            (["10.21.69.212"], "10.21.69.212", "remote-block", "forwarded"),
            (["10.21.12.70"], "10.21.12.70", "remote-block", "forwarded"),
            (["10.21.230.5"], "10.21.230.5", "workload", "reachable"),
            (["10.96.0.10"], "10.96.0.10", "service", "forwarded"),
            (["8.8.8.8"], "8.8.8.8", "default", "forwarded"),
            (["10.97.3.3", "--mark", "0x200000"], "10.97.3.3 mark 0x200000", nil, "forwarded"),
            (["10.20.1.22"], "10.20.1.22", "local", "reachable"),
            (["2001:db8:1::5"], "2001:db8:1::5", nil, "forwarded"),
        ]
        for (arguments, get, role, verdict) in cases {
            let (_, ours) = try trace(fixture, arguments[0], arguments.count > 1 ? arguments[1] : "--mark",
                                      arguments.count > 2 ? arguments[2] : "0")
            let taken = try #require(try ipRouteGet(fixture, get), "ip route get \(get)")
            let matched = try #require(try ipRouteGet(fixture, "fibmatch " + get), "ip route get fibmatch \(get)")
            let label = "trace \(arguments.joined(separator: " "))"
            #expect(ours["route"]?["dst"]?.stringValue == matched["dst"]?.stringValue, "\(label): dst")
            #expect(ours["route"]?["table"]?.stringValue == (matched["table"]?.stringValue ?? "main"), "\(label): table")
            if matched["nexthops"] == nil {
                #expect(ours["dev"]?.stringValue == taken["dev"]?.stringValue
                        || (taken["dev"]?.stringValue == "lo" && ours["dev"] == .null), "\(label): dev")
                #expect(ours["gateway"]?.stringValue == taken["gateway"]?.stringValue, "\(label): gateway")
            } else {
                let hops = try #require(ours["route"]?["nexthops"]?.arrayValue)
                #expect(hops.contains { $0["gateway"]?.stringValue == taken["gateway"]?.stringValue }, "\(label): the kernel's hop")
            }
            if let role { #expect(ours["role"]?.stringValue == role, "\(label): role") }
            #expect(ours["verdict"]?.stringValue == verdict, "\(label): verdict")
            #expect(ours["kernel"]?["agrees"]?.boolValue == true, "\(label): \(ours["kernel"]?["disagreements"] ?? .null)")
            #expect(ours["kernel"]?["route"]?["dev"]?.stringValue == taken["dev"]?.stringValue, "\(label): kernel dev")
            #expect(ours["kernel"]?["fibmatch"]?["dst"]?.stringValue == matched["dst"]?.stringValue, "\(label): fibmatch")
        }

        // VXLAN: the device's VNI, port and local address; the MTU is vxlan.calico's.
        let (_, vxlan) = try trace(fixture, "10.21.12.70")
        #expect(vxlan["encap"]?["kind"]?.stringValue == "vxlan")
        #expect(vxlan["encap"]?["dev"]?.stringValue == "vxlan.calico")
        #expect(vxlan["encap"]?["vni"]?.uintValue == 4096)
        #expect(vxlan["encap"]?["port"]?.uintValue == 4789)
        #expect(vxlan["encap"]?["outer_src"]?.stringValue == "10.20.1.22")
        // The outer destination: the VTEP's neighbour entry gives its MAC, the FDB the node.
        #expect(vxlan["encap"]?["outer_dst"]?.stringValue == "10.20.1.26")
        #expect(vxlan["encap"]?["vtep"]?.stringValue == "10.21.12.64")
        #expect(vxlan["encap"]?["vtep_mac"]?.stringValue == "66:aa:bb:cc:dd:01")
        #expect(vxlan["encap"]?["outer_dst_unknown"] == .null)
        #expect(vxlan["path_mtu"]?.uintValue == 1450)
        // The service route's `mtu 1400` lowers the path MTU below the device's.
        #expect(try trace(fixture, "10.96.0.10").1["path_mtu"]?.uintValue == 1400)
        // The workload: delivered to its veth.
        let pod = try trace(fixture, "10.21.230.5").1
        #expect(pod["outcome"]?.stringValue == "delivered-to-workload")
        #expect(pod["workload"]?.stringValue == "calic440f455693")
    }

    @Test("Refusals: blackhole block, unreachable route, prohibit via a rule's table, no route; the kernel's errno agrees")
    func refusalsAgreeWithTheKernel() throws {
        let fixture = try CalicoNodeFixture(label: "trace-refuse")
        defer { try? fixture.remove() }
        for (destination, errno, finding) in [("10.21.230.9", "EINVAL", "blackhole"), ("10.99.1.1", "EHOSTUNREACH", "prohibited")] {
            #expect(try ipRouteGet(fixture, destination) == nil, "ip route get \(destination) refuses")
            let (_, ours) = try trace(fixture, status: 1, destination)
            #expect(ours["verdict"]?.stringValue == "unreachable", "\(destination)")
            #expect(ours["kernel"]?["error"]?["errno"]?.stringValue == errno, "\(destination): \(ours["kernel"] ?? .null)")
            #expect(ours["kernel"]?["agrees"]?.boolValue == true, "\(destination)")
            #expect(ours["findings"]?.arrayValue?.first?["code"]?.stringValue == finding, "\(destination)")
        }
        // A forwarded packet from the pod: forwarding is off in the namespace, so the kernel
        // refuses with EHOSTUNREACH and podroute says why.
        let (_, forwarded) = try trace(fixture, status: 1, "10.30.0.5", "--src", "10.21.230.5", "--iif", "calic440f455693")
        #expect(forwarded["kernel"]?["agrees"]?.boolValue == true, "\(forwarded["kernel"] ?? .null)")
        #expect(forwarded["findings"]?.arrayValue?.contains { $0["code"]?.stringValue == "ip-forward-off" } == true)
        _ = try fixture.node.run("sysctl", "-qw", "net.ipv4.ip_forward=1")
        let (_, allowed) = try trace(fixture, "10.30.0.5", "--src", "10.21.230.5", "--iif", "calic440f455693")
        #expect(allowed["kernel"]?["agrees"]?.boolValue == true, "\(allowed["kernel"] ?? .null)")
        #expect(allowed["iif"]?.stringValue == "calic440f455693")
        #expect(allowed["dev"]?.stringValue == "ens192")
    }

    @Test("Text: the route as `ip route` words, role, next hop, encapsulation, verdict and the kernel's agreement")
    func textExplains() throws {
        let fixture = try CalicoNodeFixture(label: "trace-text")
        defer { try? fixture.remove() }
        let run = try PodRouteBinary.run("trace", "10.21.12.70", "--netns", fixture.node.name, "--ascii")
        #expect(run.status == 0, "\(run.standardError)")
        let text = run.standardOutput
        #expect(text.contains("route     10.21.12.64/26 via 10.21.12.64 dev vxlan.calico"), "\(text)")
        #expect(text.contains("role      remote-block"), "\(text)")
        #expect(text.contains("next hop  10.21.12.64 on vxlan.calico"), "\(text)")
        #expect(text.contains("encap     VXLAN vxlan.calico VNI 4096 port 4789: outer 10.20.1.22 -> 10.20.1.26 (VTEP 10.21.12.64 is 66:aa:bb:cc:dd:01, FDB dst)"), "\(text)")
        #expect(text.contains("path MTU  1450"), "\(text)")
        // The fixture's rule 300 (`not from all iif ens192 lookup main suppress_prefixlength 0`) answers.
        #expect(text.contains("rule 300: lookup main"), "\(text)")
        #expect(text.contains("kernel    10.21.12.70 via 10.21.12.64 dev vxlan.calico"), "\(text)")
        #expect(text.contains("the kernel agrees with the snapshot"), "\(text)")
        #expect(!text.contains("DISAGREEMENT"))
        // The ESC in ens192's alias never reaches the terminal.
        #expect(!text.contains("\u{1b}"))
    }

    @Test("Without the VTEP's neighbour entry the outer destination is unknown, said in one sentence; the packet is dropped")
    func vxlanWithoutNeighbour() throws {
        let fixture = try CalicoNodeFixture(label: "trace-noneigh")
        defer { try? fixture.remove() }
        try fixture.node.ip("neigh del 10.21.12.64 dev vxlan.calico")
        let (_, json) = try trace(fixture, status: 1, "10.21.12.70")
        #expect(json["encap"]?["outer_dst"] == .null)
        #expect(json["encap"]?["outer_dst_unknown"]?.stringValue == "no neighbour entry for 10.21.12.64 on vxlan.calico")
        #expect(json["verdict"]?.stringValue == "unreachable")
        #expect(json["findings"]?.arrayValue?.first?["code"]?.stringValue == "vxlan-fdb")
        // The route itself is what the kernel says: it answers `ip route get` all the same.
        #expect(json["kernel"]?["agrees"]?.boolValue == true, "\(json["kernel"] ?? .null)")
        let text = try PodRouteBinary.run("trace", "10.21.12.70", "--netns", fixture.node.name, "--ascii").standardOutput
        #expect(text.contains("outer 10.20.1.22 -> ? (no neighbour entry for 10.21.12.64 on vxlan.calico)"), "\(text)")
    }

    @Test("A capture is explained without a kernel; the same state live is compared with it")
    func captureIsNotComparedWithAKernel() throws {
        let fixture = try CalicoNodeFixture(label: "trace-capture")
        defer { try? fixture.remove() }
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("\(fixture.node.name).json").path
        defer { unlink(capture) }
        try PodRouteBinary.run("snapshot", "--netns", fixture.node.name, "-o", capture).succeeded()
        let offline = try json(try PodRouteBinary.run("trace", "10.21.69.212", "--from", capture, "--json").succeeded().standardOutput)
        let live = try json(try PodRouteBinary.run("trace", "10.21.69.212", "--netns", fixture.node.name, "--json").succeeded().standardOutput)
        #expect(offline["kernel"] == .null)
        #expect(live["kernel"]?["agrees"]?.boolValue == true)
        for key in ["route", "dev", "gateway", "role", "verdict", "path_mtu"] {
            #expect(offline[key] == live[key], "\(key): \(offline[key] ?? .null) vs \(live[key] ?? .null)")
        }
    }

    @Test("--batch: one JSON line per input line, in order; routes hold every member of `ip -j route get fibmatch`; bad lines say why")
    func batchMatchesIPRouteGet() throws {
        let fixture = try CalicoNodeFixture(label: "trace-batch")
        defer { try? fixture.remove() }
        let destinations = ["10.21.69.212", "bogus", "10.21.12.70", "", "10.99.0.1", "2001:db8:2::7", "  8.8.8.8\r",
                            "10.21.230.5", "300.1.1.1", "10.21.230.9", "2001:db8:3::1", "10.0.0.0/8"]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(fixture.node.name).batch").path
        try destinations.joined(separator: "\n").write(toFile: file, atomically: false, encoding: .utf8)
        defer { unlink(file) }
        let run = try PodRouteBinary.run("trace", "--batch", file, "--netns", fixture.node.name)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("load ") && run.standardError.contains("lookups "), "\(run.standardError)")
        // The instant the lookups began, on the clock a benchmark reads (scripts/bench trace).
        let began = run.standardError.firstMatch(of: /lookups began at CLOCK_MONOTONIC ([0-9.]+) s/)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let seconds = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        #expect(began.flatMap { Double($0.1) }.map { $0 <= seconds && $0 > seconds - 60 } == true, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == destinations.count, "\(run.standardOutput)")
        for (line, destination) in zip(lines, destinations) {
            let object = try json(String(line))
            let trimmed = destination.trimmingCharacters(in: .whitespacesAndNewlines)
            guard IPAddress(trimmed) != nil else {
                #expect(object["error"]?.stringValue != nil, "\(destination): \(line)")
                #expect(object["route"] == .null)
                continue
            }
            #expect(object["destination"]?.stringValue == trimmed)
            let matched = try ipRouteGet(fixture, "fibmatch " + trimmed)
            if let matched {
                // The whole route, not only dst, dev and gateway: the line is written from the
                // store's packed record, and every member iproute2 prints must come out the same.
                let route = try #require(object["route"]?.objectValue, "\(destination): \(line)")
                for key in try #require(matched.objectValue).keys {
                    #expect(route[key] == matched[key], "\(destination) \(key): \(line) vs \(matched)")
                }
            } else {
                // The kernel refuses: podroute's route, if any, is one that refuses too.
                let type = object["route"]?["type"]?.stringValue
                #expect(object["route"] == .null || ["blackhole", "unreachable", "prohibit"].contains(type ?? ""),
                        "\(destination): \(line)")
            }
        }
    }
}

/// Bad input: one sentence, a non-zero exit status, nothing on standard output.
@Suite struct TraceInputTests {
    private func refused(_ arguments: String..., saying expected: String) throws {
        let run = try PodRouteBinary.run(["trace"] + arguments)
        #expect(run.status != 0, "\(arguments)")
        #expect(run.standardOutput.isEmpty, "\(arguments): \(run.standardOutput)")
        #expect(run.standardError.split(separator: "\n").count == 1, "\(arguments): \(run.standardError)")
        #expect(run.standardError.contains(expected), "\(arguments): \(run.standardError)")
    }

    @Test func badInputIsOneSentence() throws {
        try refused("10.0.0.300", "--demo", saying: "'10.0.0.300' is not an IPv4 or IPv6 address")
        try refused("10.21.0.0/16", "--demo", saying: "is a prefix; trace one address of it")
        try refused("10.21.0.5", "--src", "2001:db8::1", "--demo", saying: "--src 2001:db8::1 is IPv6 but the destination 10.21.0.5 is IPv4")
        try refused("10.21.0.5", "--src", "10.1.1.1", "--iif", "eth9", "--demo", saying: "has no device named 'eth9'")
        try refused("10.21.0.5", "--iif", "eth0", "--demo", saying: "--iif eth0 needs --src")
        try refused("10.21.0.5", "--mark", "0xzz", "--demo", saying: "--mark takes a number")
        try refused("--demo", saying: "name a destination address")
        try refused("10.21.0.5", "--batch", "-", "--demo", saying: "either DEST or --batch")
        try refused("--batch", "/nonexistent/destinations", "--demo", saying: "cannot read /nonexistent/destinations: no such file or directory")
        try refused("10.21.0.5", "--iif", "e\u{1b}[31mvil", "--src", "10.1.1.1", "--demo", saying: "e\\x1b[31mvil")
    }

    @Test func demoIsExplainedWithoutAKernel() throws {
        let run = try PodRouteBinary.run("trace", "10.21.69.212", "--demo", "--json").succeeded()
        let object = try JSONValue.parse(run.standardOutput)
        #expect(object["kernel"] == .null)
        #expect(object["route"]?["dst"]?.stringValue != nil)
        #expect(object["verdict"]?.stringValue != nil)
    }
}
