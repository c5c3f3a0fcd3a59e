import ArgumentParser
import ClaimKit
import ClaimStore
import Foundation
import TerminalText

/// `--data DIR`, shared by every command that reads a data dir.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data dir (default: $TZPY_DATA, else the per-user demo store).", valueName: "DIR"))
    var data: String?

    /// The data dir to use: the gate's, then --data, then $TZPY_DATA, then the demo store (created on first
    /// use; `quietDemo` is for the console, which says 演示数据 on its status line instead of on stderr).
    func directory(quietDemo: Bool = false) throws -> (url: URL, isDemo: Bool) {
        if let session = GateSession.current { return (session.data, false) }
        if let data { return (URL(fileURLWithPath: data), false) }
        if let env = ProcessInfo.processInfo.environment["TZPY_DATA"], !env.isEmpty { return (URL(fileURLWithPath: env), false) }
        let demo = StoreSetup.demoDirectory
        if !FileManager.default.fileExists(atPath: DataDirectory(demo).journal.path) {
            try? FileManager.default.removeItem(at: demo)
            try StoreSetup.demo(at: demo, schools: DemoCommand.defaultSchools, seed: DemoCommand.defaultSeed)
            warn("已在 \(demo.path) 生成演示数据（山东省，\(DemoCommand.defaultSchools) 所学校）。")
        }
        if !quietDemo { warn("未指定 --data 或 TZPY_DATA：使用演示数据 \(demo.path)（虚构的学校与数据）") }
        return (demo, true)
    }

    /// Who acts: the gate's NAME, else the real Unix user.
    var actor: String { GateSession.current?.actor ?? UnixUser.current }

    /// Opens the store and reports a torn tail or why it is read-only on stderr.
    func open() throws -> Store {
        try open(at: directory().url)
    }

    /// Opens the store at `url` (from `directory`) as the actor; `progress` shows how far a large open is,
    /// and is cleared before any warning.
    func open(at url: URL, progress: OpenProgress? = nil) throws -> Store {
        let store: Store
        do {
            defer { progress?.finish() }
            store = try Store(url, actor: actor, progress: progress.map { $0.report(done:total:) })
        }
        if let torn = store.tornTail {
            warn("journal.tsv 第 \(torn.line) 行起 \(torn.bytes) 字节不完整（写入时中断），已忽略；下次写入时移至 journal.torn 并修复。")
        }
        // A role's refusal is said when a write is tried; a damaged journal or unsafe files on every command.
        if let reason = store.readOnlyReason, !reason.isDenial { warn("只读打开：\(reason)") }
        return store
    }
}

/// Every message to stderr: `tzpy: ` and the message as one line (`Sanitizer.line`), so a store error or
/// read-only reason that quotes journal text (actor names, comments) cannot act on the terminal or add lines.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("tzpy: \(Sanitizer.line(message))\n".utf8))
}

/// Turns store errors into a message on stderr and an exit code (3 for a conflict, 1 otherwise).
func reporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        warn(error.description)
        if case .conflict = error { throw ExitCode(3) }
        throw ExitCode(1)
    }
}
