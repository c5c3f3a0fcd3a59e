import ClaimKit
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// The platform's per-school export (导出承接任务情况), with the platform manual's example school.
@Suite struct PlatformLayoutTests {
    /// The manual's example: items 1, 2, 3.1, 3.2, 3.3, funds 10/14/16/11/6. 3.2 sits on a continuation row
    /// (序号 empty, `3.2 …` in 工作任务); 3.3 is found only by its text; 4.1 and 4.2 are not claimed.
    static func export(code: Bool = true, name: String = Province.jinan.name) -> [[String]] {
        [
            code ? ["学校代码", "", "3701000001", "学校名称：\(name)"] : ["学校名称：\(name)"],
            ["平台管理联系人", "王芳", "办公电话", "0531-88112233", "手机号", "13805310001"],
            ["意向承接", "任务数量", "3", "汇总金额（万元）", "57"],
            ["序号", "工作任务", "是否承接", "承接数量", "预计投入经费（单位：万元）", "", "", "", ""],
            ["", "", "", "", "汇总", "学校自筹", "行业企业投入", "举办方投入", "地市县投入（万元）"],
            ["1", Province.text("1"), "是", "-", "10", "1", "2", "3", "4"],
            ["2", Province.text("2"), "是", "-", "14", "5", "6", "1", "2"],
            ["3", Province.catalog.task(3)!.text, "", "", "", "", "", "", ""],
            ["3.1", Province.text("3.1"), "是", "1", "16", "6", "5", "4", "1"],
            ["", "3.2 " + Province.text("3.2"), "是", "2", "11", "2", "1", "2", "6"],
            ["", "遴选100个左右德育特色案例", "√", "2", "6", "3", "1", "1", "1"],
            ["4.1", Province.text("4.1"), "否", "", "", "", "", "", ""],
            ["4.2", Province.text("4.2"), "", "", "", "", "", "", ""],
        ]
    }

    static let merges = [CellRange("E4:I4")!, CellRange("A4:A5")!, CellRange("B4:B5")!, CellRange("C4:C5")!, CellRange("D4:D5")!]

