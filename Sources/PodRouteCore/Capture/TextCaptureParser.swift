/// Parses the plain text of iproute2, net-tools and BusyBox, line by line.
/// (Placeholder: being written.)
struct TextCaptureParser {
    /// Returns false for a line it does not understand.
    mutating func consume(_ line: Substring, number: Int, context: CommandContext, into builder: inout CaptureBuilder) -> Bool {
        false
    }

    /// Flushes a section in progress (a link whose address lines are complete).
    mutating func finish(into builder: inout CaptureBuilder) {}
}
