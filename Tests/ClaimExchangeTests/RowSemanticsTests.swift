import ClaimKit
import ClaimStore
import Foundation
import Testing
@testable import ClaimExchange

/// docs/formats.md §11 "What a row does", one case per row of its table: a school's per-school file (the
/// platform's layout, with 省厅审核情况 and 修改意见 columns) imported onto one claim in each state.
@Suite struct RowSemanticsTests {
    /// The claim 3701000001 / 3.1 before the import.
    enum Stored: String, Sendable {
        case none, pending, returned, approved, withdrawn
        /// Pending, while another claim of the school (item 2) is approved: the school is under review.
        case pendingUnderReview
        /// Pending, after the campaign's end date.
        case pendingAfterEnd
    }

    /// The file's row for 3.1.
    enum Row: Sendable {
        /// Claimed with the stored figures (承接数量 2, funds 6/5/4/1), 省厅审核情况 and 修改意见 as given.
        case same(status: String = "", comment: String = "")
        /// Claimed with a different 承接数量 (3).
        case different
        /// Listed with 是否承接 否: the school no longer claims it.
        case notClaimed
    }

    enum Outcome: Sendable {
        /// The file imports; the claim's last event is of this kind (nil: nothing journalled) and its state this.
        case journalled(ReviewEvent.Kind?, ReviewState)
        /// The file is refused with a problem containing this text; nothing is journalled.
        case refused(String)
        /// The file imports, nothing is journalled, and the summary reports a disagreement containing this text.
        case reported(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let stored: Stored
        let row: Row
        let outcome: Outcome
        var testDescription: String { "\(stored.rawValue) + \(row)" }
    }

    static let returnComment = "经费预算填写不完整"

    static let cases: [Case] = [
        Case(stored: .none, row: .same(), outcome: .journalled(.submitted, .pending)),
        Case(stored: .withdrawn, row: .same(), outcome: .journalled(.submitted, .pending)),
        Case(stored: .pending, row: .same(status: "待审核"), outcome: .journalled(nil, .pending)),
        Case(stored: .pending, row: .different, outcome: .journalled(.submitted, .pending)),
        Case(stored: .approved, row: .same(status: "已通过"), outcome: .journalled(nil, .approved)),
        Case(stored: .approved, row: .different, outcome: .refused("该任务已通过审核，应与已通过的数据一致")),
        Case(stored: .returned, row: .same(status: "退回修改", comment: returnComment), outcome: .journalled(nil, .returned(comment: returnComment))),
        Case(stored: .returned, row: .different, outcome: .journalled(.resubmitted, .pending)),
        Case(stored: .pending, row: .notClaimed, outcome: .journalled(.withdrawn, .withdrawn)),
        Case(stored: .pendingUnderReview, row: .notClaimed, outcome: .refused("任务 3.1：该校不再承接，但审核已开始，不能撤回；请联系省厅管理员处理（tzpy reopen）：王老师 0531-81916526")),
        Case(stored: .pendingAfterEnd, row: .notClaimed, outcome: .refused("任务 3.1：该校不再承接，但已过结束日期 2023-11-01，不能撤回")),
        Case(stored: .approved, row: .notClaimed, outcome: .refused("任务 3.1：该校不再承接，但该任务的审核情况为「已通过」，不能撤回")),
        Case(stored: .returned, row: .notClaimed, outcome: .refused("任务 3.1：该校不再承接，但该任务的审核情况为「退回修改」，不能撤回")),
        Case(stored: .none, row: .notClaimed, outcome: .journalled(nil, .withdrawn)),
        Case(stored: .returned, row: .same(status: "已通过", comment: returnComment),
             outcome: .reported("省厅审核情况：文件为「已通过」，本系统为「退回修改」；以本系统为准")),
        Case(stored: .returned, row: .same(status: "退回修改", comment: "请补充佐证材料"),
             outcome: .reported("修改意见：文件为「请补充佐证材料」，本系统为「\(returnComment)」")),
        Case(stored: .pending, row: .same(status: "已通过"), outcome: .reported("省厅审核情况：文件为「已通过」，本系统为「待审核」")),
    ]

