import FoundationEssentials
import PodRouteCore
import SnapshotTesting
import Testing
@testable import PodRouteUI

@Suite struct RowFilterTests {
    @Test(arguments: [
        ("cali", RowFilter.Kind.text, "cali", false),
        ("!cali", .text, "cali", true),
        ("/cali/", .regex, "cali", false),
        ("!/^tunl|^ens/", .regex, "^tunl|^ens", true),
        ("^cali", .regex, "^cali", false),
        ("10.21.230.3", .text, "10.21.230.3", false),  // a dot alone stays text
        ("10.21.*", .regex, "10.21.*", false),
        ("(cali", .text, "(cali", false),  // operators that do not compile: text
        ("/", .text, "/", false),
    ] as [(String, RowFilter.Kind, String, Bool)])
    func parsingRule(_ input: String, _ kind: RowFilter.Kind, _ pattern: String, _ inverted: Bool) throws {
        let filter = try #require(try RowFilter.parse(input))
        #expect(filter.kind == kind)
        #expect(filter.pattern == pattern)
        #expect(filter.inverted == inverted)
        #expect(filter.input == input)
    }

    @Test func emptyFiltersAreNoFilter() throws {
        #expect(try RowFilter.parse("") == nil)
        #expect(try RowFilter.parse("!") == nil)
    }

    @Test func aBadExplicitRegexIsAnError() {
        #expect(throws: RowFilter.ParseError.self) { try RowFilter.parse("/cali(/") }
    }

    @Test func matchingIgnoresCaseAndInverts() throws {
        let text = try #require(try RowFilter.parse("TUNL0")).matcher()
        #expect(text.matches("15 tunl0 calico-ipip"))
        #expect(!text.matches("ens192"))
        let inverted = try #require(try RowFilter.parse("!tunl0")).matcher()
        #expect(!inverted.matches("tunl0"))
        #expect(inverted.matches("ens192"))
        let regex = try #require(try RowFilter.parse("/^CALI[0-9a-f]{11} /")).matcher()
        #expect(regex.matches("cali3fdcaecccc9 ingress-nginx/ctrl UP"))
        #expect(!regex.matches("tunl0 calico-ipip"))
        #expect(try #require(try RowFilter.parse("a")).matcher().matches("xAy"))
    }
}

@Suite struct RateTrackerTests {
    func stats(rx: UInt64, tx: UInt64, rxPackets: UInt64 = 0, txPackets: UInt64 = 0) -> LinkStats {
        var stats = LinkStats()
        stats.rxBytes = rx
        stats.txBytes = tx
        stats.rxPackets = rxPackets
        stats.txPackets = txPackets
        return stats
    }

    @Test func ratesAreDeltasOverTime() {
        var tracker = RateTracker()
        let link = InterfaceIndex(2)
        tracker.record([link: stats(rx: 1_000, tx: 500, rxPackets: 10, txPackets: 5)], at: 10)
        #expect(tracker.rates(for: link) == nil)
        tracker.record([link: stats(rx: 3_000, tx: 1_500, rxPackets: 30, txPackets: 9)], at: 12)
        #expect(tracker.rates(for: link) == LinkRates(rxBytes: 1_000, txBytes: 500, rxPackets: 10, txPackets: 2))
    }

    @Test func aCounterResetGivesNoRateThenRecovers() {
        var tracker = RateTracker()
        let link = InterfaceIndex(7)
        tracker.record([link: stats(rx: 9_000_000, tx: 9_000_000)], at: 1)
        tracker.record([link: stats(rx: 9_100_000, tx: 9_050_000)], at: 2)
        #expect(tracker.rates(for: link)?.rxBytes == 100_000)
        tracker.record([link: stats(rx: 4_000, tx: 2_000)], at: 3)  // the device was re-created
        #expect(tracker.rates(for: link) == nil)
        tracker.record([link: stats(rx: 6_000, tx: 2_500)], at: 4)
        #expect(tracker.rates(for: link) == LinkRates(rxBytes: 2_000, txBytes: 500, rxPackets: 0, txPackets: 0))
    }

