import ClaimKit
import ClaimStore
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// The reports with `city-review on`: 待市级审核 as a claim's and a school's state, and its count beside 待审核 in
/// the count reports; without the step the columns stay as they were (ReportTests).
@Suite struct CityReviewReportTests {
    /// 济南 (中职): 3.1 and 1 submitted, both 待市级审核; 青岛 (专科): 4.1 submitted, 待审核.
    static func waiting() throws -> Workspace {
        let c = Province.campaign
        let campaign = Campaign(province: c.province, catalog: c.catalog, openItems: c.openItems, start: c.start, end: c.end,
                                instructions: c.instructions, contacts: [], cityReview: true)
        let space = try Workspace(campaign: campaign)
        try space.submit("3701000001", "3.1", 2, Funds(wan: 6, 5, 4, 1))
        try space.submit("3701000001", "1", nil, Funds(wan: 1, 0, 0, 0))
        try space.submit("3702000003", "4.1", 120, Funds(wan: 20, 10, 0, 5))
        return space
    }

    @Test func theCountReportsCarryTheCityPendingCount() throws {
        let ledger = try Self.waiting().ledger
        let schools = try Reports.make(.schools, ledger: ledger)
        #expect(ReportTests.texts(schools.topRows[0]).prefix(8) == ["学校代码", "学校名称", "学校类型", "所在市", "审核状态", "待审核", "待市级审核", "已通过"])
        let rows = ReportTests.rows(schools)
        #expect(rows[0].prefix(9) == ["3701000001", "济南市历城职业中等专业学校", "中职学校", "济南市", "待市级审核", "0", "2", "0", "0"])
        #expect(rows[1].prefix(7) == ["3702000003", "青岛酒店管理职业技术学院", "专科高职院校", "青岛市", "待审核", "1", "0"])
        #expect(rows[3].prefix(7) == ["合计", "3 所学校", "", "", "", "1", "2"])
        #expect(rows.allSatisfy { $0.count == schools.columns.count })

        let items = try Reports.make(.items, ledger: ledger)
        #expect(ReportTests.texts(items.topRows[0]).prefix(6) == ["序号", "工作任务", "承接学校数", "待审核", "待市级审核", "已通过"])
        let one = try #require(ReportTests.rows(items).first { $0[0] == "1" })
        #expect(one.prefix(6) == ["1", Province.text("1"), "1", "0", "1", "0"])

        let cities = try Reports.make(.cities, ledger: ledger)
        #expect(ReportTests.texts(cities.topRows[0]).prefix(7) == ["地市", "学校数", "承接条目", "任务数量", "待审核", "待市级审核", "已通过"])
        let jinan = try #require(ReportTests.rows(cities).first { $0[0] == "济南市" })
        #expect(jinan.prefix(7) == ["济南市", "1", "2", "2", "0", "2", "0"])
        #expect(ReportTests.rows(cities).allSatisfy { $0.isEmpty || $0.count == cities.columns.count })
    }

    @Test func theClaimsReportShowsTheState() throws {
        let ledger = try Self.waiting().ledger
        let rows = ReportTests.rows(try Reports.make(.claims, ledger: ledger))
        #expect(rows.filter { $0.contains("待市级审核") }.map { $0[0] } == ["3701000001", "3701000001"])
        #expect(rows.filter { $0.contains("待审核") }.map { $0[0] } == ["3702000003"])
    }
}
