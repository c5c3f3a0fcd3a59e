import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation
import ReviewConsole
import TerminalText

/// `tzpy review` (and `tzpy` alone): the full-screen console. A school account gets its school mode
/// (the gate's bare login of a school opens it so).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Open the review console (default).")

    @OptionGroup var options: DataOptions
    @Flag(help: "Draw “”·… as full-width 「」・ for terminals that show East Asian ambiguous characters two columns wide (also: TZPY_WIDE_SYMBOLS=1; toggle with w).")
    var wideSymbols = false

    func run() throws {
        try ReviewCommand.console(options, wideSymbols: wideSymbols) { store in
            if case .school(let own)? = store.account?.role { return try SchoolCommand.desk(store, code: own) }
            return nil
        }
    }

    /// Opens the store and runs the console on it; `desk` picks school mode (nil: the review console).
    static func console(_ options: DataOptions, wideSymbols: Bool, desk: (Store) throws -> SchoolDesk?) throws {
        let env = ProcessInfo.processInfo.environment
        do { try CursesDriver.checkTerminal(environment: env) } catch {
            warn(error.description)
            throw ExitCode(1)
        }
        let (url, isDemo) = try reporting { try options.directory(quietDemo: true) }
        let store = try reporting { try options.open(at: url, progress: OpenProgress()) }
        var state = ConsoleState(rows: 24, cols: 80, reviewer: store.actor,
                                 shownAs: store.displayName(of: store.actor), reasons: ReturnReasons.load(store.folder),
                                 ambiguousWide: wideSymbols || env["TZPY_WIDE_SYMBOLS"] == "1")
        state.readOnly = store.readOnlyReason != nil
        state.demo = isDemo
        state.names = store.displayNames
        if let role = store.account?.role { state.role = role }
        state.desk = try reporting { try desk(store) }
        if let reason = store.readOnlyReason { state.message = .readOnly(reason.description) }
        let exports = GateSession.current != nil ? nil
            : env["TZPY_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let world = StoreEnvironment(store: store, exportDirectory: exports)
        CursesDriver(runtime: ConsoleRuntime(state: state, environment: world), environment: env).run()
        // The session's decisions and what it followed of others' go into the checkpoint, so the next open
        // (anyone's) replays only what comes after.
        store.refreshCheckpoint(after: Store.exitCheckpointBytes)
    }
}

/// `tzpy school [--code CODE]`: the console in school mode — 承接任务 (fill in, 保存, 提交), 本校任务情况预览
/// (继续修改) and 需修改的任务. A school account opens its own school; a province reviewer (the owner in personal
/// mode) acts for the school named by `--code`, and every event it writes says so in its note.
struct SchoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "school", abstract: "Open the console in school mode (fill in, save, submit, withdraw, correct).")

    @OptionGroup var options: DataOptions
    @Option(help: ArgumentHelp("The school (a province reviewer acting for it; a school account opens its own).", valueName: "CODE"))
    var code: String?
    @Flag(help: "Draw “”·… as full-width 「」・ (as review --wide-symbols).") var wideSymbols = false

    func run() throws {
        try ReviewCommand.console(options, wideSymbols: wideSymbols) { store in
            switch store.account?.role {
            case .school(let own)?:
                guard code == nil || code == own else { throw StoreError.denied("学校账户只能打开本校（\(own)）的填报") }
                return try SchoolCommand.desk(store, code: own)
            case .province?:
                guard let code else { throw ValidationError("--code：应为要代为填报的学校代码") }
                return try SchoolCommand.desk(store, code: code)
            default:
                throw StoreError.denied("只有学校账户，或代学校填报的省厅审核人（--code），可以打开学校填报")
            }
        }
    }

    /// The desk of school `code` as the store has it, today in Beijing time.
    static func desk(_ store: Store, code: String) throws -> SchoolDesk {
        guard store.ledger.school(code) != nil else {
            throw StoreError.denied("--code：应为已登记的学校代码，实际为「\(Sanitizer.echo(code))」")
        }
        return SchoolDesk(school: code, ledger: store.ledger, today: store.now.beijingDay, onBehalf: store.account?.role == .province)
    }
}
