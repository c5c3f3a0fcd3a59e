import ClaimKit
import Foundation
import Sheets
import Testing
@testable import ClaimExchange

/// The province-wide sheet: every validation problem, with its exact place, in CSV and in xlsx.
@Suite struct FlatLayoutTests {
    /// Columns in an unusual order, with spaces and unit suffixes: A 序号 … O 手机号.
    static let header = ["序号", " 学校代码 ", "学校名称", "学校类型", "所在市", "工作任务", "承接数量（个）", "汇总（万元）",
                         "学校自筹（万元）", "行业企业投入（万元）", "举办方投入（万元）", "地市县投入（万元）", "平台管理联系人", "办公电话", "手机号"]

    static func row(_ school: School, _ item: String, _ quantity: String, _ total: String, _ parts: [String],
                    contacts: Bool = true) -> [String] {
        let c = school.contacts
        return [item, school.code, school.name, school.type.rawValue, school.city, Province.text(item), quantity, total]
            + parts + (contacts ? [c.manager, c.officePhone, c.mobile] : ["", "", ""])
    }

    /// Two good rows: 济南 3.1 (所, 2) and 青岛 1 (no quantity). Cases replace the second.
    static let first = row(Province.jinan, "3.1", "2", "16", ["6", "5", "4", "1"])
    static let second = row(Province.qingdao, "1", "-", "10", ["1", "2", "3", "4"])

    static func changed(_ base: [String], _ changes: [Int: String]) -> [String] {
        var out = base
        for (i, v) in changes { out[i] = v }
        return out
    }

