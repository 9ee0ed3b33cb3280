/// Makes text from the kernel or a capture safe for a terminal: interface names and aliases
/// may hold any bytes (`ip link set dev X alias` takes anything), including escape sequences
/// that would repaint or retitle the operator's terminal.
public enum Sanitizer {
    /// Replaces control characters (C0, DEL, C1), bidirectional overrides and other invisible
    /// format characters with a visible `?`-style escape, keeping ordinary Unicode text.
    public static func printable(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isSafe(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\x" + hex(scalar.value)
            }
        }
        return result
    }

    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value != 0x7f }
        switch scalar.properties.generalCategory {
        // C1 controls (CSI is 0x9b), zero-width and bidirectional overrides, line separators.
        case .control, .format, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator, .privateUse:
            return false
        default:
            return true
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count % 2 == 1 ? "0" + digits : digits
    }
}