    static func campaign(end: Day) -> Campaign {
        Campaign(province: "山东省", catalog: Province.catalog, openItems: Campaign.defaultOpenItems(of: Province.catalog),
                 start: Day(year: 2023, month: 10, day: 19), end: end, instructions: "",
                 contacts: [try! ProvinceContact(name: "王老师", phone: "0531-81916526")])
    }

    static let key = ClaimKey(school: Province.jinan.code, item: "3.1")

    /// A data dir holding 3.1 of 济南 as `stored` says (the store's clock is 2023-11-14).
    static func workspace(_ stored: Stored) throws -> Workspace {
        let end = stored == .pendingAfterEnd ? Day(year: 2023, month: 11, day: 1) : Day(year: 2030, month: 11, day: 30)
        let space = try Workspace(campaign: campaign(end: end))
        let school = Province.jinan.code
        if stored != .none { try space.submit(school, "3.1", 2, Funds(wan: 6, 5, 4, 1)) }
        switch stored {
        case .returned: try space.decide(.returned, school, "3.1", comment: returnComment)
        case .approved: try space.decide(.approved, school, "3.1")
        case .withdrawn: try space.decide(.withdrawn, school, "3.1")
        case .pendingUnderReview:
            try space.submit(school, "2", nil, Funds(wan: 1, 0, 0, 0))
            try space.decide(.approved, school, "2")
        default: break
        }
        return space
    }

    /// The platform's per-school layout as CSV: the code label, the header, one row for 3.1.
    static func platformFile(_ row: Row) -> [[String]] {
        let header = ["序号", "工作任务", "是否承接", "承接数量", "汇总", "学校自筹", "行业企业投入", "举办方投入", "地市县投入", "省厅审核情况", "修改意见"]
        let cells: [String]
        switch row {
        case .same(let status, let comment): cells = ["是", "2", "16", "6", "5", "4", "1", status, comment]
        case .different: cells = ["是", "3", "16", "6", "5", "4", "1", "", ""]
        case .notClaimed: cells = ["否", "", "", "", "", "", "", "", ""]
        }
        return [["学校代码", Province.jinan.code], header, ["3.1", Province.text("3.1")] + cells]
    }

    @Test(arguments: cases)
    func eachRowOfTheTable(_ c: Case) throws {
        let space = try Self.workspace(c.stored)
        let before = space.ledger.claim(Self.key)
        let lines = space.journalLines
        let url = try space.csv("\(Province.jinan.code).csv", Self.platformFile(c.row))
        let summary = space.importing([url])
        let after = try space.reopened().ledger.claim(Self.key)
        switch c.outcome {
        case .journalled(let kind, let state):
            #expect(summary.problems.isEmpty)
            #expect(summary.disagreements.isEmpty)
            if let kind {
                #expect(after?.last?.kind == kind)
                #expect(space.journalLines == lines + 1)
            } else {
                #expect(space.journalLines == lines, "nothing journalled")
                #expect(after == before)
            }
            #expect((after?.state ?? .withdrawn) == state)
        case .refused(let text):
            #expect(summary.problems.count == 1)
            #expect(summary.problems.first?.message.contains(text) == true, "\(summary.problems.map(\.description))")
            #expect(summary.applied.isEmpty)
            #expect(space.journalLines == lines)
            #expect(after == before)
        case .reported(let text):
            #expect(summary.problems.isEmpty)
            #expect(summary.applied == [url.lastPathComponent])
            #expect(summary.disagreements.count == 1)
            #expect(summary.disagreements.first?.message.contains(text) == true, "\(summary.disagreements.map(\.description))")
            #expect(space.journalLines == lines, "a disagreement changes no decision")
            #expect(after == before)
        }
    }

