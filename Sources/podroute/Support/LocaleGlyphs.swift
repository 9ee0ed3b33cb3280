import Glibc
import PodRouteCore
import PodRouteCurses

/// Arrows and checks for text output: Unicode in a UTF-8 locale, ASCII otherwise or on request
/// (PuTTY with a wrong charset, logs, `--ascii`).
enum LocaleGlyphs {
    static func trace(ascii: Bool) -> TraceGlyphs {
        if ascii { return .ascii }
        setlocale(LC_CTYPE, "")
        return TerminalLocale.isUTF8 ? .unicode : .ascii
    }
}
