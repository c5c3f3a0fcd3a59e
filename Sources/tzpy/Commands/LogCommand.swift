import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy log [--school] [--item] [--json]`: the audit trail, oldest first, straight from the journal.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the review journal (audit trail).")

    @OptionGroup var options: DataOptions
    @Option(help: "Only this school.") var school: String?
    @Option(help: "Only this item.") var item: String?
    @Flag(help: "One event object a line, the journal's own fields.") var json = false

    func run() throws {
        // Through the store: a school or city account sees only the events of its own schools.
        let store = try reporting { try options.open() }
        var table = TextTable(headers: ["时间（北京时间）", "操作人", "学校代码", "序号", "轮次", "操作", "承接数量", "汇总", "经费（学校自筹+行业企业+举办方+地市县）", "意见"],
                              rightAligned: [4, 6, 7])
        // A school's drafts (保存) are its own: only a school account's log lists them, never a reviewer's.
        let showsDrafts: Bool
        if case .school? = store.account?.role { showsDrafts = true } else { showsDrafts = false }
        let problem = try reporting {
            try JournalReader.forEach(store.directory.journal) { line in
                let e = line.event
                guard store.canSee(school: e.school), school == nil || e.school == school, item == nil || e.item == item,
                      e.kind != .drafted || showsDrafts else { return }
                if json {
                    print(LogCommand.json(line, display: store.displayName(of: e.actor)).text)
                } else {
                    // A submission's figures, so the trail shows what each round asked for.
                    // A draft's figures as typed, 未填 where not yet.
                    let quantity = e.draft.map { $0.quantity.map(String.init) ?? "-" }
                        ?? (e.funds == nil ? "" : e.quantity.map(String.init) ?? "-")
                    let total = e.funds.map { "\($0.total)" } ?? ""
                    let parts = e.draft.map { $0.ticked ? $0.funds.map { $0?.description ?? "未填" }.joined(separator: "+") : "取消勾选" }
                        ?? e.funds.map { $0.parts.map(\.description).joined(separator: "+") } ?? ""
                    table.add([e.time.beijing, store.displayName(of: e.actor), e.school, e.item, "\(e.round)", e.kind.label,
                               quantity, total, parts, e.comment ?? ""])
                }
            }
        }
        if !json { print(table.render(), terminator: "") }
        if let problem { warn(problem.description) }
    }

    static func json(_ line: JournalReader.Line, display: String) -> JSONText {
        let e = line.event
        return .object([("seq", .number(e.seq)), ("time", .string(e.time.description)), ("actor", .string(e.actor)),
                        ("display", .string(display)),
                        ("school", .string(e.school)), ("item", .string(e.item)), ("round", .number(e.round)),
                        ("kind", .string(e.kind.rawValue)), ("seen", JSONText.optional(e.seen?.word)), ("basis", .number(e.basis)),
                        ("quantity", JSONText.optional(e.quantity)), ("funds", e.funds.map(ClaimsCommand.funds) ?? .null),
                        ("comment", JSONText.optional(e.comment))] + (e.draft.map { [("draft", draft($0))] } ?? [])
                        + [("hash", .string(line.hash))])
    }

    /// A draft's entry: whether ticked, and each figure as typed (null where not yet).
    static func draft(_ d: DraftEntry) -> JSONText {
        .object([("ticked", .bool(d.ticked)), ("quantity", JSONText.optional(d.quantity))]
            + zip(["self", "industry", "sponsor", "local"], d.funds).map { ($0, JSONText.optional($1?.description)) })
    }
}

/// `tzpy check`: verifies the whole store from journal line 1 (never from a checkpoint) and reports the
/// first problem; when clean, and the actor may write, it rewrites ledger.checkpoint from that verified fold.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Verify the data dir: files, hash chain from line 1, transitions; then rewrite the checkpoint.")

    @OptionGroup var options: DataOptions

    func run() throws {
        let dir = try reporting { try options.directory().url }
        if let problem = StoreCheck.run(DataDirectory(dir)) {
            warn(problem.description)
            throw ExitCode(1)
        }
        print("检查通过：\(dir.path)（已从第 1 行起校验整个日志的哈希链与每一步操作）")
        // A fresh replay from line 1, not the checkpoint being replaced.
        let store = try reporting { try Store(dir, actor: options.actor, checkpoint: .ignore) }
        do {
            try store.writeCheckpoint()
            print("已写入检查点 \(DataDirectory.checkpointName)（至日志第 \(store.checkpointLine) 行）")
        } catch {
            print("未写检查点：\(error)")
        }
    }
}
