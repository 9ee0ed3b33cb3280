import CNCurses
import Glibc
import PodRouteUI

/// How the terminal should look, decided once at start-up from flags, locale and environment.
public struct TerminalOptions: Sendable {
    /// `--ascii`: never draw box characters or arrows.
    public var forceASCII: Bool
    /// `--no-color`: attributes only.
    public var forceMonochrome: Bool
    /// `--mouse`: report clicks and the wheel (off by default so copy and paste work).
    public var mouse: Bool

    public init(forceASCII: Bool = false, forceMonochrome: Bool = false, mouse: Bool = false) {
        self.forceASCII = forceASCII
        self.forceMonochrome = forceMonochrome
        self.mouse = mouse
    }
}

/// What the terminal turned out to support, once ncurses is up.
public struct TerminalCapabilities: Sendable, Equatable {
    /// UTF-8 locale and no NCURSES_NO_UTF8_ACS: box drawing and arrows are safe.
    public var unicode: Bool
    /// The terminal has colours and nobody asked for none (NO_COLOR, --no-color, TERM=dumb).
    public var color: Bool

    public var glyphs: Glyphs { unicode ? .unicode : .ascii }
    public var theme: Theme { color ? .color : .monochrome }
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// NO_COLOR (https://no-color.org): any non-empty value turns colour off.
    static var noColor: Bool { !(value("NO_COLOR") ?? "").isEmpty }

    static var localeIsUTF8: Bool { TerminalLocale.isUTF8 }

    /// PuTTY and some consoles draw line graphics wrongly in UTF-8; ncurses' own switch.
    static var asciiLineDrawingRequested: Bool {
        guard let value = value("NCURSES_NO_UTF8_ACS") else { return false }
        return !value.isEmpty && value != "0"
    }
}

/// The character set of the user's locale, for the TUI and for the CLI's text output alike.
public enum TerminalLocale {
    /// The locale's character set is UTF-8 (call after `setlocale(LC_CTYPE, "")`).
    public static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
