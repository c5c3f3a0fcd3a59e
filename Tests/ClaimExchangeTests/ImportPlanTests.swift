import ClaimKit
import ClaimStore
import Foundation
import Testing
@testable import ClaimExchange

/// What a row does to the claim already in the store.
@Suite struct ImportPlanTests {
    static let newSchool = try! School(code: "3799000001", name: "山东省济南市章丘区职业教育中心学校", type: .secondary, city: "济南市",
                                       contacts: .unfilled)

    /// 济南 3.1 pending, 济南 1 pending, 济南 2 approved, 青岛 4.1 returned.
    static func reviewed() throws -> Workspace {
        let space = try Workspace()
        try space.submit("3701000001", "3.1", 2, Funds(wan: 6, 5, 4, 1))
        try space.submit("3701000001", "1", nil, funds("1", "2", "3", "4"))
        try space.submit("3701000001", "2", nil, funds("5", "6", "1", "2"))
        try space.decide(.approved, "3701000001", "2")
        try space.submit("3702000003", "4.1", 120, Funds(wan: 20, 10, 0, 5))
        try space.decide(.returned, "3702000003", "4.1", comment: "经费预算填写不完整")
        return space
    }

    static let rows = [
        Flat.header,
        Flat.row(Province.jinan, "3.1", 2, ["6", "5", "4", "1"]),
        Flat.row(Province.jinan, "1", nil, ["1", "2", "3", "4.5"], bare: true),
        Flat.row(Province.jinan, "2", nil, ["5.0", "6", "1", "2.0000"]),
        Flat.row(Province.qingdao, "4.1", 100, ["15", "10", "0", "5"]),
        Flat.row(Province.qingdao, "4.2", 3, ["0.0001", "0", "0", "0"]),
        Flat.row(Province.weifang, "1", nil, ["8", "0", "0", "0"], bare: true),
        Flat.row(newSchool, "3.1", 1, ["2", "2", "2", "2"]),
    ]

