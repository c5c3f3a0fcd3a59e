import CNCursesW
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls curses: reads keys, hands them to the runtime, and writes the cells that
/// changed since the last frame. Everything it draws comes from `Renderer`, every decision from
/// `ConsoleState.reduce`, every effect from `ConsoleRuntime`.
public final class CursesDriver {
    /// Why the console cannot start on this terminal.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    private var runtime: ConsoleRuntime
    private var last: Grid?
    private let useColor: Bool

    /// Checks the terminal (stdin and stdout a tty, TERM set and not dumb) before anything is drawn.
    public static func checkTerminal(environment: [String: String]) throws(Refusal) {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw Refusal(description: "tzpy review 需要在终端中运行（标准输入/输出不是终端）；脚本请用 tzpy totals / claims / decide。")
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw Refusal(description: "TERM 未设置或为 dumb，无法显示全屏界面；请设置 TERM（如 xterm-256color）后重试。")
        }
    }

    public init(runtime: ConsoleRuntime, environment: [String: String]) {
        self.runtime = runtime
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        self.useColor = !noColor
    }

    /// Runs the console until the reviewer quits; the terminal is restored on every way out.
    public func run() {
        _ = tzpy_force_utf8_locale()
        CursesDriver.installSignalHandlers()
        initscr()
        // raw, not cbreak: Ctrl-C arrives as a key, so it can ask before a comment is thrown away.
        raw()
        noecho()
        nonl()
        keypad(tzpy_stdscr(), true)
        set_escdelay(25)
        for (sequence, key) in EscapeSequences.known {
            if let code = CursesDriver.code(of: key) { _ = define_key("\u{1B}" + sequence, code) }
        }
        _ = mousemask(tzpy_mouse_mask(), nil)
        mouseinterval(0)
        let colors = useColor && has_colors()
        if colors { setUpColors() }
        send(.resize(rows: Int(tzpy_rows_of(tzpy_stdscr())), cols: Int(tzpy_cols_of(tzpy_stdscr()))))
        defer {
            runtime.environment.leave()
            endwin()
        }
        var dirty = true
        while !runtime.state.quitting {
            var key: Key?
            if dirty {
                timeout(0)
                key = readKey()
                if key == nil {
                    draw(colors: colors)
                    dirty = false
                }
            }
            if key == nil {
                timeout(1000)
                key = readKey()
            }
            if let key {
                if key == .resize {
                    send(.resize(rows: Int(tzpy_rows_of(tzpy_stdscr())), cols: Int(tzpy_cols_of(tzpy_stdscr()))))
                    last = nil
                } else {
                    send(.key(key))
                }
            } else {
                send(.tick)
            }
            dirty = true
        }
    }

    /// Runs an action through the runtime and does what only the driver can (repaint, quit).
    private func send(_ action: Action) {
        for outcome in runtime.send(action) {
            switch outcome {
            case .redraw:
                last = nil
                clearok(tzpy_stdscr(), true)
            case .quit:
                break
            }
        }
    }

    /// The curses key code ncurses reports for `key` once taught its sequences.
    private static func code(of key: Key) -> Int32? {
        switch key {
        case .home: KEY_HOME
        case .end: KEY_END
        case .delete: KEY_DC
        case .pageUp: KEY_PPAGE
        case .pageDown: KEY_NPAGE
        case .up: KEY_UP
        case .down: KEY_DOWN
        case .left: KEY_LEFT
        case .right: KEY_RIGHT
        case .backTab: KEY_BTAB
        default: nil
        }
    }

    /// After an ESC: nothing within the escape delay, or a key that starts no sequence, is a bare Esc (the key
    /// is read next); `ESC [` and `ESC O` start a sequence that is read whole and looked up, and an unknown
    /// one is dropped (nil), never handed on as Esc plus characters.
    private func readEscape() -> Key? {
        timeout(25)
        defer { timeout(1000) }
        var partial = ""
        while !EscapeSequences.isComplete(partial) {
            var ch: wint_t = 0
            let kind = get_wch(&ch)
            if kind == tzpy_err() { return partial.isEmpty ? .escape : nil }
            if kind == tzpy_key_code_yes() { return nil }
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            // Only CSI (`ESC [`) and SS3 (`ESC O`) start a sequence; anything else is a key typed after Esc.
            if partial.isEmpty, scalar != "[", scalar != "O" {
                _ = unget_wch(wchar_t(bitPattern: scalar.value))
                return .escape
            }
            partial.unicodeScalars.append(scalar)
            if partial.unicodeScalars.count > 16 { return nil }
        }
        return EscapeSequences.key(after: partial)
    }

    private func readKey() -> Key? {
        var ch: wint_t = 0
        let kind = get_wch(&ch)
        if kind == tzpy_err() { return nil }
        if kind == tzpy_key_code_yes() {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case tzpy_key_resize(): return .resize
            case tzpy_key_mouse():
                var event = MEVENT()
                guard getmouse(&event) == tzpy_ok() else { return nil }
                if tzpy_mouse_wheel_up(event.bstate) != 0 { return .wheelUp }
                if tzpy_mouse_wheel_down(event.bstate) != 0 { return .wheelDown }
                if tzpy_mouse_button1(event.bstate) != 0 { return .click(row: Int(event.y), col: Int(event.x)) }
                return nil
            default: return nil
            }
        }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return readEscape()
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }

    // MARK: drawing

    private func draw(colors: Bool) {
        let frame = runtime.frame
        let grid = frame.grid
        var drawn = Set<Int>()
        for (row, col) in grid.changes(since: last) {
            var c = col
            if grid[row, c].isContinuation, c > 0 { c -= 1 }
            guard drawn.insert(row * grid.cols + c).inserted else { continue }
            let cell = grid[row, c]
            let scalars = cell.character.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            attr_set(attributes(cell.style, colors: colors), pair(cell.style, colors: colors), nil)
            scalars.withUnsafeBufferPointer { _ = mvaddwstr(Int32(row), Int32(c), $0.baseAddress) }
        }
        last = grid
        if let (r, c) = frame.cursor {
            curs_set(1)
            move(Int32(r), Int32(c))
        } else {
            curs_set(0)
            move(Int32(max(0, grid.rows - 1)), 0)
        }
        refresh()
    }

    private func attributes(_ s: Style, colors: Bool) -> attr_t {
        var a = tzpy_a_normal()
        if s.bold { a |= tzpy_a_bold() }
        if s.reverse { a |= tzpy_a_reverse() }
        if !colors && (s.role == .header) { a |= tzpy_a_underline() }
        if !colors && (s.role == .returned || s.role == .warning) { a |= tzpy_a_bold() }
        return a
    }

    private func pair(_ s: Style, colors: Bool) -> Int16 {
        guard colors else { return 0 }
        switch s.role {
        case .title, .status: return 1
        case .header: return 2
        case .approved: return 3
        case .returned, .warning: return 4
        case .pending: return 5
        case .dim: return 6
        default: return 0
        }
    }

    private func setUpColors() {
        start_color()
        use_default_colors()
        init_pair(1, Int16(COLOR_CYAN), -1)
        init_pair(2, Int16(COLOR_CYAN), -1)
        init_pair(3, Int16(COLOR_GREEN), -1)
        init_pair(4, Int16(COLOR_RED), -1)
        init_pair(5, Int16(COLOR_YELLOW), -1)
        init_pair(6, Int16(COLOR_BLUE), -1)
    }

    // MARK: signals

    /// SIGINT, SIGTERM and SIGHUP (an SSH drop) restore the terminal and exit; a crash restores it first.
    /// Decisions are durable before they are shown, so nothing is lost by leaving here.
    private static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { _ in
                endwin()
                _exit(130)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
