import ClaimKit
import Foundation
import Testing
@testable import ClaimExchange
@testable import Sheets

/// What every exported workbook carries besides its table: the title line, the unit and as-of line in
/// Beijing time, frozen headers and the print setup; the 全省汇总 report; reports of a list as on screen.
@Suite struct ExportLayoutTests {
    /// 2026-11-30T16:30:00Z, 2026-12-01 00:30 in Beijing.
    static let lastTime = Timestamp(seconds: Day(year: 2026, month: 11, day: 30).daysSinceEpoch * 86400 + 16 * 3600 + 30 * 60)

    /// The three schools of `Province`; 济南 claims 1 (approved) and 3.1 (pending), 青岛 claims 1 (returned)
    /// and 4.1 (pending), 潍坊 nothing. The last event, at `lastTime`, returns 青岛's claim on 1.
    static func ledger(last: Timestamp = lastTime) -> Ledger {
        var ledger = Ledger(campaign: Province.campaign, schools: Province.schools)
        var seq = 0
        func record(_ kind: ReviewEvent.Kind, _ school: String, _ item: String, quantity: Int? = nil, funds: Funds? = nil,
                    comment: String? = nil, time: Timestamp = Timestamp(seconds: 1_700_000_000)) {
            seq += 1
            let basis = ledger.claim(ClaimKey(school: school, item: item))?.version ?? 0
            let event = ReviewEvent(seq: seq, time: time, actor: kind.bySchool ? "" : "zhangsan", school: school, item: item,
                                    kind: kind, basis: basis, quantity: quantity, funds: funds, comment: comment)
            guard case .success = ledger.apply(event) else { fatalError("event \(seq) refused") }
        }
        record(.submitted, "3701000001", "1", funds: funds("1.5", "0", "0", "0.0001"))
        record(.submitted, "3701000001", "3.1", quantity: 2, funds: Funds(wan: 6, 5, 4, 1))
        record(.approved, "3701000001", "1")
        record(.submitted, "3702000003", "1", funds: funds("1", "2", "3", "4"))
        record(.submitted, "3702000003", "4.1", quantity: 120, funds: Funds(wan: 20, 10, 0, 5))
        record(.returned, "3702000003", "1", comment: "经费预算填写不完整", time: last)
        return ledger
    }

    static func texts(_ cells: [OutputCell]) -> [String] { cells.map(\.csvText) }

    /// A part of the workbook at `url`, as text.
    static func part(_ url: URL, _ path: String) throws -> String {
        let zip = try ZipReader(url: url)
        let entry = try #require(zip.entries[path], "\(path) is missing")
        return String(decoding: try zip.extract(entry, limit: 1 << 26), as: UTF8.self)
    }

    static func report(_ kind: ReportKind, _ ledger: Ledger) throws -> Report {
        try Reports.make(kind, ledger: ledger, school: kind == .school ? "3701000001" : nil)
    }

    static let titles: [ReportKind: String] = [
        .school: "山东省 学校承接任务情况　济南市历城职业中等专业学校",
        .schools: "山东省 分校承接任务数量汇总表",
        .items: "山东省 分任务承接学校一览表",
        .claims: "山东省 承接任务明细",
        .returns: "山东省 退回修改通知",
        .cities: "山东省 分地市及学校类型汇总表",
    ]

    // MARK: the as-of time

    @Test func theAsOfTimeIsTheLastEventsInBeijingTime() throws {
        let report = try Reports.make(.schools, ledger: Self.ledger(), now: Timestamp(seconds: 0))
        #expect(report.notes == "单位：万元　数据截至 2026-12-01 00:30（北京时间）")
        #expect(report.title == "山东省 分校承接任务数量汇总表")
        // Beijing time crosses the year a few hours before UTC does.
        let newYear = Timestamp(seconds: Day(year: 2026, month: 12, day: 31).daysSinceEpoch * 86400 + 16 * 3600)
        #expect(try Reports.make(.items, ledger: Self.ledger(last: newYear)).notes == "单位：万元　数据截至 2027-01-01 00:00（北京时间）")
        // Without money the line has no unit.
        #expect(try Reports.make(.returns, ledger: Self.ledger()).notes == "数据截至 2026-12-01 00:30（北京时间）")
    }