    static func expectManualExample(_ ledger: Ledger) {
        let claims = ledger.claims(ofSchool: "3701000001")
        #expect(claims.map(\.item) == ["1", "2", "3.1", "3.2", "3.3"])
        #expect(claims.map(\.quantity) == [nil, nil, 1, 2, 2])
        #expect(claims.map { $0.funds.total.description } == ["10", "14", "16", "11", "6"])
        #expect(claims.map { $0.funds.parts.map(\.description) } == [["1", "2", "3", "4"], ["5", "6", "1", "2"], ["6", "5", "4", "1"],
                                                                       ["2", "1", "2", "6"], ["3", "1", "1", "1"]])
        #expect(claims.allSatisfy { $0.state == .pending && $0.round == 1 })
        let tally = ledger.totals.bySchool["3701000001"]
        #expect(tally?.intended.tasks == 3)
        #expect(tally?.intended.claims == 5)
        #expect(tally?.intended.funds.total.description == "57")
        #expect(tally?.intended.funds.parts.map(\.description) == ["17", "15", "11", "14"])
    }

    /// A 序号 whose 工作任务 is another item's text (a platform numbered otherwise than our catalog) is refused,
    /// naming both, instead of importing the row as the wrong item.
    @Test func aNumberWhoseTextIsAnotherItemsIsRefused() throws {
        let space = try Workspace()
        var rows = Self.export()
        rows[8] = ["3.1", Province.text("4.1"), "是", "1", "16", "6", "5", "4", "1"]
        let url = try space.xlsx("错位.xlsx", sheet: "承接任务", rows, merging: Self.merges)
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == [
            "错位.xlsx:承接任务!B9：工作任务：序号 3.1 应为「\(Province.text("3.1"))」，实际为序号 4.1 的任务「\(Province.text("4.1"))」",
        ])
        #expect(space.ledger.claims(ofSchool: "3701000001").isEmpty, "nothing of the file is imported")
    }

    @Test func theManualsExampleImportsFromXLSX() throws {
        let space = try Workspace()
        let url = try space.xlsx("导出承接任务情况.xlsx", sheet: "承接任务", Self.export(), merging: Self.merges)
        let summary = space.importing([url])
        #expect(summary.problems.isEmpty)
        #expect(summary.plans.map(\.layouts) == [[.platform]])
        #expect(summary.submitted == 5)
        #expect(summary.schools == 1)
        #expect(summary.newSchools == 0)
        Self.expectManualExample(space.ledger)
        Self.expectManualExample(try space.reopened().ledger)
    }

    /// Tests/Fixtures holds the example as Excel on Chinese Windows saves it: GB18030, CRLF, the school
    /// code only in the file name (made with `iconv -f UTF-8 -t GB18030`).
    @Test func theManualsExampleImportsFromAGB18030CSVNamedByItsCode() throws {
        let space = try Workspace()
        let name = "3701000001_济南市历城职业中等专业学校.csv"
        let bytes = [UInt8](try Data(contentsOf: Workspace.fixtures.appendingPathComponent(name)))
        #expect(try CSVReader(data: bytes).encoding == .gb18030)
        let url = try space.write(name, bytes)
        let summary = space.importing([url])
        #expect(summary.problems.isEmpty)
        #expect(summary.plans.map(\.layouts) == [[.platform]])
        Self.expectManualExample(space.ledger)
    }

    /// 是否承接 as people and checkbox columns fill it: 1, TRUE, ☑, Y are claimed; 0, ☐, FALSE are not.
    @Test func everySpellingOfYesAndNoIsUnderstood() throws {
        let space = try Workspace()
        var rows = Self.export()
        rows[5][2] = "1"
        rows[6][2] = "TRUE"
        rows[8][2] = "☑"
        rows[9][2] = "Y"
        rows[11] = ["4.1", Province.text("4.1"), "0", "120", "35", "20", "10", "0", "5"]
        rows[12][2] = "☐"
        rows.append(["5", Province.text("5"), "FALSE", "", "", "", "", "", ""])
        let url = try space.xlsx("济南.xlsx", sheet: "承接任务", rows)
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == [])
        #expect(summary.submitted == 5)
        Self.expectManualExample(space.ledger)
    }

    @Test func theSchoolCodeComesFromTheFileName() {
        #expect(PlatformLayout.codeInFileName("导出/3701000001_济南市历城职业中等专业学校.xlsx") == "3701000001")
        #expect(PlatformLayout.codeInFileName("济南市历城职业中等专业学校(3701000001).xlsx") == "3701000001")
        #expect(PlatformLayout.codeInFileName("2020年11月/37010000011.xlsx") == nil)
        #expect(PlatformLayout.codeInFileName("3701000001/承接任务.xlsx") == nil)
        #expect(PlatformLayout.codeInFileName("承接任务.xlsx") == nil)
    }

    @Test func withoutACodeLabelOrCodedNameTheFileIsRefused() throws {
        let space = try Workspace()
        let url = try space.xlsx("承接任务.xlsx", sheet: "承接任务", Self.export(code: false))
        #expect(space.importing([url]).problems.map(\.description)
            == ["承接任务.xlsx:承接任务!A1：学校代码：应在表格上方写「学校代码」及其10位代码，或在文件名中包含学校代码，实际都没有"])
        #expect(space.journalLines == 1)
    }

    @Test func aSchoolNameThatDiffersFromTheStoreIsReportedAtTheCode() throws {
        let space = try Workspace()
        let url = try space.xlsx("济南.xlsx", sheet: "承接任务", Self.export(name: "济南职业学院"))
        #expect(space.importing([url]).problems.map(\.description)
            == ["济南.xlsx:承接任务!C1：学校名称：应与已登记的学校 3701000001 一致「济南市历城职业中等专业学校」，实际为「济南职业学院」"])
    }

    @Test func rowProblemsNameTheirCells() throws {
        let space = try Workspace()
        var rows = Self.export()
        rows[1][3] = "88112233"
        rows[5][2] = "可能"
        rows[6][5] = "5.00001"
        rows[8][3] = "-"
        rows[9][4] = "12"
        rows[10][1] = "遴选100个左右德育特色课程"
        rows.append(["3.1", Province.text("3.1"), "是", "1", "16", "6", "5", "4", "1"])
        let url = try space.xlsx("济南.xlsx", sheet: "承接任务", rows)
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == [
            "济南.xlsx:承接任务!D2：办公电话：应为区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321，实际为「88112233」",
            "济南.xlsx:承接任务!C6：是否承接：应为「是」或留空，实际为「可能」",
            "济南.xlsx:承接任务!F7：学校自筹：应为最多4位小数的万元数（0.0001 万元即 1 元），实际为「5.00001」",
            "济南.xlsx:承接任务!D9：承接数量：应为可计数任务须填写承接数量（单位：所），实际为「-」",
            "济南.xlsx:承接任务!E10：汇总：应为四项经费之和 11，实际为「12」",
            "济南.xlsx:承接任务!B11：工作任务：应为任务清单中的任务（序号或任务内容），实际为序号「」、任务「遴选100个左右德育特色课程」",
            "济南.xlsx:承接任务!14:14：重复的行：任务 3.1 已在第 9 行出现",
        ])
        #expect(space.journalLines == 1)
    }

    /// A city's workbook with one school per sheet: the problems of every sheet are reported.
    @Test func everySheetOfAWorkbookIsCheckedAndReported() throws {
        let space = try Workspace()
        var jinan = Self.export()
        jinan[5][2] = "可能"
        var qingdao = Self.export(name: Province.qingdao.name)
        qingdao[0][2] = Province.qingdao.code
        qingdao[1] = ["平台管理联系人", "李强", "办公电话", "0532-86051234", "手机号", "13905320002"]
        qingdao[8][4] = "17"
        let url = space.file("济南青岛.xlsx")
        let writer = try XLSXWriter(url: url)
        for (sheet, rows) in [("济南", jinan), ("青岛", qingdao)] {
            try writer.beginSheet(name: sheet, columns: [], frozenRows: 5)
            for row in rows { try writer.appendRow(row.map(Workspace.cell)) }
            try writer.endSheet(merging: Self.merges)
        }
        try writer.finish()
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == [
            "济南青岛.xlsx:济南!C6：是否承接：应为「是」或留空，实际为「可能」",
            "济南青岛.xlsx:青岛!E9：汇总：应为四项经费之和 16，实际为「17」",
        ])
        #expect(summary.plans.map(\.layouts) == [[.platform, .platform]])
        #expect(space.journalLines == 1)

        qingdao[8][4] = "16"
        jinan[5][2] = "是"
        let fixed = try space.xlsx("青岛.xlsx", sheet: "青岛", qingdao)
        #expect(space.importing([fixed]).submitted == 5)
        #expect(space.ledger.totals.bySchool["3702000003"]?.intended.funds.total.description == "57")
    }

    @Test func aMissingColumnIsReportedOnTheHeaderRow() throws {
        let space = try Workspace()
        var rows = Self.export()
        rows[4][7] = "其他投入"
        let url = try space.xlsx("济南.xlsx", sheet: "承接任务", rows)
        #expect(space.importing([url]).problems.map(\.description) == ["济南.xlsx:承接任务!4:4：表头：应有「举办方投入」列，实际没有"])
    }

    @Test func newContactsUpdateTheSchoolRecord() throws {
        let space = try Workspace()
        var rows = Self.export()
        rows[1] = ["平台管理联系人", "赵敏", "办公电话", "0531－88990011", "手机号", "１３９０５３１００９９"]
        let url = try space.xlsx("济南.xlsx", sheet: "承接任务", rows)
        let summary = space.importing([url])
        #expect(summary.problems.isEmpty)
        let school = try #require(try space.reopened().ledger.school("3701000001"))
        #expect(school.contacts == (try SchoolContacts(manager: "赵敏", officePhone: "0531-88990011", mobile: "13905310099")))
        #expect(school.name == Province.jinan.name)
        #expect(space.schoolsText.contains("赵敏"))
    }
}
