import ClaimExchange
import ClaimKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Sheets
import Testing
@testable import ReviewConsole

/// `E` exports what the screen shows: the reducer asks for the right report, the driver's export writes a
/// real workbook, and the message line says where it went.
@Suite struct ExportKeyTests {
    @Test func eAsksForTheReportOfTheCurrentPage() {
        var c = Console()
        #expect(c.press(.char("E")).first == .export(ExportRequest(report: .schools)))
        #expect(c.state.message?.text == UIStrings.exporting)

        let code = c.state.schoolRows[0]
        c.press(.enter)
        #expect(c.press(.char("E")).first == .export(ExportRequest(report: .school, school: code)))

        c.press(.char("q"), .tab)
        #expect(c.press(.char("E")).first == .export(ExportRequest(report: .items)))
        c.press(.enter)
        let item = c.ledger.catalog.items[0].code
        #expect(c.press(.char("E")).first == .export(ExportRequest(report: .claims, item: item)))

        c.press(.char("q"), .tab)
        #expect(c.press(.char("E")).first == .export(ExportRequest(report: .schools)))
    }

    @Test func theOutcomeIsOnTheMessageLine() {
        var c = Console()
        _ = c.send(.exported(path: "/tmp/分校承接任务数量汇总表.xlsx", rows: 21))
        #expect(c.state.message == Message(kind: .success, text: "已导出 21 行到 /tmp/分校承接任务数量汇总表.xlsx"))
        _ = c.send(.exportFailed("/nope/x.xlsx：无法写入（create）"))
        #expect(c.state.message?.kind == .error)
        #expect(c.state.message?.text.hasPrefix("导出失败：/nope/x.xlsx") == true)
    }

    /// 2023-11-22 14:30:05 local time, whatever the time zone.
    static func localTime() -> time_t {
        var t = tm()
        t.tm_year = 2023 - 1900
        t.tm_mon = 10
        t.tm_mday = 22
        t.tm_hour = 14
        t.tm_min = 30
        t.tm_sec = 5
        t.tm_isdst = -1
        return mktime(&t)
    }

    /// File names: report, then the school's name or the item, then the local time; characters a path
    /// cannot hold in a school's name become `_`.
    @Test func theFileNameNamesReportSchoolOrItemAndTheLocalTime() throws {
        #expect(ReportExport.stamp(Self.localTime()) == "20231122-143005")
        var ledger = Fixture.makeLedger()
        let slashed = try School(code: "3799000002", name: "济南/历城:职教中心", type: .secondary, city: "济南市", contacts: .unfilled)
        ledger.add(slashed)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tzpy-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        func name(_ request: ExportRequest) throws -> String {
            let (path, _) = try ReportExport.write(request, ledger: ledger, into: dir, now: Self.localTime()).get()
            let name = URL(fileURLWithPath: path).lastPathComponent
            #expect(path == dir.appendingPathComponent(name).path, "written in the folder itself")
            #expect(FileManager.default.fileExists(atPath: path))
            return name
        }
        #expect(try name(ExportRequest(report: .items)) == "分任务承接学校一览表-20231122-143005.xlsx")
        #expect(try name(ExportRequest(report: .claims, item: "3.1")) == "承接任务明细-任务3.1-20231122-143005.xlsx")
        #expect(try name(ExportRequest(report: .school, school: "3799000002")) == "学校承接任务情况-济南_历城_职教中心-20231122-143005.xlsx")
    }

    @Test func theExportWritesTheSchoolsTableAsAWorkbookNamedForIt() throws {
        let ledger = Fixture.makeLedger()
        let code = ledger.schools[0].code
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tzpy-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let result = ReportExport.write(ExportRequest(report: .school, school: code), ledger: ledger, into: dir, now: 1_700_000_000)
        let (path, rows) = try result.get()
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(name.hasPrefix("学校承接任务情况-\(ledger.schools[0].name)-"))
        #expect(name.hasSuffix(".xlsx"))
        #expect(rows == ledger.catalog.items.filter(\.claimable).count)
        let sheets = try XLSXReader.read(URL(fileURLWithPath: path), file: name)
        #expect(sheets.map(\.name) == [ledger.schools[0].name])
        // The title and 单位/数据截至 lines, then the school's block.
        try #require(sheets[0].rows.count > 2)
        #expect(sheets[0].rows[0].cells.first == .text("\(ledger.campaign.province) 学校承接任务情况　\(ledger.schools[0].name)"))
        #expect(sheets[0].rows[2].cells[1] == .text(code))
        let claimed = sheets[0].rows.filter { $0.text(2) == "是" }.count
        #expect(claimed == ledger.claims(ofSchool: code).filter(\.isActive).count)

        let missing = dir.appendingPathComponent("no-such-folder")
        guard case .failure(let problem) = ReportExport.write(ExportRequest(report: .items), ledger: ledger, into: missing) else {
            Issue.record("writing into a missing folder succeeded")
            return
        }
        #expect(problem.message.contains("no-such-folder"))
    }
}
