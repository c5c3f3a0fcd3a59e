import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation
import ReviewConsole

/// `tzpy review` (and `tzpy` alone): the full-screen console.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Open the review console (default).")

    @OptionGroup var options: DataOptions
    @Flag(help: "Draw “”·… as full-width 「」・ for terminals that show East Asian ambiguous characters two columns wide (also: TZPY_WIDE_SYMBOLS=1; toggle with w).")
    var wideSymbols = false

    func run() throws {
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
        if let reason = store.readOnlyReason { state.message = .readOnly(reason.description) }
        let exports = GateSession.current != nil ? nil
            : env["TZPY_EXPORT_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let world = StoreEnvironment(store: store, exportDirectory: exports)
        CursesDriver(runtime: ConsoleRuntime(state: state, environment: world), environment: env).run()
    }
}
