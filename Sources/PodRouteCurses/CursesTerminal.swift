import CNCurses
import Glibc
import PodRouteUI

/// What the terminal reports: a key, or a new size.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(Size)
}

/// The one owner of ncurses. Open it with `CursesTerminal.open`, present frames, read keys,
/// and `close()` it on every path (the loop's `defer`); closing twice is harmless.
/// Not Sendable: ncurses is not thread-safe, so the terminal stays on the loop's thread.
public final class CursesTerminal {
    public let capabilities: TerminalCapabilities
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var presenter: FramePresenter
    private var isOpen = true

    /// Starts curses on the controlling terminal; nil with a reason when it cannot (no
    /// terminal, unknown TERM).
    public static func open(_ options: TerminalOptions) throws(TerminalError) -> CursesTerminal {
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let term = Environment.value("TERM") ?? ""
        guard let screen = ccurses_newterm_stdio() else { throw .unknownTerminal(term) }
        set_term(screen)
        let unicode = !options.forceASCII && Environment.localeIsUTF8 && !Environment.asciiLineDrawingRequested
        var color = !options.forceMonochrome && !Environment.noColor && term != "dumb" && has_colors()
        if color {
            color = start_color() == OK
            if color { use_default_colors() }
        }
        return CursesTerminal(screen: screen, capabilities: TerminalCapabilities(unicode: unicode, color: color),
                              mouse: options.mouse)
    }

    private init(screen: OpaquePointer, capabilities: TerminalCapabilities, mouse: Bool) {
        self.screen = screen
        self.capabilities = capabilities
        window = ccurses_stdscr()!
        presenter = FramePresenter(theme: capabilities.theme, color: capabilities.color)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)   // the loop polls stdin; reads never block
        set_escdelay(25)        // Esc answers at once, even over SSH
        curs_set(0)
        if mouse {
            mousemask(ccurses_button1_pressed() | ccurses_button4_pressed() | ccurses_button5_pressed(), nil)
        }
    }

    deinit { close() }

    /// Restores the terminal (endwin). Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        delscreen(screen)
    }

    public var size: Size {
        Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Cells written by the last frame (damage tracking, checked by the idle benchmark).
    public var cellsWrittenLastFrame: Int { presenter.cellsWritten }

    public func present(_ frame: CellBuffer) {
        presenter.present(frame, on: window)
    }

    /// Repaints everything on the next frame (Ctrl-L, or after a resize).
    public func invalidate() {
        presenter.invalidate()
        clearok(window, true)
    }

    /// Everything typed since the last call; a burst of resizes becomes one.
    public func readInput() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var character: wint_t = 0
        while true {
            let status = wget_wch(window, &character)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                if Int32(character) == KEY_RESIZE {
                    inputs.removeAll { if case .resize = $0 { return true } else { return false } }
                    inputs.append(.resize(size))
                } else if let key = KeyDecoder.functionKey(Int32(character)) {
                    inputs.append(.key(key))
                }
            } else if let key = KeyDecoder.character(UInt32(character)) {
                inputs.append(.key(key))
            }
        }
        return inputs
    }
}

/// Why the terminal UI could not start.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the terminal UI needs a terminal on standard input and output; use a subcommand (links, routes, ...) in scripts"
        case .unknownTerminal(let term):
            "cannot start the terminal UI: the terminal type '\(term)' is unknown (set TERM, e.g. TERM=xterm-256color)"
        }
    }
}
