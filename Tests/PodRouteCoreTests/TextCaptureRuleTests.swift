import Testing
@testable import PodRouteCore

@Suite struct TextCaptureRuleTests {
    @Test func iprouteRules() throws {
        let text = """
        0:\tfrom all lookup local
        99:\tnot from all fwmark 0x200000/0x200000 lookup 1
        100:\tfrom 10.0.0.0/8 iif eth0 lookup 100
        200:\tfrom all to 10.9.0.0/16 goto 32766
        300:\tfrom all lookup main suppress_prefixlength 0
        400:\tfrom 1.2.3.0/24 blackhole
        500:\tfrom all oif foo0 [detached] lookup 1000
        600:\tfrom all fwmark 0x10 ipproto tcp dport 80-81 uidrange 1000-2000 lookup 7
        32766:\tfrom all lookup main
        32767:\tfrom all lookup default
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        let rules = snapshot.rules
        #expect(rules.count == 10 && rules.allSatisfy { $0.family == .inet })
        let wireguard = try #require(rules.first { $0.priority == 99 })
        #expect(wireguard.invert && wireguard.fwmark == 0x200000 && wireguard.fwmask == 0x200000 && wireguard.table == RouteTableID(1))
        let sourced = try #require(rules.first { $0.priority == 100 })
        #expect(sourced.source?.description == "10.0.0.0/8" && sourced.inputInterface == "eth0" && sourced.table == RouteTableID(100))
        let jump = try #require(rules.first { $0.priority == 200 })
        #expect(jump.action == .goto && jump.gotoTarget == 32766 && jump.destination?.description == "10.9.0.0/16")
        #expect(rules.first { $0.priority == 300 }?.suppressPrefixLength == 0)
        #expect(rules.first { $0.priority == 400 }?.action == .blackhole)
        let detached = try #require(rules.first { $0.priority == 500 })
        #expect(detached.outputInterface == "foo0" && detached.outputInterfaceDetached && !detached.inputInterfaceDetached)
        let ports = try #require(rules.first { $0.priority == 600 })
        #expect(ports.fwmark == 0x10 && ports.fwmask == nil && ports.ipProto == 6 && ports.destinationPorts == 80...81)
        #expect(ports.uidRange == 1000...2000)
        #expect(rules.first { $0.priority == 32767 }?.table == .default)
    }

    @Test func familyFromPromptOrFromTheListing() throws {
        let text = """
        0:\tfrom all lookup local
        100:\tfrom 2001:db8::/32 lookup 100
        32766:\tfrom all lookup main
        0:\tfrom all lookup local
        32766:\tfrom all lookup main
        32767:\tfrom all lookup default
        # ip -6 rule
        root@node1:~# ip -6 rule
        0:\tfrom all lookup local
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.rules.filter { $0.family == .inet6 }.map(\.priority) == [0, 100, 32766])
        #expect(snapshot.rules.filter { $0.family == .inet }.map(\.priority) == [0, 32766, 32767])
    }

    @Test func busyBoxRuleActions() throws {
        let text = """
        200:\tfrom all to 10.9.0.0/16 lookup unspec local
        400:\tfrom 1.2.3.0/24 lookup unspec blackhole
        32766:\tfrom all lookup main
        """
        let snapshot = try loadCapture(text)
        #expect(snapshot.warnings.isEmpty, "\(snapshot.warnings)")
        #expect(snapshot.rules.first { $0.priority == 200 }?.action == .goto)
        #expect(snapshot.rules.first { $0.priority == 400 }?.action == .blackhole)
        #expect(snapshot.rules.first { $0.priority == 32766 }?.table == .main)
    }
}
