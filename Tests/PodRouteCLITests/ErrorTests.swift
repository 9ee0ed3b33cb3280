import Foundation
import PodRouteTesting
import Testing

/// Bad input gets one clear sentence and a non-zero exit status, never a crash or a half output.
@Suite struct ErrorTests {
    private let captures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Resources/fixtures/captures")

    @Test func missingNamespaceIsOneSentence() throws {
        let run = try PodRouteBinary.run("routes", "--netns", "podroute-no-such-ns")
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(run.standardError.contains("podroute-no-such-ns"))
        #expect(run.standardError.contains("does not exist") || run.standardError.contains("not allowed"))
    }

    @Test func missingFileIsOneSentence() throws {
        let run = try PodRouteBinary.run("links", "--from", "/nonexistent/capture.txt")
        #expect(run.status != 0)
        #expect(run.standardError.contains("cannot read /nonexistent/capture.txt: no such file or directory"))
    }

    @Test func sourcesExcludeEachOther() throws {
        let run = try PodRouteBinary.run("routes", "--demo", "--netns", "x")
        #expect(run.status != 0)
        #expect(run.standardError.contains("choose one source"))
    }

    @Test func badTableAndServiceCIDRAreRefused() throws {
        let table = try PodRouteBinary.run("routes", "--demo", "--table", "mian")
        #expect(table.status != 0 && table.standardError.contains("--table"))
        let cidr = try PodRouteBinary.run("routes", "--demo", "--service-cidr", "10.96.0.1/12")
        #expect(cidr.status != 0)
        #expect(cidr.standardError.contains("10.96.0.1/12 has host bits set; did you mean 10.96.0.0/12?"))
    }

    @Test func somethingThatIsNoCaptureIsRefusedWithItsLine() throws {
        let run = try PodRouteBinary.run("routes", "--from", captures.appendingPathComponent("garbled-total.txt").path)
        #expect(run.status != 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("line 1"))
        #expect(run.standardError.contains("is not ip, route, netstat or podroute output"))
    }

    @Test func aPartlyGarbledCaptureLoadsWhatItCanAndWarnsPerLine() throws {
        let run = try PodRouteBinary.run("routes", "--count", "--from", captures.appendingPathComponent("garbled-partial.txt").path)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("13 routes"))
        let warnings = run.standardError.split(separator: "\n")
        #expect(warnings.count == 4)
        for line in [4, 6, 9, 11] {
            #expect(warnings.contains { $0.contains("line \(line):") }, "no warning for line \(line)")
        }
    }
}