    /// One bad second row: the column letter of the problem (nil: the whole row) and its message.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let row: [String]
        let column: String?
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown school", row: changed(second, [1: "3799999999", 2: "", 3: "", 4: ""]), column: "B",
             message: "学校代码：应为已登记的学校，或在同一行填写学校名称、学校类型、所在市以新增学校，实际为未登记的「3799999999」"),
        Case(name: "unknown school with a name but no type or city", row: changed(second, [1: "3799999999", 3: "", 4: ""]), column: "B",
             message: "学校代码：应为已登记的学校，或在同一行填写学校名称、学校类型、所在市以新增学校，实际为未登记的「3799999999」"),
        Case(name: "bad school code", row: changed(second, [1: "37020003"]), column: "B",
             message: "学校代码：应为10位数字，如 3701000001，实际为「37020003」"),
        Case(name: "unknown item", row: changed(second, [0: "99.9", 5: ""]), column: "A",
             message: "序号：应为任务清单中的序号（如 3.1），实际为「99.9」"),
        Case(name: "task text of another item", row: changed(second, [5: Province.text("2")]), column: "F",
             message: "工作任务：应为序号 1 的「\(Province.text("1"))」，实际为「\(Province.text("2"))」"),
        Case(name: "money not a number", row: changed(second, [8: "五万"]), column: "I",
             message: "学校自筹：应为不小于0、最多4位小数、小于100000000的万元数（如 12 或 12.5），实际为「五万」"),
        Case(name: "negative money", row: changed(second, [9: "-2", 7: "8"]), column: "J",
             message: "行业企业投入：应为不小于0的金额（不能为负数），实际为「-2」"),
        Case(name: "more than four decimals", row: changed(second, [10: "3.00001"]), column: "K",
             message: "举办方投入：应为最多4位小数的万元数（0.0001 万元即 1 元），实际为「3.00001」"),
        Case(name: "empty money", row: changed(second, [11: ""]), column: "L",
             message: "地市县投入：应为填写金额（无投入请填 0），实际为「」"),
        Case(name: "countable item without 承接数量", row: changed(first, [6: "-"]), column: "G",
             message: "承接数量：应为可计数任务须填写承接数量（单位：所），实际为「-」"),
        Case(name: "承接数量 not a whole number", row: changed(first, [6: "两所"]), column: "G",
             message: "承接数量：应为正整数（不计数量的任务填 -），实际为「两所」"),
        Case(name: "承接数量 on a non-countable item", row: changed(second, [6: "2"]), column: "G",
             message: "承接数量：应为此任务不计数量，承接数量应为 -，实际为「2」"),
        Case(name: "汇总 not the sum", row: changed(second, [7: "10.5"]), column: "H",
             message: "汇总：应为四项经费之和 10，实际为「10.5」"),
        Case(name: "duplicate row", row: first, column: nil,
             message: "重复的行：学校 3701000001 的任务 3.1 已在第 2 行出现"),
        Case(name: "bad 办公电话", row: changed(second, [13: "0532-8605"]), column: "N",
             message: "办公电话：应为区号-号码（区号3–4位以0开头，号码7–8位），如 010-87654321，实际为「0532-8605」"),
        Case(name: "bad 手机号", row: changed(second, [14: "2390532000"]), column: "O",
             message: "手机号：应为以1开头的11位数字，如 13800000000，实际为「2390532000」"),
        Case(name: "bad 学校类型", row: changed(second, [3: "高职"]), column: "D",
             message: "学校类型：应为中职学校、专科高职院校、本科高职院校或其他主体，实际为「高职」"),
        Case(name: "school name differs from an earlier row", row: changed(row(Province.jinan, "1", "-", "10", ["1", "2", "3", "4"]), [2: "济南职业学院"]),
             column: "C", message: "学校名称：应与学校 3701000001 在第 2 行的「济南市历城职业中等专业学校」一致，实际为「济南职业学院」"),
        Case(name: "city differs from an earlier row", row: changed(row(Province.jinan, "1", "-", "10", ["1", "2", "3", "4"]), [4: "青岛市"]),
             column: "E", message: "所在市：应与学校 3701000001 在第 2 行的「济南市」一致，实际为「青岛市」"),
        Case(name: "school name differs from the store", row: changed(second, [2: "青岛职业学院"]), column: "B",
             message: "学校名称：应与已登记的学校 3702000003 一致「青岛酒店管理职业技术学院」，实际为「青岛职业学院」"),
        Case(name: "school type differs from the store", row: changed(second, [3: "本科高职院校"]), column: "B",
             message: "学校类型：应与已登记的学校 3702000003 一致「专科高职院校」，实际为「本科高职院校」"),
        Case(name: "task text led by the code of another item", row: changed(second, [5: "2 " + Province.text("1")]), column: "F",
             message: "工作任务：应为序号 1 的「\(Province.text("1"))」，实际为「2 \(Province.text("1"))」"),
        Case(name: "city differs from the store", row: changed(second, [4: "济南市"]), column: "B",
             message: "所在市：应与已登记的学校 3702000003 一致「青岛市」，实际为「济南市」"),
        Case(name: "not claimable", row: changed(second, [0: "29", 5: ""]), column: nil,
             message: "序号：应为本次申报开放的任务，实际任务 29 未开放"),
    ]

    @Test(arguments: cases)
    func csvProblemNamesFileAndLine(_ c: Case) throws {
        let space = try Workspace()
        let url = try space.csv("全省汇总.csv", [Self.header, Self.first, c.row])
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == ["全省汇总.csv:3：\(c.message)"])
        #expect(summary.applied.isEmpty)
        #expect(space.journalLines == 1)
    }

    @Test(arguments: cases)
    func xlsxProblemNamesFileSheetAndCell(_ c: Case) throws {
        let space = try Workspace()
        let url = try space.xlsx("全省汇总.xlsx", sheet: "承接任务明细", [Self.header, Self.first, c.row])
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == ["全省汇总.xlsx:承接任务明细!\(c.column ?? "3:")3：\(c.message)"])
        #expect(summary.applied.isEmpty)
        #expect(space.journalLines == 1)
    }

    @Test func headersAreFoundInAnyOrderAndTheGoodRowsImport() throws {
        let space = try Workspace()
        let url = try space.xlsx("全省汇总.xlsx", sheet: "承接任务明细",
                                 [["山东省提质培优任务承接汇总"], [], Self.header, Self.first, [], Self.second])
        let summary = space.importing([url])
        #expect(summary.problems.isEmpty)
        #expect(summary.plans.map(\.layouts) == [[.flat]])
        #expect(summary.submitted == 2)
        #expect(summary.schools == 2)
        let jinan = try #require(space.ledger.claim(ClaimKey(school: "3701000001", item: "3.1")))
        #expect(jinan.quantity == 2)
        #expect(jinan.funds == Funds(wan: 6, 5, 4, 1))
        #expect(jinan.state == .pending)
        #expect(space.ledger.history(of: jinan.key).last?.comment == "导入 全省汇总.xlsx")
        let qingdao = try #require(space.ledger.claim(ClaimKey(school: "3702000003", item: "1")))
        #expect(qingdao.quantity == nil)
        #expect(qingdao.funds == Funds(wan: 1, 2, 3, 4))
    }

    /// A province workbook with a sheet per city: a claim on two sheets is a duplicate like one on two rows.
    @Test func aClaimOnTwoSheetsIsADuplicate() throws {
        let space = try Workspace()
        let url = space.file("全省.xlsx")
        let writer = try XLSXWriter(url: url)
        for (sheet, rows) in [("济南市", [Self.header, Self.first]), ("青岛市", [Self.header, Self.second, Self.first])] {
            try writer.beginSheet(name: sheet, columns: [], frozenRows: 1)
            for row in rows { try writer.appendRow(row.map(Workspace.cell)) }
            try writer.endSheet()
        }
        try writer.finish()
        let summary = space.importing([url])
        #expect(summary.problems.map(\.description) == ["全省.xlsx:青岛市!3:3：重复的行：学校 3701000001 的任务 3.1 已在工作表「济南市」第 2 行出现"])
        #expect(summary.applied.isEmpty)
        #expect(space.journalLines == 1)
    }

    @Test func headerKeysIgnoreSpacesLineBreaksAndUnits() {
        #expect(HeaderText.key(" 学校自筹（万元） ") == "学校自筹")
        #expect(HeaderText.key("学校\n自筹(万元)") == "学校自筹")
        #expect(HeaderText.key("承接数量（个）") == "承接数量")
        #expect(HeaderText.key("学校代码：") == "学校代码")
        #expect(HeaderText.key("修改意见（必填）") == "修改意见（必填）")
        let header = SheetRow(number: 1, cells: Self.header.map { .text($0) })
        let columns = FlatLayout.header(header)
        #expect(columns?[.schoolCode] == 1)
        #expect(columns?[.item] == 0)
        #expect(columns?[.quantity] == 6)
        #expect(columns?[.local] == 11)
        #expect(columns?.count == 15)
        #expect(FlatLayout.header(SheetRow(number: 1, cells: [.text("学校名称"), .text("序号")])) == nil)
    }

    /// A header naming a column twice (学校标识码 and 学校代码, 所在市 and 地市) is read from the first.
    @Test func aColumnNamedTwiceIsReadFromTheFirst() {
        let header = SheetRow(number: 1, cells: [.text("学校标识码"), .text("序号"), .text("所在市"), .text("学校代码"), .text("地市")])
        let columns = FlatLayout.header(header)
        #expect(columns?[.schoolCode] == 0)
        #expect(columns?[.city] == 2)
        #expect(columns?.count == 3)
    }

    @Test func aMissingRequiredColumnIsReportedOnTheHeaderRow() throws {
        let space = try Workspace()
        let header = Self.header.enumerated().map { $0.offset == 10 ? "备注" : $0.element }
        let csv = try space.csv("缺列.csv", [header, Self.first])
        let xlsx = try space.xlsx("缺列.xlsx", sheet: "明细", [header, Self.first])
        let summary = space.importing([csv, xlsx])
        let problems = summary.problems.map(\.description)
        #expect(problems.first == "缺列.csv:1：表头：应有「举办方投入」列，实际没有")
        #expect(problems.contains("缺列.xlsx:明细!1:1：表头：应有「举办方投入」列，实际没有"))
        #expect(problems.contains("缺列.csv:2：举办方投入：应为填写金额（无投入请填 0），实际为「」"))
        #expect(summary.applied.isEmpty)
        #expect(space.journalLines == 1)

        let noCity = try space.csv("缺列2.csv", [["学校标识码", "序号", "承接数量"], ["3701000001", "1", "-"]])
        let missing = space.importing([noCity]).problems.map(\.description)
        #expect(missing.prefix(4) == ["缺列2.csv:1：表头：应有「学校自筹」列，实际没有", "缺列2.csv:1：表头：应有「行业企业投入」列，实际没有",
                                      "缺列2.csv:1：表头：应有「举办方投入」列，实际没有", "缺列2.csv:1：表头：应有「地市县投入」或「地市级投入」列，实际没有"])
    }

    @Test func aFileWithoutAnyKnownHeaderIsRefused() throws {
        let space = try Workspace()
        let url = try space.csv("名单.csv", [["学校", "任务"], ["济南", "3.1"]])
        #expect(space.importing([url]).problems.map(\.description)
            == ["名单.csv:1：应有含「学校代码、序号」列的全省汇总表，或含「工作任务、是否承接」列的平台学校导出表，实际前 40 行都没有这样的表头"])
    }

    @Test func everyProblemOfTheFileIsReportedNotJustTheFirst() throws {
        let space = try Workspace()
        let rows = [Self.header, Self.first,
                    Self.changed(Self.second, [8: "abc", 14: "1"]),
                    Self.changed(Self.row(Province.jinan, "3.2", "", "", ["1", "1", "1", "1"]), [0: "3.2"]),
                    Self.first]
        let url = try space.csv("多处.csv", rows)
        let problems = space.importing([url]).problems.map(\.description)
        #expect(problems == [
            "多处.csv:3：学校自筹：应为不小于0、最多4位小数、小于100000000的万元数（如 12 或 12.5），实际为「abc」",
            "多处.csv:3：手机号：应为以1开头的11位数字，如 13800000000，实际为「1」",
            "多处.csv:4：承接数量：应为可计数任务须填写承接数量（单位：个），实际为「」",
            "多处.csv:5：重复的行：学校 3701000001 的任务 3.1 已在第 2 行出现",
        ])
    }
}