    @Test func eachRowDoesWhatItsClaimsStateAllows() throws {
        let space = try Self.reviewed()
        let before = space.ledger
        let url = try space.csv("第二批.csv", Self.rows)
        let plan = space.plan(url)
        #expect(plan.problems.isEmpty)
        #expect(plan.unchanged == 2)
        #expect(plan.replaced == 1)
        #expect(plan.submitted == 3)
        #expect(plan.resubmitted == 1)
        #expect(plan.newSchools == [Self.newSchool])
        #expect(plan.updatedSchools.isEmpty)
        #expect(plan.schoolCount == 4)
        #expect(plan.decisions.map { "\($0.key.school) \($0.key.item) \($0.kind)" } == [
            "3701000001 1 submitted", "3702000003 4.1 resubmitted", "3702000003 4.2 submitted", "3707000012 1 submitted",
            "3799000001 3.1 submitted",
        ])

        let summary = space.importing([url])
        #expect(summary.applied == ["第二批.csv"])
        let store = try space.reopened()
        let ledger = store.ledger
        func claim(_ school: String, _ item: String) throws -> Claim { try #require(ledger.claim(ClaimKey(school: school, item: item))) }

        #expect(try claim("3701000001", "3.1") == before.claim(ClaimKey(school: "3701000001", item: "3.1")))
        #expect(try claim("3701000001", "2") == before.claim(ClaimKey(school: "3701000001", item: "2")))
        #expect(try claim("3701000001", "2").state == .approved)

        let replaced = try claim("3701000001", "1")
        #expect(replaced.state == .pending)
        #expect(replaced.funds == funds("1", "2", "3", "4.5"))
        #expect(replaced.round == 1)
        #expect(ledger.history(of: replaced.key).count == 2)

        let resubmitted = try claim("3702000003", "4.1")
        #expect(resubmitted.state == .pending)
        #expect(resubmitted.round == 2)
        #expect(resubmitted.quantity == 100)
        // Read back from the journal, which records the state seen by its word alone.
        #expect(ledger.history(of: resubmitted.key).last?.kind == .resubmitted)
        #expect(ledger.history(of: resubmitted.key).last?.seen == .returned(comment: ""))

        #expect(try claim("3702000003", "4.2").funds.total.description == "0.0001")
        #expect(try claim("3707000012", "1").state == .pending)
        #expect(try claim("3799000001", "3.1").quantity == 1)
        #expect(ledger.school("3799000001") == Self.newSchool)
        #expect(space.schoolsText.contains("3799000001"))
        #expect(ledger.lastSeq == before.lastSeq + 5)
    }

    @Test func aDifferentRowForAnApprovedClaimIsAnError() throws {
        let space = try Self.reviewed()
        let csv = try space.csv("改.csv", [Flat.header, Flat.row(Province.jinan, "3.1", 3, ["6", "5", "4", "1"]),
                                           Flat.row(Province.jinan, "2", nil, ["5", "6", "1", "3"])])
        let xlsx = try space.xlsx("改.xlsx", sheet: "明细", [Flat.header, Flat.row(Province.jinan, "2", nil, ["5", "6", "1", "3"])])
        let lines = space.journalLines
        let summary = space.importing([csv, xlsx])
        let message = "任务 2：该任务已通过审核，应与已通过的数据一致（承接数量 -，汇总 14（5+6+1+2）），实际为（承接数量 -，汇总 15（5+6+1+3））；如需修改请先撤销审核"
        #expect(summary.problems.map(\.description) == ["改.csv:3：\(message)", "改.xlsx:明细!2:2：\(message)"])
        #expect(summary.applied.isEmpty)
        #expect(space.journalLines == lines)
        #expect(try space.reopened().ledger.claim(ClaimKey(school: "3701000001", item: "3.1"))?.quantity == 2)
    }

    /// A file with a problem plans no events, not those of its good rows (a changed pending claim, a new one).
    @Test func aFileWithAProblemPlansNoEvents() throws {
        let space = try Self.reviewed()
        let url = try space.csv("改.csv", [Flat.header, Flat.row(Province.jinan, "3.1", 3, ["6", "5", "4", "1"]),
                                           Flat.row(Province.jinan, "2", nil, ["5", "6", "1", "3"]),
                                           Flat.row(Province.weifang, "1", nil, ["8", "0", "0", "0"], bare: true)])
        let plan = space.plan(url)
        #expect(plan.problems.map(\.description) == ["改.csv:3：任务 2：该任务已通过审核，应与已通过的数据一致（承接数量 -，汇总 14（5+6+1+2）），实际为（承接数量 -，汇总 15（5+6+1+3））；如需修改请先撤销审核"])
        #expect(plan.decisions.isEmpty)
        #expect(plan.resubmitted == 0)
        #expect(plan.submitted == 0 && plan.replaced == 0 && plan.unchanged == 0)
        #expect(!plan.isClean)
    }

    /// Re-importing a school's own export (or the platform's) must not cancel a reviewer's return: the same
    /// figures on a returned claim change nothing; different ones resubmit it.
    @Test func aReturnedClaimWithTheSameFiguresStaysReturnedAndChangedOnesResubmit() throws {
        let space = try Self.reviewed()
        let key = ClaimKey(school: "3702000003", item: "4.1")
        let returned = try #require(space.ledger.claim(key))
        let same = try space.csv("同.csv", [Flat.header, Flat.row(Province.qingdao, "4.1", 120, ["20", "10", "0", "5"])])
        let summary = space.importing([same])
        #expect(summary.resubmitted == 0)
        #expect(summary.unchanged == 1)
        #expect(space.ledger.claim(key) == returned, "the return stands")
        let changed = try space.csv("改.csv", [Flat.header, Flat.row(Province.qingdao, "4.1", 120, ["20", "10", "2", "5"])])
        let again = space.importing([changed])
        #expect(again.resubmitted == 1)
        #expect(space.ledger.claim(key)?.round == 2)
        #expect(space.ledger.claim(key)?.state == .pending)
    }

    /// The campaign's open list decides what may be claimed: an item the catalog marks claimable but the
    /// campaign does not open is refused, one the campaign opens although the catalog says no (29) is taken.
    @Test func theCampaignsOpenListDecidesWhatMayBeClaimed() throws {
        let open: Set<String> = ["1", "29"]
        let campaign = Campaign(province: "山东省", catalog: Province.catalog, openItems: open,
                                start: Day(year: 2023, month: 10, day: 19), end: Day(year: 2030, month: 11, day: 30),
                                instructions: "", contacts: [])
        let space = try Workspace(campaign: campaign)
        let url = try space.csv("开放.csv", [Flat.header, Flat.row(Province.jinan, "29", nil, ["1", "0", "0", "0"]),
                                             Flat.row(Province.jinan, "3.1", 1, ["1", "0", "0", "0"])])
        let plan = space.plan(url)
        #expect(plan.problems.map(\.description) == ["开放.csv:3：序号：应为本次申报开放的任务，实际任务 3.1 未开放"])
        let only = try space.csv("只开放.csv", [Flat.header, Flat.row(Province.jinan, "29", nil, ["1", "0", "0", "0"])])
        #expect(space.importing([only]).submitted == 1)
        #expect(space.ledger.claim(ClaimKey(school: Province.jinan.code, item: "29"))?.state == .pending)
    }

    @Test func aWithdrawnClaimIsSubmittedAgain() throws {
        let open = Campaign(province: "山东省", catalog: Province.catalog, openItems: Campaign.defaultOpenItems(of: Province.catalog),
                            start: Day(year: 2023, month: 10, day: 19), end: Day(year: 2030, month: 11, day: 30),
                            instructions: "提交", contacts: [])
        let space = try Workspace(campaign: open)
        try space.submit("3707000012", "1", nil, funds("1", "0", "0", "0"))
        let withdrawn = try space.decide(.withdrawn, "3707000012", "1")
        #expect(withdrawn.state == .withdrawn)
        let url = try space.csv("再报.csv", [Flat.header, Flat.row(Province.weifang, "1", nil, ["1", "0", "0", "0"])])
        let summary = space.importing([url])
        #expect(summary.submitted == 1)
        #expect(space.ledger.claim(ClaimKey(school: "3707000012", item: "1"))?.state == .pending)
    }

    @Test func importingTheSameFileTwiceChangesNothingTheSecondTime() throws {
        let space = try Self.reviewed()
        let url = try space.csv("第二批.csv", Self.rows)
        let first = space.importing([url])
        #expect(first.submitted == 3)
        let lines = space.journalLines
        let schools = space.schoolsText
        let second = space.importing([url])
        #expect(second.problems.isEmpty)
        #expect(second.applied == ["第二批.csv"])
        #expect(second.submitted == 0)
        #expect(second.replaced == 0)
        #expect(second.resubmitted == 0)
        #expect(second.newSchools == 0)
        #expect(second.unchanged == 7)
        #expect(space.journalLines == lines)
        #expect(space.schoolsText == schools)
    }

    @Test func aDryRunWritesNothing() throws {
        let space = try Self.reviewed()
        let url = try space.csv("第二批.csv", Self.rows)
        let journal = space.journalBytes
        let schools = space.schoolsText
        let summary = space.importing([url], dryRun: true)
        #expect(summary.problems.isEmpty)
        #expect(summary.applied.isEmpty)
        #expect(summary.submitted == 3)
        #expect(summary.newSchools == 1)
        #expect(summary.resubmitted == 1)
        #expect(space.journalBytes == journal)
        #expect(space.schoolsText == schools)
        #expect(try space.reopened().ledger.school("3799000001") == nil)
        #expect(space.ledger.claim(ClaimKey(school: "3702000003", item: "4.2")) == nil)
    }

    @Test func aNewSchoolNeedsItsCity() throws {
        let space = try Workspace()
        var row = Flat.row(Self.newSchool, "1", nil, ["1", "0", "0", "0"])
        row[3] = "　"
        let url = try space.csv("新校.csv", [Flat.header, row])
        #expect(space.importing([url]).problems.map(\.description)
            == ["新校.csv:2：学校代码：应为已登记的学校，或在同一行填写学校名称、学校类型、所在市以新增学校，实际为未登记的「3799000001」"])
    }
}