    @Test func sameInstantTwiceKeepsTheRateAndRemovedLinksAreForgotten() {
        var tracker = RateTracker()
        let a = InterfaceIndex(1), b = InterfaceIndex(2)
        tracker.record([a: stats(rx: 0, tx: 0), b: stats(rx: 0, tx: 0)], at: 1)
        tracker.record([a: stats(rx: 100, tx: 100), b: stats(rx: 10, tx: 10)], at: 2)
        tracker.record([a: stats(rx: 900, tx: 900)], at: 2)
        #expect(tracker.rates(for: a)?.rxBytes == 100)
        #expect(tracker.rates(for: b) == nil)
        #expect(tracker.stats(for: b) == nil)
    }

    @Test func theScreenShowsRatesLiveAndDashesForCaptures() {
        let live = render(Fixtures.state(size: Size(width: 100, height: 30)))
        #expect(live.rows[4].text.contains("2.4 kB"))
        let capture = render(Fixtures.state(size: Size(width: 100, height: 30), source: .capture(path: "node-1.txt")))
        let row = capture.rows[4].text
        #expect(row.contains("ens192") && row.contains("       -       - "))
        #expect(capture.rows[0].text.contains("capture node-1.txt (static)"))
        #expect(capture.text().contains("rates - (static source)"))
    }

    @Test func packetRatesAreInTheDetailPane() {
        let text = render(Fixtures.state(size: Size(width: 100, height: 40))).text()
        #expect(text.contains("rx 2.4 kB/s 20 pkt/s  tx 1.7 kB/s 14 pkt/s"))
    }
}

@Suite struct SanitisationTests {
    /// A link named with an escape sequence, an alias holding a C1 CSI, a pod name with BEL.
    static func hostileState(view: Key, glyphs: Glyphs) -> AppState {
        let base = Fixtures.node()
        var links = base.links
        links[1].name = "ens\u{1b}[2J\u{7}"
        links[1].alias = "uplink\u{9b}31m\u{202e}evil"
        links[2].linkNetnsName = "ns\u{1b}]0;title\u{7}"
        let pods = base.pods.map { pod -> PodReference in
            var pod = pod
            pod.name += "\u{1b}[5m"
            return pod
        }
        let snapshot = NetworkSnapshot(host: "node\u{1b}[31m-1", source: .namespace("blue\u{1b}[0m"), links: links,
                                       addresses: base.addresses, routes: base.routes, pods: pods)
        var state = AppState(snapshot: snapshot, configuration: AppConfiguration(glyphs: glyphs),
                             size: Size(width: 120, height: 40), now: Fixtures.clock)
        _ = reduce(&state, .key(view))
        _ = reduce(&state, .notice("netlink says \u{1b}[2J"))
        return state
    }

    @Test(arguments: [Key.char("1"), .char("2"), .char("3"), .char("?")], [Glyphs.unicode, .ascii])
    func noControlCharacterReachesAnyCell(view: Key, glyphs: Glyphs) {
        var state = Self.hostileState(view: view, glyphs: glyphs)
        var frames = [render(state)]
        for _ in 0..<20 {
            _ = reduce(&state, .key(.down))
            frames.append(render(state))
        }
        _ = reduce(&state, .key(.enter))
        frames.append(render(state))
        for frame in frames {
            for row in frame.rows {
                for cell in row.cells {
                    for scalar in cell.character.unicodeScalars {
                        #expect(scalar.value >= 0x20 && !(0x7f...0x9f).contains(scalar.value) && scalar.value != 0x202e,
                                "control U+\(String(scalar.value, radix: 16)) in a cell")
                    }
                }
            }
        }
        let text = frames.map { $0.text() }.joined()
        // Every hostile string was sanitised (escaped, visible) by the views themselves, not
        // merely caught by the surface's last-resort `?`.
        #expect(text.contains("node\\x1b[31m-1"))
        #expect(text.contains("netns blue\\x1b[0m"))
        if view == .char("1") || view == .char("2") {
            #expect(text.contains("ens\\x1b[2J\\x07"))
            #expect(text.contains("\\x1b[5m"))
        }
        if view != .char("?") {
            #expect(!text.replacing("? help", with: "").contains("?"), "the surface had to replace a control character")
        }
    }

    @Test func theAliasIsShownEscapedInTheDetailPane() {
        var state = Self.hostileState(view: .char("1"), glyphs: .unicode)
        state.interfaceCursor.selected = 0
        let text = render(state).text()
        #expect(text.contains("ens\\x1b[2J\\x07"))
        #expect(text.contains("alias uplink\\x9b31m\\u202eevil") || text.contains("alias uplink\\x9b31m\\x202eevil"))
    }
}

