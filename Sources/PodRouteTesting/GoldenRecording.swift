/// When golden files may be written: locally a missing reference is recorded (the test fails
/// once, asking for a re-run); under CI (`CI` set to anything but `false`/`0`) never, so CI can
/// never bless output by itself. Shared by every suite that keeps goldens.
public enum GoldenRecording {
    /// A swift-snapshot-testing record mode name: `never`, `missing`, or `SNAPSHOT_TESTING_RECORD`'s value.
    public static func mode(environment: [String: String]) -> String {
        if let ci = environment["CI"], !ci.isEmpty, ci.lowercased() != "false", ci != "0" { return "never" }
        return environment["SNAPSHOT_TESTING_RECORD"] ?? "missing"
    }
}
