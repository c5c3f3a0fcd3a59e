import ArgumentParser
import ClaimKit
import ClaimStore
import TerminalText

/// `tzpy withdraw [--school CODE]`: the school takes its whole submission back to edit it (the platform's
/// 继续修改) — up to the campaign's end date and while none of its claims has been reviewed. A school account
/// withdraws its own school; a province reviewer may do it on a school's behalf, which the journal says.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Take a school's submission back for editing (继续修改).",
        discussion: "Once review has started, ask a province reviewer to reopen the reviewed claims (tzpy reopen).")

    @OptionGroup var options: DataOptions
    @Option(help: ArgumentHelp("The school (a province reviewer acting for it; a school account withdraws its own).", valueName: "CODE"))
    var school: String?

    func run() throws {
        try reporting {
            let store = try options.open()
            let code: String
            if case .school(let own)? = store.account?.role {
                guard school == nil || school == own else { throw StoreError.denied("学校账户只能撤回本校（\(own)）的提交") }
                code = own
            } else {
                guard let school else { throw ValidationError("--school：应为要撤回提交的学校代码") }
                code = school
            }
            guard let s = store.ledger.school(code) else {
                throw StoreError.denied("--school：应为已登记的学校代码，实际为「\(Sanitizer.echo(code))」")
            }
            let pending = store.ledger.claims(ofSchool: code).filter(\.state.isWaiting)
            guard !pending.isEmpty else {
                print("\(Sanitizer.line(s.name)) 没有待审核的承接任务可撤回")
                return
            }
            let onBehalf = store.account?.role == .province
            let comment = onBehalf ? "省厅代学校撤回（继续修改）" : "继续修改"
            do {
                let written = try store.record(pending.map { Decision.on($0, .withdrawn, comment: comment) })
                print("已撤回 \(Sanitizer.line(s.name)) 的 \(written.count) 条承接任务（继续修改），可修改后重新提交")
            } catch let refusal as StoreError {
                if case .refused(.workflow(let e)) = refusal, e.reason == .schoolUnderReview {
                    throw StoreError.denied("\(store.ledger.isUnderCityReviewOnly(s.code) ? "市级" : "省厅")已开始审核 \(s.name)，不能继续修改；请联系省厅管理员处理（tzpy reopen）\(WithdrawCommand.contacts(store.ledger.campaign))")
                }
                throw refusal
            }
        }
    }

    /// `：王老师 0531-81916526，李老师 13811111111` — the campaign's 省级平台联系人, as the platform names them.
    static func contacts(_ campaign: Campaign) -> String {
        campaign.contacts.isEmpty ? "" : "：" + campaign.contacts.map { "\($0.name) \($0.phone)" }.joined(separator: "，")
    }
}

/// `tzpy reopen --school CODE [--item I] --comment TEXT`: a province reviewer takes back the decisions on a
/// school's claims (all of them, or one), so the school may withdraw and edit again — the platform manual's
/// "联系省厅管理员进行处理". Refused for a claim the school has acted on since.
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a school's reviewed claims for editing (province reviewers).")

    @OptionGroup var options: DataOptions
    @Option(help: ArgumentHelp("The school's 10-digit code.", valueName: "CODE")) var school: String
    @Option(help: ArgumentHelp("Only this item.", valueName: "ITEM")) var item: String?
    @Option(help: "Why (recorded with each reopened claim).") var comment: String

    func run() throws {
        try reporting {
            let store = try options.open()
            guard let s = store.ledger.school(school) else {
                throw StoreError.denied("--school：应为已登记的学校代码，实际为「\(Sanitizer.echo(school))」")
            }
            let decided = store.ledger.claims(ofSchool: school).filter { $0.state.isDecided && (item == nil || $0.item == item) }
            guard !decided.isEmpty else {
                print("\(Sanitizer.line(s.name)) 没有已审核的承接任务可撤销审核" + (item.map { "（任务 \($0)）" } ?? ""))
                return
            }
            let written = try store.record(decided.map { Decision.on($0, .reopened, comment: comment) })
            print("已撤销审核 \(Sanitizer.line(s.name)) 的 \(written.count) 条承接任务，恢复为待审核")
        }
    }
}