    /// The refusal names the 是否承接 cell of the row; the disagreement the 省厅审核情况 cell.
    @Test func problemsAndReportsNameTheirCells() throws {
        let refused = try Self.workspace(.approved)
        let url = try refused.csv("3701000001.csv", Self.platformFile(.notClaimed))
        #expect(refused.importing([url]).problems.map(\.location.description) == ["3701000001.csv:3"])
        let reported = try Self.workspace(.returned)
        let again = try reported.csv("3701000001.csv", Self.platformFile(.same(status: "已通过", comment: Self.returnComment)))
        #expect(reported.importing([again]).disagreements.map(\.location.description) == ["3701000001.csv:3"])
    }

    /// A flat sheet says nothing about rows it lacks: a pending claim absent from it stays pending.
    @Test func aFlatSheetWithdrawsNothing() throws {
        let space = try Self.workspace(.pending)
        try space.submit(Province.jinan.code, "1", nil, Funds(wan: 1, 2, 3, 4))
        let url = try space.csv("全省.csv", [Flat.header, Flat.row(Province.jinan, "1", nil, ["1", "2", "3", "4"])])
        let summary = space.importing([url])
        #expect(summary.problems.isEmpty)
        #expect(summary.withdrawn == 0)
        #expect(space.ledger.claim(Self.key)?.state == .pending)
    }

    // MARK: submit

    func submitting(_ space: Workspace, _ url: URL, school: String = Province.jinan.code) -> ImportSummary {
        Importer(store: space.store).run([(url, url.lastPathComponent)], dryRun: false,
                                         submission: ImportPlan.Submission(school: school, comment: "提交 \(url.lastPathComponent)"))
    }

    /// A submission is the school's whole set: a claim it lacks is withdrawn, not only one marked 否.
    @Test func aSubmissionWithdrawsWhatItLacks() throws {
        let space = try Self.workspace(.pending)
        try space.submit(Province.jinan.code, "1", nil, Funds(wan: 1, 2, 3, 4))
        let url = try space.csv("提交.csv", [Flat.header, Flat.row(Province.jinan, "1", nil, ["1", "2", "3", "5"])])
        let summary = submitting(space, url)
        #expect(summary.problems.isEmpty)
        #expect(summary.withdrawn == 1)
        #expect(summary.replaced == 1)
        let ledger = try space.reopened().ledger
        #expect(ledger.claim(Self.key)?.state == .withdrawn)
        #expect(ledger.history(of: Self.key).last?.comment == "提交 提交.csv")
        #expect(ledger.claim(ClaimKey(school: Province.jinan.code, item: "1"))?.funds == Funds(wan: 1, 2, 3, 5))
    }

    /// Under review, a submission that drops a claim is refused whole: its other rows change nothing either.
    @Test func aSubmissionThatDropsAClaimUnderReviewIsRefused() throws {
        let space = try Self.workspace(.pendingUnderReview)
        let lines = space.journalLines
        let url = try space.csv("提交.csv", [Flat.header, Flat.row(Province.jinan, "2", nil, ["1", "0", "0", "0"]),
                                             Flat.row(Province.jinan, "4.1", 10, ["1", "0", "0", "0"])])
        let summary = submitting(space, url)
        #expect(summary.problems.map(\.description) == ["提交.csv:1：任务 3.1：该校不再承接，但审核已开始，不能撤回；请联系省厅管理员处理（tzpy reopen）：王老师 0531-81916526"])
        #expect(space.journalLines == lines)
    }

    /// A submission holds one school's rows: another school's are refused at its code.
    @Test func aSubmissionOfAnotherSchoolsRowsIsRefused() throws {
        let space = try Self.workspace(.pending)
        let url = try space.csv("提交.csv", [Flat.header, Flat.row(Province.jinan, "3.1", 2, ["6", "5", "4", "1"]),
                                             Flat.row(Province.qingdao, "1", nil, ["1", "0", "0", "0"])])
        let summary = submitting(space, url)
        #expect(summary.problems.map(\.description) == ["提交.csv:3：学校代码：应为提交的学校 3701000001（一次提交只含一所学校的承接任务），实际为「3702000003」"])
        #expect(space.ledger.claims(ofSchool: Province.qingdao.code).isEmpty)
    }
}
