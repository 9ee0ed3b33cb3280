import Testing
@testable import PodRouteUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("eth0", 4), ("", 0), ("回环地址", 8), ("ｅｔｈ", 6), ("e\u{301}", 1), ("→", 1), ("…", 1),
        ("한국", 4), ("🙂", 2), ("a🙂b", 4), ("\u{200b}", 0), ("❤\u{fe0f}", 2),
    ] as [(String, Int)])
    func widths(_ text: String, _ expected: Int) {
        #expect(TextWidth.width(of: text) == expected)
    }

    @Test func prefixNeverSplitsAWideCharacter() {
        let (text, width) = TextWidth.prefix(of: "ab回环", fitting: 3)
        #expect(text == "ab")
        #expect(width == 2)
        #expect(TextWidth.prefix(of: "ab回环", fitting: 4).text == "ab回")
    }

    @Test func wideRangeTableIsSortedAndDisjoint() {
        let ranges = TextWidth.wideRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
    }
}

@Suite struct SurfaceTests {
    @Test func clipsAtTheRightEdgeWithoutSplittingWideCharacters() {
        var surface = Surface(size: Size(width: 6, height: 1), glyphs: .unicode)
        let end = surface.put("ab回环x", x: 1, y: 0)
        #expect(end == 8)
        let row = surface.buffer.rows[0]
        #expect(row.text == " ab回 ")
        #expect(row.cells[3].width == 2 && row.cells[4].isContinuation)
        #expect(row.cells[5].character == " ")  // 环 would straddle the edge: padded, not split
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var surface = Surface(size: Size(width: 4, height: 1), glyphs: .unicode)
        surface.put("回环", x: 0, y: 0)
        surface.put("x", x: 1, y: 0)  // the continuation of 回
        #expect(surface.buffer.rows[0].text == " x环")
        surface.put("y", x: 2, y: 0)  // the first half of 环
        #expect(surface.buffer.rows[0].text == " xy ")
        #expect(surface.buffer.rows[0].cells.allSatisfy { !$0.isContinuation })
    }

    @Test func clipRectangleBoundsEveryDrawing() {
        var surface = Surface(size: Size(width: 10, height: 3), glyphs: .ascii)
        surface.clipped(to: Rect(x: 2, y: 1, width: 4, height: 1)) { surface in
            surface.fill(Rect(size: Size(width: 10, height: 3)), "#")
            surface.put("hello world", x: 0, y: 1)
        }
        #expect(surface.buffer.text() == "\n  llo\n")
        #expect(surface.clip == Rect(size: Size(width: 10, height: 3)))
    }

    @Test(arguments: [(Glyphs.unicode, "interfa…"), (Glyphs.ascii, "interfa~")])
    func truncatesWithTheGlyphSetsEllipsis(glyphs: Glyphs, expected: String) {
        var surface = Surface(size: Size(width: 12, height: 1), glyphs: glyphs)
        surface.put("interfaces", x: 0, y: 0, width: 8)
        surface.put("ok", x: 8, y: 0, width: 4, align: .right)
        #expect(surface.buffer.text() == expected + "  ok")
    }

    @Test func controlCharactersNeverReachACell() {
        var surface = Surface(size: Size(width: 20, height: 1), glyphs: .unicode)
        surface.put("a\u{1b}[2J\u{9b}b\u{7f}\u{202e}c\n", x: 0, y: 0)
        let scalars = surface.buffer.rows[0].cells.flatMap { $0.character.unicodeScalars }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) || $0.value == 0x202e })
        #expect(surface.buffer.text() == "a?[2J?b??c?")
    }

    @Test func asciiGlyphsMakeEveryCellASCII() {
        var surface = Surface(size: Size(width: 30, height: 1), glyphs: .ascii)
        surface.put("ipip → node … 回环 ✓ é", x: 0, y: 0)
        #expect(surface.buffer.text() == "ipip -> node ~ ?? * ?")
        #expect(surface.buffer.rows[0].cells.allSatisfy { $0.character.isASCII })
    }

    @Test func boxesAndSeparators() {
        var surface = Surface(size: Size(width: 5, height: 4), glyphs: .unicode)
        surface.box(Rect(size: surface.size))
        surface.separator(Rect(size: surface.size), y: 2)
        #expect(surface.buffer.text() == "┌───┐\n│   │\n├───┤\n└───┘")
    }

    @Test func changedRowsDiffByRow() {
        var first = Surface(size: Size(width: 4, height: 3), glyphs: .ascii)
        first.put("abc", x: 0, y: 0)
        var second = first
        second.put("x", x: 1, y: 2)
        #expect(second.buffer.changedRows(since: first.buffer) == [2])
        #expect(second.buffer.changedRows(since: nil) == [0, 1, 2])
        #expect(first.buffer.changedRows(since: first.buffer).isEmpty)
    }

    @Test func styleMapNamesEveryDistinctLook() {
        var surface = Surface(size: Size(width: 6, height: 1), glyphs: .ascii)
        surface.put("DOWN", x: 0, y: 0, style: .danger)
        let map = surface.buffer.styleMap(theme: .monochrome)
        #expect(map.contains("A = bold"))
        #expect(map.hasSuffix("AAAA"))
        #expect(surface.buffer.styleMap(theme: .color).contains("A = fg=red bold"))
    }
}

@Suite struct ThemeTests {
    @Test func monochromeUsesNoColourAndStillMarksState() {
        #expect(!Theme.monochrome.usesColor)
        #expect(Theme.color.usesColor)
        for role in [StyleRole.selection, .tabActive, .badge, .danger, .error, .filterMarker, .columnHeaderSorted] {
            #expect(!Theme.monochrome.style(for: role).attributes.isEmpty, "role \(role) is invisible without colour")
        }
        // The 16-colour theme never paints a background except where reverse would do the same job.
        let backgrounds = StyleRole.allCases.filter { Theme.color.style(for: $0).background != nil }
        #expect(backgrounds == [.tabActive])
    }
}
