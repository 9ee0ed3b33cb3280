import CNCurses
import PodRouteUI

/// Colour pairs allocated once per (foreground, background) combination on first use; the
/// terminal's own default colours stand for a missing colour (use_default_colors).
struct ColorPairs {
    private var pairs: [CellStyle.Colors: Int16] = [:]
    private let enabled: Bool
    private let limit: Int

    init(enabled: Bool) {
        self.enabled = enabled
        limit = enabled ? Int(ccurses_color_pairs()) : 0
    }

    /// The pair for a style's colours (0, the default pair, when colour is off or unavailable).
    mutating func pair(for style: CellStyle) -> Int16 {
        guard enabled, style.foreground != nil || style.background != nil else { return 0 }
        let key = style.colors
        if let pair = pairs[key] { return pair }
        let number = Int16(pairs.count + 1)
        guard Int(number) < limit else { return 0 }
        init_pair(number, Self.curses(style.foreground), Self.curses(style.background))
        pairs[key] = number
        return number
    }

    /// ANSI colour numbers are curses colour numbers (COLOR_BLACK 0 … COLOR_WHITE 7, bright +8);
    /// -1 is the terminal's default.
    private static func curses(_ color: ANSIColor?) -> Int16 {
        guard let color else { return -1 }
        return Int16(color.rawValue)
    }
}

extension CellStyle {
    struct Colors: Hashable {
        var foreground: ANSIColor?
        var background: ANSIColor?
    }

    var colors: Colors { Colors(foreground: foreground, background: background) }

    /// The curses attribute bits for this style.
    var cursesAttributes: attr_t {
        var bits = ccurses_a_normal()
        if attributes.contains(.bold) { bits |= ccurses_a_bold() }
        if attributes.contains(.underline) { bits |= ccurses_a_underline() }
        if attributes.contains(.reverse) { bits |= ccurses_a_reverse() }
        if attributes.contains(.dim) { bits |= ccurses_a_dim() }
        return bits
    }
}