@Suite struct GoldenPolicyTests {
    @Test(arguments: [
        (["CI": "true"], "never"), (["CI": "1"], "never"), (["CI": "yes", "SNAPSHOT_TESTING_RECORD": "all"], "never"),
        ([:], "missing"), (["CI": "false"], "missing"), (["CI": ""], "missing"), (["SNAPSHOT_TESTING_RECORD": "all"], "all"),
    ] as [([String: String], String)])
    func ciNeverRecords(environment: [String: String], expected: String) {
        #expect(Golden.recordMode(environment: environment) == SnapshotTestingConfiguration.Record(rawValue: expected))
    }
}

@Suite struct FormatTests {
    @Test func clockDurationCounts() {
        #expect(Format.clock(Fixtures.clock, utcOffset: 0) == "14:02:31")
        #expect(Format.clock(Fixtures.clock, utcOffset: 3600 * 10) == "00:02:31")
        #expect(Format.clock(Fixtures.clock, utcOffset: -3600 * 15) == "23:02:31")
        #expect(Format.duration(45) == "45s")
        #expect(Format.duration(252) == "4m12s")
        #expect(Format.duration(7_380) == "2h03m")
        #expect(Format.count(1_000_000) == "1,000,000")
        #expect(Format.count(999) == "999")
        #expect(Format.packets(12.4) == "12 pkt/s")
        #expect(Format.packets(1_234) == "1.2k pkt/s")
    }

    @Test func wrapKeepsWordsAndCutsLongOnes() {
        #expect(Format.wrap("route 10.21.230.9 dev cali6bf54ec99f4 scope link", width: 20)
            == ["route 10.21.230.9", "dev cali6bf54ec99f4", "scope link"])
        #expect(Format.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        for line in Format.wrap("回环地址 回环地址回环地址", width: 5) { #expect(TextWidth.width(of: line) <= 5) }
    }

    @Test func lineEditor() {
        var editor = LineEditor("sort rx")
        editor.deleteWord()
        #expect(editor.text == "sort ")
        editor.moveLeft()
        editor.insert("!")
        #expect(editor.text == "sort! " && editor.cursor == 5)
        editor.moveToStart()
        editor.deleteForward()
        #expect(editor.text == "ort! ")
        editor.clear()
        #expect(editor.text.isEmpty && editor.cursor == 0)
    }
}

@Suite struct ColumnLayoutTests {
    @Test func dropsTheLeastImportantAndFeedsTheFlexibleColumn() {
        let specs = [
            ColumnSpec("a", "A", min: 10, priority: 0),
            ColumnSpec("b", "B", min: 10, priority: 2),
            ColumnSpec("c", "C", min: 10, preferred: 30, priority: 1, flexible: true),
            ColumnSpec("d", "D", min: 5, priority: 3, yieldsToFlexible: true),
        ]
        #expect(ColumnLayout.place(specs, x: 0, width: 38).map(\.spec.id) == ["a", "b", "c", "d"].filter { $0 != "d" })
        let wide = ColumnLayout.place(specs, x: 2, width: 80)
        #expect(wide.map(\.spec.id) == ["a", "b", "c", "d"])
        #expect(wide.map(\.x) == [2, 13, 24, 77])
        #expect(wide[2].width == 52)
        #expect(ColumnLayout.place(specs, x: 0, width: 21).map(\.spec.id) == ["a", "c"])
    }
}
