import ClaimExchange
import ClaimKit
import Foundation
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
        #expect(sheets[0].rows[0].cells[1] == .text(code))
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
