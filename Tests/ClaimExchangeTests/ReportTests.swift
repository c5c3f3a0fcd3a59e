import ClaimKit
import ClaimStore
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// The five reports: their totals against the ledger, their rows, and exact money in the files.
@Suite struct ReportTests {
    /// 济南: 3.1 pending, 1 approved (0.0001 万元), 2 returned; 青岛: 4.1 returned, 1 pending; 潍坊: nothing.
    static func reviewed() throws -> Workspace {
        let space = try Workspace()
        try space.submit("3701000001", "3.1", 2, Funds(wan: 6, 5, 4, 1))
        try space.submit("3701000001", "1", nil, funds("0.0001", "0", "0", "0"))
        try space.decide(.approved, "3701000001", "1")
        try space.submit("3701000001", "2", nil, funds("5", "6", "1", "2"))
        try space.decide(.returned, "3701000001", "2", comment: "经费预算填写不完整")
        try space.submit("3702000003", "4.1", 120, Funds(wan: 20, 10, 0, 5))
        try space.decide(.returned, "3702000003", "4.1", comment: "承接数量与学校实际不符")
        try space.submit("3702000003", "1", nil, funds("1", "2", "3", "4"))
        return space
    }

    /// The text each cell shows.
    static func texts(_ cells: [OutputCell]) -> [String] { cells.map(\.csvText) }

    static func rows(_ report: Report) -> [[String]] { (0..<report.rowCount).map { texts(report.row($0)) } }

    static func tallyTexts(_ t: Tally) -> [String] {
        [t.pending, t.approved.claims, t.returned, t.intended.tasks, t.intended.claims].map(String.init)
            + ([t.intended.funds.total] + t.intended.funds.parts).map(\.description)
            + [String(t.approved.tasks), t.approved.funds.total.description]
    }