    @Test func anEmptyJournalIsAsOfNow() throws {
        let empty = Ledger(campaign: Province.campaign, schools: Province.schools)
        #expect(empty.lastEventTime == nil)
        let report = try Reports.make(.cities, ledger: empty, now: Self.lastTime)
        #expect(report.notes == "单位：万元　数据截至 2026-12-01 00:30（北京时间）")
    }

    // MARK: every workbook

    /// Title, notes, the header right below them, frozen; landscape A4 one page wide; the header rows
    /// repeated on every page; 工作任务 wrapped.
    @Test(arguments: ReportKind.allCases)
    func everyWorkbookHasItsTitleAsOfFrozenHeaderAndPrintSetup(kind: ReportKind) throws {
        let space = try Workspace()
        let ledger = Self.ledger()
        let report = try Self.report(kind, ledger)
        let url = space.file("\(kind.rawValue).xlsx")
        try ReportWriter.write(report, format: .xlsx, to: url)

        let sheet = try #require(try XLSXReader.read(url, file: url.lastPathComponent).first)
        let rows = Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0.number, $0) })
        #expect(rows[1]?.cells == [.text(Self.titles[kind]!)])
        #expect(rows[2]?.cells == [.text(kind == .returns ? "数据截至 2026-12-01 00:30（北京时间）" : "单位：万元　数据截至 2026-12-01 00:30（北京时间）")])
        let header = 2 + report.topRows.count   // the last header row
        let firstHeader = header - report.headerRows + 1
        #expect(report.headerRows == (kind == .school ? 2 : 1))
        #expect(rows[firstHeader]?.value(0) == .text(kind == .school ? "序号" : report.columns[0].header))
        #expect(rows[3]?.value(0) == .text(kind == .school ? "学校代码" : report.columns[0].header))

        let xml = try Self.part(url, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<pane ySplit="\#(header)" topLeftCell="A\#(header + 1)" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        #expect(xml.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))
        // CT_Worksheet's order: Excel repairs a sheet whose parts are out of order.
        let order = ["<sheetPr>", "<sheetViews>", "<sheetFormatPr", "<cols>", "<sheetData>", "<pageMargins", "<pageSetup", "<headerFooter>"]
        let at = order.map { xml.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil })
        #expect(at.compactMap { $0 } == at.compactMap { $0 }.sorted())
        #expect(xml.range(of: "<worksheet ")!.upperBound < at[0]!)
        if kind == .school {
            #expect(xml.range(of: "<mergeCells")!.lowerBound > xml.range(of: "</sheetData>")!.lowerBound)
            #expect(xml.range(of: "<mergeCells")!.lowerBound < at[5]!)
            #expect(xml.contains(#"<mergeCell ref="E7:I7"/>"#))   // 预计投入经费, below the two preamble lines
            #expect(sheet.merged.map(\.description).contains("E7:I7"))
        }

        let workbook = try Self.part(url, "xl/workbook.xml")
        let name = XMLText.escaped("'\(XLSXWriter.sheetName(report.sheetName))'!$\(firstHeader):$\(header)")
        #expect(workbook.contains(#"</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">\#(name)</definedName></definedNames></workbook>"#))

        let styles = try Self.part(url, "xl/styles.xml")
        #expect(styles.contains(#"<alignment wrapText="1"/>"#))
        #expect(styles.contains(#"<font><b/><sz val="14"/>"#))
        // The title in A1 has the title style (5); every 工作任务 text below the header the wrapping one (4).
        #expect(xml.contains(#"<c r="A1" s="5" t="s">"#))
        if let column = report.columns.firstIndex(where: { $0.header == "工作任务" }) {
            let letter = CellAddress.letters(column)
            let cells = sheet.rows.filter { $0.number > header && $0.value(column) != nil }.map(\.number)
            #expect(!cells.isEmpty)
            for row in cells { #expect(xml.contains(#"<c r="\#(letter)\#(row)" s="4" t="s">"#), "\(letter)\(row)") }
        } else {
            #expect(kind == .schools || kind == .cities)
        }
    }

    /// A CSV is the table only: no title or as-of line, the first line the header (or the school block).
    @Test(arguments: ReportKind.allCases)
    func aCSVHoldsTheTableOnly(kind: ReportKind) throws {
        let space = try Workspace()
        let report = try Self.report(kind, Self.ledger())
        let url = space.file("\(kind.rawValue).csv")
        try ReportWriter.write(report, format: .csv, to: url)
        let text = String(decoding: try Data(contentsOf: url).dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == report.topRows.count + report.rowCount)
        #expect(lines.first == Self.texts(report.topRows[0]).joined(separator: ","))
        #expect(!text.contains("数据截至") && !text.contains("山东省 "))
    }

    // MARK: 全省汇总

    @Test func citiesReportIsTheProvincePageByCityThenByType() throws {
        let ledger = Self.ledger()
        let report = try Reports.make(.cities, ledger: ledger)
        #expect(report.sheetName == "分地市及学校类型汇总表")
        #expect(Self.texts(report.topRows[0]) == ["地市", "学校数", "承接条目", "任务数量", "待审核", "已通过", "退回修改", "审核进度",
                                                  "意向承接汇总", "已通过汇总", "学校任务数合计"])
        let rows = (0..<report.rowCount).map { Self.texts(report.row($0)) }
        // 全省合计: 3 distinct tasks, but 2 + 2 school tasks (both schools claim task 1).
        let total = ["全省合计", "3", "4", "3", "2", "1", "1", "50%", "62.5001", "1.5001", "4"]
        #expect(rows == [
            ["济南市", "1", "2", "2", "1", "1", "0", "50%", "17.5001", "1.5001", "2"],
            ["青岛市", "1", "2", "2", "1", "0", "1", "50%", "45", "0", "2"],
            ["潍坊市", "1", "0", "0", "0", "0", "0", "-", "0", "0", "0"],
            total,
            [],
            ["学校类型", "学校数", "承接条目", "任务数量", "待审核", "已通过", "退回修改", "审核进度", "意向承接汇总", "已通过汇总", "学校任务数合计"],
            ["中职学校", "1", "2", "2", "1", "1", "0", "50%", "17.5001", "1.5001", "2"],
            ["专科高职院校", "1", "2", "2", "1", "0", "1", "50%", "45", "0", "2"],
            ["本科高职院校", "1", "0", "0", "0", "0", "0", "-", "0", "0", "0"],
        ] + SchoolType.allCases.dropFirst(3).map { [$0.rawValue, "0", "0", "0", "0", "0", "0", "-", "0", "0", "0"] } + [total])
        // The figures are the ledger's.
        let p = ledger.totals.province
        #expect(total[2...6] == [p.intended.claims, p.intended.tasks, p.pending, p.approved.claims, p.returned].map(String.init)[...])
        #expect(total[8] == p.intended.funds.total.description && total[9] == p.approved.funds.total.description)
        let jinan = ledger.totals.byCity["济南市"]!
        #expect(rows[0][8] == jinan.intended.funds.total.description)
        #expect(report.row(3).first == .text("全省合计", bold: true))
        #expect(report.row(5).allSatisfy { if case .text(_, bold: true) = $0 { true } else { false } })
    }

    // MARK: a list as on screen

    @Test func aSchoolListIsExportedInTheGivenOrderWithItsFilterAndItsOwnTotal() throws {
        let ledger = Self.ledger()
        let report = try Reports.schools(ledger: ledger, codes: ["3702000003", "3701000001"], filterLabel: "筛选：地市=济南市、青岛市；排序：待审↓")
        #expect(report.title == "山东省 分校承接任务数量汇总表（筛选：地市=济南市、青岛市；排序：待审↓）")
        #expect(report.notes == "单位：万元　数据截至 2026-12-01 00:30（北京时间）")
        let rows = (0..<report.rowCount).map { Self.texts(report.row($0)) }
        #expect(rows.map { $0[0] } == ["3702000003", "3701000001", "合计"])
        let full = try Reports.make(.schools, ledger: ledger)
        #expect(rows[0] == Self.texts(full.row(1)) && rows[1] == Self.texts(full.row(0)))
        // 合计 is of the rows listed: 潍坊 has nothing, so it equals the province here; 任务数量 counts task 1 once.
        #expect(rows[2] == ["合计", "2 所学校", "", "", ""] + Self.texts(full.row(3)).dropFirst(5))
        #expect(rows[2][8] == "3")

        let oneLine = try Reports.schools(ledger: ledger, codes: [], filterLabel: "筛选：地市=济南\n市\u{1B}[2J")
        #expect(oneLine.title == #"山东省 分校承接任务数量汇总表（筛选：地市=济南\n市\e[2J）"#)
        let one = try Reports.schools(ledger: ledger, codes: ["3702000003"], filterLabel: nil)
        #expect(one.title == "山东省 分校承接任务数量汇总表")
        let t = ledger.totals.bySchool["3702000003"]!
        #expect(Self.texts(one.row(1)) == ["合计", "1 所学校", "", "", ""] + Self.texts(Reports.tallyCells(t)))
        #expect(throws: Reports.Problem(message: "学校代码：应为已登记的学校代码，实际为「3799999999」")) {
            try Reports.schools(ledger: ledger, codes: ["3701000001", "3799999999"], filterLabel: nil)
        }
    }

    @Test func anItemsSchoolListIsExportedAsClaimsInTheGivenOrder() throws {
        let ledger = Self.ledger()
        let report = try Reports.claims(ledger: ledger, item: "1", codes: ["3702000003", "3707000012", "3701000001"],
                                        filterLabel: "筛选：状态=退回修改")
        #expect(report.kind == .claims)
        #expect(report.title == "山东省 承接任务明细　任务 1（筛选：状态=退回修改）")
        let rows = (0..<report.rowCount).map { Self.texts(report.row($0)) }
        // 潍坊 has no claim on item 1: no row.
        #expect(rows.map { "\($0[0]) \($0[4]) \($0[12])" } == ["3702000003 1 退回修改", "3701000001 1 已通过"])
        #expect(throws: Reports.Problem(message: "任务序号：应为目录中的序号，实际为「99」")) {
            try Reports.claims(ledger: ledger, item: "99", codes: [], filterLabel: nil)
        }
    }

    /// The filtered list exported as xlsx: the title with the filter in A1, the rows in order below the header.
    @Test func aFilteredListsWorkbookReadsBackInOrder() throws {
        let space = try Workspace()
        let url = space.file("筛选.xlsx")
        try ReportWriter.write(try Reports.schools(ledger: Self.ledger(), codes: ["3707000012", "3701000001"], filterLabel: "筛选：类型=中职学校"),
                               format: .xlsx, to: url)
        let sheet = try #require(try XLSXReader.read(url, file: "筛选.xlsx").first)
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(sheet.rows[0].value(0) == .text("山东省 分校承接任务数量汇总表（筛选：类型=中职学校）"))
        #expect(sheet.rows[3...].map { $0.value(0) } == [.text("3707000012"), .text("3701000001"), .text("合计")])
        #expect(try Self.part(url, "xl/workbook.xml").contains("'分校承接任务数量汇总表'!$3:$3"))
    }
}
