import ClaimKit
import ClaimStore
import Foundation
import Testing
@testable import ClaimExchange

/// Batches: every file all-or-nothing, every file's problems reported.
@Suite struct ImporterTests {
    static let clean = [Flat.header, Flat.row(Province.jinan, "3.1", 2, ["6", "5", "4", "1"]),
                        Flat.row(Province.jinan, "1", nil, ["1", "2", "3", "4"])]
    /// Two good rows around one bad one (negative money on line 3).
    static let oneBad = [Flat.header, Flat.row(Province.qingdao, "4.1", 120, ["20", "10", "0", "5"]),
                         Flat.row(Province.qingdao, "1", nil, ["1", "-2", "3", "4"]),
                         Flat.row(Province.qingdao, "2", nil, ["1", "2", "3", "4"])]

    @Test func aFileWithOneBadRowImportsNothingWhileACleanFileImports() throws {
        let space = try Workspace()
        let bad = try space.xlsx("青岛.xlsx", sheet: "明细", Self.oneBad)
        let good = try space.csv("济南.csv", Self.clean)
        let badCSV = try space.csv("青岛.csv", Self.oneBad + [Flat.row(Province.qingdao, "3.1", nil, ["1", "1", "1", "1"])])
        let summary = space.importing([bad, good, badCSV])
        #expect(summary.applied == ["济南.csv"])
        #expect(summary.files == 3)
        #expect(summary.plans.map(\.isClean) == [false, true, false])
        #expect(summary.submitted == 2)
        #expect(summary.schools == 1)
        #expect(summary.problems.map(\.description) == [
            "青岛.xlsx:明细!H3：行业企业投入：应为不小于0的金额（不能为负数），实际为「-2」",
            "青岛.csv:3：行业企业投入：应为不小于0的金额（不能为负数），实际为「-2」",
            "青岛.csv:5：承接数量：应为可计数任务须填写承接数量（单位：所），实际为「-」",
        ])
        let ledger = try space.reopened().ledger
        #expect(ledger.claims.map(\.key).map(\.school).allSatisfy { $0 == "3701000001" })
        #expect(ledger.claims.count == 2)
        #expect(space.journalLines == 4)   // the header, the batch line and its two events
    }

    @Test func filesThatCannotBeReadAreReportedInOrder() throws {
        let space = try Workspace()
        let notZip = try space.write("坏.xlsx", Array("学校代码,序号\n".utf8))
        let text = try space.write("名单.txt", Array("3701000001\n".utf8))
        let badBytes = try space.write("乱码.csv", Array("学校代码,序号\n3701000001,1\n".utf8) + [0x33, 0xFF, 0x0A])
        let header = Flat.header.joined(separator: ",") + "\n" + Flat.row(Province.jinan, "1", nil, ["1", "0", "0", "0"]).joined(separator: ",")
        let open = try space.write("引号.csv", Array((header + "\n3701000001,\"济南\n").utf8))
        let good = try space.csv("济南.csv", Self.clean)
        let missing = space.file("不存在.csv")
        let summary = space.importing([notZip, text, badBytes, missing, open, good])
        #expect(summary.problems.map(\.description) == [
            "坏.xlsx:1：应为 .xlsx 工作簿（zip 包），实际无法作为 zip 打开",
            "名单.txt:1：应为 .xlsx 或 .csv 文件，实际扩展名为「txt」",
            "乱码.csv:3：第 3 行（字节 34）：应为 UTF-8 或 GB18030 编码的文本，实际为无法识别的字节",
            "不存在.csv:1：应为存在的文件或目录，实际找不到",
            "引号.csv:3：第 3 行：引号内的字段没有结束引号",
        ])
        #expect(summary.applied == ["济南.csv"])
        #expect(space.journalLines == 4)   // the header, the batch line and its two events
    }

    @Test func directoriesExpandToTheirSpreadsheetsInNameOrder() throws {
        let space = try Workspace()
        let folder = space.file("收件箱")
        for name in ["b.csv", "a.XLSX", ".a.csv", "~$b.xlsx", "说明.txt", "c.csv"] {
            try space.write("收件箱/\(name)", [])
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("子目录.csv"), withIntermediateDirectories: true)
        let files = Importer.expand([folder.path, space.file("单个.xlsx").path])
        #expect(files.map(\.label) == [folder.path + "/a.XLSX", folder.path + "/b.csv", folder.path + "/c.csv",
                                       folder.path + "/子目录.csv", space.file("单个.xlsx").path])
        #expect(files.map(\.url.lastPathComponent) == ["a.XLSX", "b.csv", "c.csv", "子目录.csv", "单个.xlsx"])
    }

    @Test func aDirectoryBatchReportsProgressAndEveryFile() throws {
        let space = try Workspace()
        try space.csv("批次/1-济南.csv", Self.clean)
        try space.csv("批次/2-青岛.csv", Self.oneBad)
        var progress: [String] = []
        let summary = Importer(store: space.store).run(Importer.expand([space.file("批次").path]), dryRun: false) {
            progress.append("\($0)/\($1)")
        }
        #expect(progress == ["1/2", "2/2"])
        #expect(summary.applied.map { ($0 as NSString).lastPathComponent } == ["1-济南.csv"])
        #expect(summary.problems.map(\.description)
            == [space.file("批次/2-青岛.csv").path + ":3：行业企业投入：应为不小于0的金额（不能为负数），实际为「-2」"])
    }

    @Test func aDryRunOfABatchPlansEveryFileAndWritesNothing() throws {
        let space = try Workspace()
        let good = try space.csv("济南.csv", Self.clean)
        let bad = try space.csv("青岛.csv", Self.oneBad)
        let journal = space.journalBytes
        let summary = space.importing([good, bad], dryRun: true)
        #expect(summary.applied.isEmpty)
        #expect(summary.submitted == 2)
        #expect(summary.problems.count == 1)
        #expect(space.journalBytes == journal)
        #expect(space.ledger.claims.isEmpty)
    }
}
