import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy decide --school CODE --item CODE (--approve | --return COMMENT)`: one decision, for scripts. The same
/// verbs serve both reviewers; the role gives the meaning: a city reviewer's approval is 市级审核通过 (`passed`).
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide", abstract: "Approve or return one claim (a city reviewer: pass it on to the province).",
        discussion: "Exit status: 0 recorded, 1 refused or failed, 3 conflict (someone else decided the claim first).")

    @OptionGroup var options: DataOptions
    @Option(help: "The school's 10-digit code.") var school: String
    @Option(help: "The item code, e.g. 3.1.") var item: String
    @Flag(help: "Approve the claim (通过); as a city reviewer, pass it on to the province (市级审核通过).") var approve = false
    @Option(name: .customLong("return"), help: "Return the claim with this comment (退回修改).") var returnComment: String?

    func validate() throws {
        guard approve != (returnComment != nil) else { throw ValidationError("give exactly one of --approve or --return COMMENT") }
    }

    func run() throws {
        try reporting {
            let store = try options.open()
            let key = ClaimKey(school: school, item: item)
            let seen = store.ledger.claim(key)
            let decision = Decision(approve ? DecideCommand.approval(by: store.account?.role) : .returned, key, seen: seen?.state, basis: seen?.version ?? 0,
                                    comment: returnComment)
            let event = try store.record(decision)
            print("已记录：第 \(event.seq) 条，\(Sanitizer.line(event.actor)) \(event.kind.label) \(school) 的任务 \(item)（第 \(event.round) 轮）")
        }
    }

    /// What `--approve` records for `role`: a city reviewer's pass, everyone else's approval (which the store
    /// refuses to whoever may not approve).
    static func approval(by role: Role?) -> ReviewEvent.Kind {
        if case .city? = role { return .passed }
        return .approved
    }
}
