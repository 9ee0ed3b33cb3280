import Glibc
import PodRouteCore

/// Arrows and checks for text output: Unicode in a UTF-8 locale, ASCII otherwise or on request
/// (PuTTY with a wrong charset, logs, `--ascii`).
enum LocaleGlyphs {
    static func trace(ascii: Bool) -> TraceGlyphs {
        if ascii { return .ascii }
        setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return .ascii }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8" ? .unicode : .ascii
    }
}
