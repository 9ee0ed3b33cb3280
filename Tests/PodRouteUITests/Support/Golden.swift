import Foundation
import SnapshotTesting
import Testing
@testable import PodRouteUI
import PodRouteTesting

/// Golden screens with swift-snapshot-testing. Locally a missing reference is recorded (and the
/// test fails once, asking for a re-run); under CI (`CI` set to anything but `false`/`0`) a
/// missing reference fails without being written, so CI can never bless a screen by itself.
enum Golden {
    /// The record mode for an environment.
    static func recordMode(environment: [String: String]) -> SnapshotTestingConfiguration.Record {
        SnapshotTestingConfiguration.Record(rawValue: GoldenRecording.mode(environment: environment)) ?? .missing
    }

    static var record: SnapshotTestingConfiguration.Record { recordMode(environment: ProcessInfo.processInfo.environment) }

    /// The screen's text, then its style map under each theme: a text change and a style
    /// change both show in the diff.
    static func document(_ buffer: CellBuffer, themes: [Theme] = [.color, .monochrome]) -> String {
        var parts = ["size \(buffer.size)", buffer.text()]
        if let cursor = buffer.cursor { parts[0] += "  cursor \(cursor.x),\(cursor.y)" }
        for theme in themes { parts.append(buffer.styleMap(theme: theme)) }
        return parts.joined(separator: "\n===\n") + "\n"
    }

    static func assertScreen(_ buffer: CellBuffer, named name: String, themes: [Theme] = [.color, .monochrome],
                             fileID: StaticString = #fileID, file: StaticString = #filePath,
                             testName: String = #function, line: UInt = #line, column: UInt = #column) {
        assertSnapshot(of: document(buffer, themes: themes), as: .lines, named: name, record: record,
                       fileID: fileID, file: file, testName: testName, line: line, column: column)
    }
}
