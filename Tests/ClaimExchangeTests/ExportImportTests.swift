import ClaimKit
import ClaimStore
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// What tzpy exports imports again: a whole province through `claims`, one school through `school`.
@Suite struct ExportImportTests {
    /// Schools in the demo province (the size of Shandong's real campaign).
    static let provinceSchools = 600

    /// Every active claim of `source` (or of one school) is in `target` with the same figures, pending.
    static func expectSameClaims(_ target: Ledger, as source: Ledger, school: String? = nil) {
        let active = source.claims.filter { $0.isActive && (school == nil || $0.school == school) }
        #expect(target.claims.count == active.count)
        var differing: [String] = []
        for claim in active {
            guard let copy = target.claim(claim.key), copy.quantity == claim.quantity, copy.funds == claim.funds,
                  copy.state == .pending, copy.round == 1 else {
                differing.append(claim.key.description)
                continue
            }
        }
        #expect(differing.isEmpty, "\(differing.count) claims differ, first \(differing.prefix(5))")
    }

    @Test(arguments: ExportFormat.allCases)
    func aProvinceExportedAsClaimsImportsIntoAnEmptyStore(format: ExportFormat) throws {
        let scratch = try Workspace()
        let demo = try StoreSetup.demo(at: scratch.file("demo"), schools: Self.provinceSchools, seed: 2020)
        let source = demo.ledger
        #expect(source.claims.contains { $0.state == .withdrawn } || source.claims.contains { $0.round == 2 })
        let url = scratch.file("承接任务明细.\(format.rawValue)")
        try ReportWriter.write(Reports.make(.claims, ledger: source), format: format, to: url)

        let target = try Workspace(schools: source.schools, campaign: source.campaign)
        let summary = target.importing([url])
        #expect(summary.problems.prefix(5).map(\.description) == [])
        #expect(summary.applied == [url.lastPathComponent])
        #expect(summary.schools == Set(source.claims.filter(\.isActive).map(\.school)).count)
        #expect(summary.newSchools == 0)

        let imported = try target.reopened().ledger
        Self.expectSameClaims(imported, as: source)
        #expect(imported.totals.province.intended == source.totals.province.intended)
        for school in source.schools {
            #expect(imported.totals.bySchool[school.code]?.intended == source.totals.bySchool[school.code]?.intended, "\(school.code)")
        }
        #expect(imported.schools == source.schools)
    }

    @Test(arguments: ExportFormat.allCases)
    func aSchoolsExportImportsIntoThatSchoolsEmptyStore(format: ExportFormat) throws {
        let scratch = try Workspace()
        let source = try StoreSetup.demo(at: scratch.file("demo"), schools: 16, seed: 7).ledger
        let school = try #require(source.schools.max { a, b in
            source.claims(ofSchool: a.code).filter { $0.state.isDecided }.count < source.claims(ofSchool: b.code).filter { $0.state.isDecided }.count
        })
        #expect(source.claims(ofSchool: school.code).contains { $0.state == .approved })
        let url = scratch.file("\(school.name).\(format.rawValue)")
        try ReportWriter.write(Reports.make(.school, ledger: source, school: school.code), format: format, to: url)

        let target = try Workspace(schools: [school], campaign: source.campaign)
        let summary = target.importing([url])
        #expect(summary.problems.map(\.description) == [])
        #expect(summary.plans.map(\.layouts) == [[.platform]])
        #expect(summary.submitted == source.claims(ofSchool: school.code).count { $0.isActive })
        let imported = try target.reopened().ledger
        Self.expectSameClaims(imported, as: source, school: school.code)
        #expect(imported.totals.bySchool[school.code]?.intended == source.totals.bySchool[school.code]?.intended)
        #expect(imported.school(school.code) == school)
    }

    /// A school that never filled in its contacts can import its own export again (issue 12: the empty
    /// 办公电话 cell used to be read as the 手机号 label's neighbour).
    @Test(arguments: ExportFormat.allCases)
    func aSchoolWithoutContactsReimportsItsOwnExport(format: ExportFormat) throws {
        let bare = try School(code: "3799000009", name: "未填联系人职业学校", type: .secondary, city: "济南市", contacts: .unfilled)
        let space = try Workspace(schools: Province.schools + [bare])
        try space.submit(bare.code, "1", nil, Funds(wan: 3, 0, 0, 0))
        let url = space.file("\(bare.name).\(format.rawValue)")
        try ReportWriter.write(Reports.make(.school, ledger: space.ledger, school: bare.code), format: format, to: url)
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == [])
        #expect(summary.unchanged == 1)
        #expect(space.ledger.school(bare.code)?.contacts == .unfilled)
    }

    /// An item the campaign opens although the catalog says no (29) is in the school's export, so the school
    /// can submit the export back without withdrawing it.
    @Test func aSchoolsExportHoldsTheItemsTheCampaignOpensBeyondTheCatalog() throws {
        let campaign = Campaign(province: "山东省", catalog: Province.catalog, openItems: ["1", "29"],
                                start: Day(year: 2023, month: 10, day: 19), end: Day(year: 2030, month: 11, day: 30),
                                instructions: "", contacts: [])
        let space = try Workspace(campaign: campaign)
        try space.submit(Province.jinan.code, "29", nil, Funds(wan: 2, 0, 0, 0))
        let report = try Reports.make(.school, ledger: space.ledger, school: Province.jinan.code)
        #expect(report.rowCount == 2, "1 and 29, the campaign's open items")
        let url = space.file("本校.xlsx")
        try ReportWriter.write(report, format: .xlsx, to: url)
        let summary = Importer(store: space.store).run([(url, url.lastPathComponent)], dryRun: false,
                                                       submission: ImportPlan.Submission(school: Province.jinan.code, comment: "提交 本校.xlsx"))
        #expect(summary.problems.map(\.description) == [])
        #expect(space.ledger.claim(ClaimKey(school: Province.jinan.code, item: "29"))?.state == .pending, "not withdrawn")
    }
}

/// A school account's own `tzpy submit`: its file's new contacts are its own to change.
@Suite struct SchoolSubmissionContactsTests {
    /// 2020-11-02T01:30:00Z: inside the test campaign's dates.
    static let inCampaign = Timestamp(seconds: 1_604_280_600)

    @Test func aSchoolAccountsSubmissionWithNewContactsIsTakenWhole() throws {
        let space = try Workspace()
        try space.store.setAccounts(space.store.accounts + [try Account(name: "jinan", role: .school(Province.jinan.code))])
        let school = try Store(space.data, actor: "jinan", clock: { Self.inCampaign })
        let url = try space.csv("本校.csv", [Flat.header + ["平台管理联系人", "办公电话", "手机号"],
                                            Flat.row(Province.jinan, "3.1", 1, ["6", "5", "4", "1"]) + ["赵敏", "0531-87654321", "13900001111"]])
        let summary = Importer(store: school).run([(url, "本校.csv")], dryRun: false,
                                                  submission: ImportPlan.Submission(school: Province.jinan.code, comment: "提交 本校.csv"))
        #expect(summary.problems.map(\.description) == [])
        let reread = try space.reopened()
        #expect(reread.ledger.claim(ClaimKey(school: Province.jinan.code, item: "3.1"))?.state == .pending)
        #expect(reread.ledger.school(Province.jinan.code)?.contacts
            == (try SchoolContacts(manager: "赵敏", officePhone: "0531-87654321", mobile: "13900001111")))
        #expect(reread.ledger.school(Province.qingdao.code) == Province.qingdao)
    }
}