    @Test func schoolsReportHasARowPerSchoolAndTheProvinceTally() throws {
        let ledger = try Self.reviewed().ledger
        let report = try Reports.make(.schools, ledger: ledger)
        let rows = Self.rows(report)
        #expect(rows.count == 4)
        #expect(Self.texts(report.topRows[0]) == ["学校代码", "学校名称", "学校类型", "所在市", "审核状态", "待审核", "已通过", "退回修改",
                                                  "意向承接任务数量", "意向承接条数", "汇总", "学校自筹", "行业企业投入", "举办方投入",
                                                  "地市县投入", "已通过任务数量", "已通过汇总"])
        #expect(rows[0] == ["3701000001", "济南市历城职业中等专业学校", "中职学校", "济南市", SchoolReviewStatus(ledger.totals.bySchool["3701000001"]).label,
                            "1", "1", "1", "3", "3", "30.0001", "11.0001", "11", "5", "3", "1", "0.0001"])
        #expect(rows[2].prefix(4) == ["3707000012", "山东潍坊信息工程职业技术大学", "本科高职院校", "潍坊市"])
        #expect(rows[2].dropFirst(5) == ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"])
        #expect(rows[3] == ["合计", "3 所学校", "", "", ""] + Self.tallyTexts(ledger.totals.province))
        #expect(rows[3].dropFirst(5) == ["2", "1", "2", "4", "5", "75.0001", "32.0001", "23", "8", "12", "1", "0.0001"])
    }

    @Test func itemsReportHasARowPerClaimableItemAndTheProvinceTally() throws {
        let ledger = try Self.reviewed().ledger
        let report = try Reports.make(.items, ledger: ledger)
        let rows = Self.rows(report)
        let items = Province.catalog.items.filter(\.claimable)
        #expect(rows.count == items.count + 1)
        #expect(rows.map { $0[0] }.dropLast() == items.map(\.code)[...])
        let one = try #require(rows.first { $0[0] == "1" })
        #expect(one == ["1", Province.text("1"), "2", "1", "1", "0", "10.0001", "1.0001", "2", "3", "4", "0.0001", "-", "-", "-"])
        let unclaimed = try #require(rows.first { $0[0] == "6" })
        #expect(unclaimed.dropFirst(2) == ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-", "-", "-"], "no unit: no quantity, no target")
        #expect(Array(report.columns.suffix(3).map(\.header)) == ["承接数量合计", "已通过数量", "目标"])
        let threeOne = try #require(rows.first { $0[0] == "3.1" })
        #expect(threeOne.suffix(3) == ["2", "0", "200"])
        let fourOne = try #require(rows.first { $0[0] == "4.1" })
        #expect(fourOne.suffix(3) == ["120", "0", "10000"], "a returned claim still counts in 承接数量合计")
        let p = ledger.totals.province
        #expect(rows.last == ["合计", "\(items.count) 项任务", String(p.intended.claims), String(p.pending), String(p.approved.claims),
                              String(p.returned)] + ([p.intended.funds.total] + p.intended.funds.parts + [p.approved.funds.total]).map(\.description))
    }

    /// On a demo province the totals rows equal the ledger's tally and the sums of the rows above them.
    @Test func onADemoProvinceTotalsRowsEqualTheLedger() throws {
        let space = try Workspace()
        let ledger = try StoreSetup.demo(at: space.file("demo"), schools: 40, seed: 42).ledger
        let province = ledger.totals.province
        #expect(province.returned > 0 && province.approved.claims > 0)

        let schools = Self.rows(try Reports.make(.schools, ledger: ledger))
        #expect(schools.count == 41)
        #expect(Array(schools.last!.dropFirst(5)) == Self.tallyTexts(province))
        for (column, value) in [(5, province.pending), (6, province.approved.claims), (7, province.returned), (9, province.intended.claims)] {
            #expect(schools.dropLast().reduce(0) { $0 + Int($1[column])! } == value)
        }
        for (column, money) in zip(10...14, [province.intended.funds.total] + province.intended.funds.parts) {
            #expect(schools.dropLast().reduce(Money.zero) { $0 + (try! Money.parse($1[column])) } == money)
        }

        let items = Self.rows(try Reports.make(.items, ledger: ledger))
        #expect(items.last!.dropFirst(2) == [String(province.intended.claims), String(province.pending), String(province.approved.claims),
                                             String(province.returned)][...]
                + ([province.intended.funds.total] + province.intended.funds.parts + [province.approved.funds.total]).map(\.description))
        #expect(items.dropLast().reduce(Money.zero) { $0 + (try! Money.parse($1[6])) } == province.intended.funds.total)
        for row in items.dropLast() {
            let t = ledger.totals.byItem[row[0]] ?? Tally()
            #expect(row[2] == String(t.intended.claims) && row[6] == t.intended.funds.total.description, "\(row[0])")
            // 承接数量合计 and 已通过数量: the straight sums over the item's claims.
            let claims = ledger.claims.filter { $0.item == row[0] && $0.isActive }
            guard ledger.catalog.item(row[0])!.isCountable else { #expect(row.suffix(3) == ["-", "-", "-"]); continue }
            #expect(row[row.count - 3] == String(claims.reduce(0) { $0 + ($1.quantity ?? 0) }), "\(row[0])")
            #expect(row[row.count - 2] == String(claims.filter { $0.state == .approved }.reduce(0) { $0 + ($1.quantity ?? 0) }), "\(row[0])")
        }
        #expect(items.dropLast().contains { $0[0] == "3.1" && $0[$0.count - 3] != "0" && $0.last == "200" })
    }

    @Test func returnsListsExactlyTheReturnedClaimsWithTheirComments() throws {
        let space = try Self.reviewed()
        let ledger = space.ledger
        let report = try Reports.make(.returns, ledger: ledger)
        let time = Timestamp(seconds: 1_700_000_000).description
        #expect(Self.rows(report) == [
            ["济南市", "3701000001", "济南市历城职业中等专业学校", "王芳", "13805310001", "2", Province.text("2"), "1", "经费预算填写不完整", "zhangsan", time],
            ["青岛市", "3702000003", "青岛酒店管理职业技术学院", "李强", "13905320002", "4.1", Province.text("4.1"), "1", "承接数量与学校实际不符", "zhangsan", time],
        ])
        #expect(Self.rows(try Reports.make(.returns, ledger: ledger, school: "3702000003")).map { $0[5] } == ["4.1"])

        try space.submit("3702000003", "1", nil, funds("1", "2", "3", "5"))
        let key = ClaimKey(school: "3702000003", item: "4.1")
        try space.store.record(Decision(.resubmitted, key, basis: space.ledger.claim(key)!.version, quantity: 100,
                                        funds: Funds(wan: 15, 10, 0, 5)))
        #expect(Self.rows(try Reports.make(.returns, ledger: space.ledger)).map { $0[5] } == ["2"])
    }

    /// On a demo province: one row per returned claim, its comment as the ledger has it.
    @Test func onADemoProvinceReturnsMatchTheLedger() throws {
        let space = try Workspace()
        let ledger = try StoreSetup.demo(at: space.file("demo"), schools: 40, seed: 42).ledger
        var expected: [String: String] = [:]
        for claim in ledger.claims {
            if case .returned(let comment) = claim.state { expected["\(claim.school) \(claim.item)"] = comment }
        }
        let rows = Self.rows(try Reports.make(.returns, ledger: ledger))
        #expect(rows.count == expected.count)
        #expect(Dictionary(rows.map { ("\($0[1]) \($0[5])", $0[8]) }, uniquingKeysWith: { a, _ in a }) == expected)
        #expect(rows.map { $0[0] } == rows.map { $0[0] }.sorted())
    }

    /// The 退回人 and 审核人 columns show the names people know (accounts.tsv's display names), not accounts.
    @Test func reportsNameReviewersByTheirDisplayNames() throws {
        let space = try Workspace()
        let store = try StoreSetup.demo(at: space.file("demo"), schools: 40, seed: 42)
        #expect(store.displayNames["zhangwei"] == "张伟")
        let returns = Self.rows(try Reports.make(.returns, ledger: store.ledger, names: store.displayNames))
        #expect(!returns.isEmpty)
        #expect(Set(returns.map { $0[9] }).isSubset(of: ["张伟", "刘洋", "陈静"]))
        let claims = Self.rows(try Reports.make(.claims, ledger: store.ledger, names: store.displayNames))
        #expect(!claims.map { $0[15] }.contains("zhangwei"))
        #expect(claims.map { $0[15] }.contains("张伟"))
    }

    @Test func claimsReportCarriesStateRoundCommentAndReviewer() throws {
        let ledger = try Self.reviewed().ledger
        let rows = Self.rows(try Reports.make(.claims, ledger: ledger))
        let time = Timestamp(seconds: 1_700_000_000).description
        #expect(rows.map { "\($0[0]) \($0[4])" } == ["3701000001 1", "3701000001 2", "3701000001 3.1", "3702000003 1", "3702000003 4.1"])
        #expect(rows[0] == ["3701000001", "济南市历城职业中等专业学校", "中职学校", "济南市", "1", Province.text("1"), "-",
                            "0.0001", "0.0001", "0", "0", "0", "已通过", "1", "", "zhangsan", time])
        #expect(rows[2].suffix(11) == ["2", "16", "6", "5", "4", "1", "待审核", "1", "", "", ""])
        #expect(rows[4][12...14] == ["退回修改", "1", "承接数量与学校实际不符"])
        #expect(Self.rows(try Reports.make(.claims, ledger: ledger, school: "3702000003", item: "4.1")).count == 1)
    }

    @Test func schoolReportIsThePlatformLayoutWithReviewColumns() throws {
        let ledger = try Self.reviewed().ledger
        let report = try Reports.make(.school, ledger: ledger, school: "3701000001")
        #expect(report.sheetName == "济南市历城职业中等专业学校")
        #expect(Self.texts(report.topRows[0]) == ["学校代码", "3701000001", "学校名称", "济南市历城职业中等专业学校", "学校类型", "中职学校", "所在市", "济南市"])
        #expect(Self.texts(report.topRows[2]) == ["意向承接", "任务数量", "3", "汇总金额（万元）", "30.0001", "学校自筹（万元）", "11.0001",
                                                  "行业企业投入（万元）", "11", "举办方投入（万元）", "5", "地市县投入（万元）", "3"])
        #expect(Self.texts(report.topRows[3]).prefix(5) == ["已通过", "任务数量", "1", "汇总金额（万元）", "0.0001"])
        #expect(report.merges.map(\.description) == ["E5:I5", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "J5:J6", "K5:K6"])
        let rows = Self.rows(report)
        #expect(rows.count == Province.catalog.items.count { $0.claimable })
        #expect(rows.first { $0[0] == "2" } == ["2", Province.text("2"), "是", "-", "14", "5", "6", "1", "2", "退回修改", "经费预算填写不完整"])
        #expect(rows.first { $0[0] == "3.1" } == ["3.1", Province.text("3.1"), "是", "2", "16", "6", "5", "4", "1", "待审核", ""])
        #expect(rows.first { $0[0] == "4.1" } == ["4.1", Province.text("4.1")])
    }

    @Test func moneyCellsAreExactDecimalsInXLSXAndCSV() throws {
        let space = try Self.reviewed()
        let report = try Reports.make(.claims, ledger: space.ledger)
        let xlsx = space.file("明细.xlsx"), csv = space.file("明细.csv")
        try ReportWriter.write(report, format: .xlsx, to: xlsx)
        try ReportWriter.write(report, format: .csv, to: csv)

        let sheet = try #require(try XLSXReader.read(xlsx, file: "明细.xlsx").first)
        #expect(sheet.name == "承接任务明细")
        // Title, unit and as-of, the header at row 3, then the five claims; the CSV has the table only.
        try #require(sheet.rows.count == 8)
        #expect(sheet.rows[0].value(0) == .text("山东省 承接任务明细"))
        #expect(sheet.rows[2].number == 3 && sheet.rows[2].value(0) == .text("学校代码"))
        #expect((6...11).map(sheet.rows[3].value) == [.text("-"), .number("0.0001"), .number("0.0001"), .number("0"), .number("0"), .number("0")])
        #expect(sheet.rows[5].value(6) == .number("2"))
        #expect(sheet.rows[3].value(13) == .number("1"))

        let bytes = [UInt8](try Data(contentsOf: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        try #require(lines.count > 1)
        #expect(lines[0].hasPrefix("学校代码,学校名称,学校类型,所在市,序号,工作任务,承接数量,汇总,学校自筹,"))
        #expect(lines[1].hasPrefix("3701000001,济南市历城职业中等专业学校,中职学校,济南市,1,"))
        #expect(lines[1].contains(",-,0.0001,0.0001,0,0,0,已通过,1,,zhangsan,"))

        let schools = space.file("分校.xlsx")
        try ReportWriter.write(try Reports.make(.schools, ledger: space.ledger), format: .xlsx, to: schools)
        let totals = try #require(try XLSXReader.read(schools, file: "分校.xlsx").first?.rows.last)
        #expect((10...16).map(totals.value) == [.number("75.0001"), .number("32.0001"), .number("23"), .number("8"), .number("12"),
                                          .number("1"), .number("0.0001")])
    }

    @Test func aReportForAnUnknownSchoolOrWithoutOneIsRefused() throws {
        let ledger = try Self.reviewed().ledger
        #expect(throws: Reports.Problem(message: "--school：应为已登记的学校代码，实际为「3799999999」")) {
            try Reports.make(.claims, ledger: ledger, school: "3799999999")
        }
        #expect(throws: Reports.Problem(message: "--report school 需要 --school 学校代码")) {
            try Reports.make(.school, ledger: ledger)
        }
    }
}
