import ClaimKit
import ClaimStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReviewConsole
import Testing
@testable import tzpy

/// The console's export effect as `tzpy` performs it: a real workbook, named for the report, in the folder.
@Suite struct ExportKeyTests {
    static func makeLedger() throws -> Ledger {
        let province = DemoProvince(catalog: try BundledData.catalog("national-2020"), schools: 20, seed: 3)
        var ledger = Ledger(campaign: province.campaign, schools: province.schools)
        for e in province.events() { ledger.apply(e) }
        return ledger
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
        var ledger = try Self.makeLedger()
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
        #expect(try name(.items) == "分任务承接学校一览表-20231122-143005.xlsx")
        #expect(try name(.itemClaims("3.1", schools: ledger.schools.map(\.code))) == "承接任务明细-任务3.1-20231122-143005.xlsx")
        #expect(try name(.school("3799000002")) == "学校承接任务情况-济南_历城_职教中心-20231122-143005.xlsx")
    }

    @Test func theExportWritesTheSchoolTableAsAWorkbookNamedForIt() throws {
        let ledger = try Self.makeLedger()
        let code = ledger.schools[0].code
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tzpy-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let result = ReportExport.write(.school(code), ledger: ledger, into: dir, now: 1_700_000_000)
        let (path, rows) = try result.get()
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(name.hasPrefix("学校承接任务情况-\(ledger.schools[0].name)-"))
        #expect(name.hasSuffix(".xlsx"))
        #expect(rows == ledger.catalog.items.filter(\.claimable).count)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]), "a zip container (the workbook's contents are checked in ClaimExchangeTests)")

        let missing = dir.appendingPathComponent("no-such-folder")
        guard case .failure(let problem) = ReportExport.write(.items, ledger: ledger, into: missing) else {
            Issue.record("writing into a missing folder succeeded")
            return
        }
        #expect(problem.message.contains("no-such-folder"))
    }
}
