import CNCurses
import PodRouteUI

/// Turns what wget_wch returns into `Key`s.
enum KeyDecoder {
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .ctrl(Character($0)) }
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_MOUSE: mouse()
        default: nil
        }
    }

    private static func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = UInt(event.bstate)
        let kind: MouseEvent.Kind
        if state & UInt(ccurses_button4_pressed()) != 0 { kind = .wheelUp }
        else if state & UInt(ccurses_button5_pressed()) != 0 { kind = .wheelDown }
        else { kind = .press }
        return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
    }
}
