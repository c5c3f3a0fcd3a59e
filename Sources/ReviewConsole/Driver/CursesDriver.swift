import CNCursesW
import ClaimKit
import ClaimStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The only code that calls curses: reads keys, runs effects against the store, and writes the cells
/// that changed since the last frame. Everything it draws comes from `Renderer`, every decision from
/// `ConsoleState.reduce`.
public final class CursesDriver {
    /// Why the console cannot start on this terminal.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    private let store: Store
    private var state: ConsoleState
    private var last: Grid?
    private let useColor: Bool
    /// Where `E` writes spreadsheets: $TZPY_EXPORT_DIR, else the directory tzpy was started in; nil through
    /// the SSH gate, where a file on the server is of no use to the reviewer (and is not theirs to write).
    private let exportDirectory: URL?

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

    public init(store: Store, state: ConsoleState, environment: [String: String], exportsAllowed: Bool = true) {
        self.store = store
        self.state = state
        exportDirectory = !exportsAllowed ? nil : environment["TZPY_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        self.useColor = !noColor
    }

    /// Runs the console until the reviewer quits; the terminal is restored on every way out.
    public func run() {
        _ = tzpy_force_utf8_locale()
        CursesDriver.installSignalHandlers()
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(tzpy_stdscr(), true)
        set_escdelay(25)
        let colors = useColor && has_colors()
        if colors { setUpColors() }
        state.rows = Int(tzpy_rows_of(tzpy_stdscr()))
        state.cols = Int(tzpy_cols_of(tzpy_stdscr()))
        state.refreshRows(store.ledger)
        defer { endwin() }
        var dirty = true
        while !state.quitting {
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

    /// Follows the journal and feeds what came of it to the reducer: new events, or why following failed
    /// (a damaged or unsafe schools.tsv, a journal line that is wrong) — never silently.
    private func following() -> [Effect] {
        do {
            let events = try store.follow()
            return events.isEmpty ? [] : state.reduce(.followed(events), ledger: store.ledger)
        } catch {
            return state.reduce(.followFailed(error.description), ledger: store.ledger)
        }
    }

    /// Feeds an action to the reducer and performs the effects it returns, feeding outcomes back.
    private func send(_ action: Action) {
        var queue = state.reduce(action, ledger: store.ledger)
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .record(let drafts):
                do {
                    let written = try store.record(drafts)
                    queue += state.reduce(.recorded(written), ledger: store.ledger)
                } catch {
                    // Others' events the store read while trying are shown, then the refusal (which stays on screen).
                    queue += following()
                    queue += state.reduce(.refused(error.description), ledger: store.ledger)
                }
            case .follow:
                queue += following()
            case .export(let request):
                guard let exportDirectory else {
                    queue += state.reduce(.exportFailed(UIStrings.exportOverGate), ledger: store.ledger)
                    continue
                }
                switch ReportExport.write(request, ledger: store.ledger, names: store.displayNames, into: exportDirectory) {
                case .success(let (path, rows)): queue += state.reduce(.exported(path: path, rows: rows), ledger: store.ledger)
                case .failure(let problem): queue += state.reduce(.exportFailed(problem.message), ledger: store.ledger)
                }
            case .redraw:
                last = nil
                clearok(tzpy_stdscr(), true)
            case .quit:
                state.quitting = true
            }
        }
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
            default: return nil
            }
        }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }

    // MARK: drawing

    private func draw(colors: Bool) {
        let frame = Renderer.render(state, store.ledger)
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
