import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

@Suite struct XLSXRoundTripTests {
    static let columns = [OutputColumn("学校代码", width: 12), OutputColumn("学校名称", width: 30), OutputColumn("承接数量", width: 9),
                          OutputColumn("汇总", width: 12.5)]

    /// Writes a two-sheet workbook: claims with a frozen header, then a notice sheet with merged headers.
    static func write(to url: URL) throws {
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: "承接任务明细", columns: columns, frozenRows: 1)
        try writer.appendRow(columns.map { .text($0.header, bold: true) })
        try writer.appendRow([.text("3701000001"), .text("R&D <研发> \"双高\" 学校 & 企业"), .integer(2), .decimal("0.0001")])
        try writer.appendRow([.text("3702000003"), .empty, .integer(0), .decimal("12345678.9999")])
        try writer.appendRow([.text("  前后空格  "), .text("第一行\n第二行"), .text("-"), .decimal("57")])
        try writer.endSheet()
        try writer.beginSheet(name: "退回修改通知", columns: [], frozenRows: 0)
        try writer.appendRow([.text("退回修改通知", bold: true)])
        try writer.appendRow([.text("序号"), .text("预计投入经费（单位：万元）"), .empty, .text("修改意见")])
        try writer.appendRow([.empty, .text("学校自筹"), .text("地市县投入"), .empty])
        try writer.appendRow([.text("3.1"), .decimal("6"), .decimal("1.5"), .text("经费预算填写不完整")])
        try writer.endSheet(merging: [CellRange("A1:D1")!, CellRange("B2:C2")!, CellRange("A2:A3")!, CellRange("D2:D3")!])
        try writer.finish()
    }

    static func part(_ archive: Archive, _ path: String) throws -> String {
        let entry = try #require(archive[path], "\(path) is missing")
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func readsBackSheetsValuesAndMerges() throws {
        let scratch = try Scratch()
        let url = scratch.file("山东省承接任务.xlsx")
        try Self.write(to: url)
        let tables = try sheets(url)
        #expect(tables.map(\.name) == ["承接任务明细", "退回修改通知"])

        let claims = tables[0]
        #expect(claims.rows.map(\.number) == [1, 2, 3, 4])
        #expect(claims.rows[0].cells == [.text("学校代码"), .text("学校名称"), .text("承接数量"), .text("汇总")])
        #expect(claims.rows[1].cells == [.text("3701000001"), .text("R&D <研发> \"双高\" 学校 & 企业"), .number("2"), .number("0.0001")])
        #expect(claims.rows[2].cells == [.text("3702000003"), nil, .number("0"), .number("12345678.9999")])
        #expect(claims.rows[3].cells == [.text("  前后空格  "), .text("第一行\n第二行"), .text("-"), .number("57")])
        #expect(claims.merged.isEmpty)

        let notice = tables[1]
        #expect(notice.rows.count == 4)
        #expect(notice.rows[1].cells == [.text("序号"), .text("预计投入经费（单位：万元）"), nil, .text("修改意见")])
        #expect(notice.rows[2].cells == [nil, .text("学校自筹"), .text("地市县投入")])
        #expect(notice.rows[3].cells == [.text("3.1"), .number("6"), .number("1.5"), .text("经费预算填写不完整")])
        #expect(notice.merged.map(\.description) == ["A1:D1", "B2:C2", "A2:A3", "D2:D3"])
    }

    @Test func thePackageHoldsStylesAFrozenPaneAndColumnWidths() throws {
        let scratch = try Scratch()
        let url = scratch.file("明细.xlsx")
        try Self.write(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        #expect(Set(archive.map(\.path)) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                              "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                                              "xl/worksheets/sheet2.xml"])
        let styles = try Self.part(archive, "xl/styles.xml")
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="0.00##"/>"#))
        #expect(styles.contains(#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#))
        #expect(styles.contains(#"<xf numFmtId="1" "#))
        #expect(styles.contains("<b/>"))

        let sheet1 = try Self.part(archive, "xl/worksheets/sheet1.xml")
        #expect(sheet1.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet1.contains(#"<col min="2" max="2" width="30.0" customWidth="1"/>"#))
        #expect(sheet1.contains(#"<col min="4" max="4" width="12.5" customWidth="1"/>"#))
        #expect(sheet1.contains(#"<c r="A1" s="1" t="s"><v>0</v></c>"#))
        #expect(sheet1.contains(#"<c r="C2" s="2"><v>2</v></c>"#))
        #expect(sheet1.contains(#"<c r="D3" s="3"><v>12345678.9999</v></c>"#))
        let strings = try Self.part(archive, "xl/sharedStrings.xml")
        #expect(strings.contains("R&amp;D &lt;研发&gt; &quot;双高&quot;"))
        #expect(!sheet1.contains("研发"))
        #expect(!sheet1.contains("<mergeCells"))

        let sheet2 = try Self.part(archive, "xl/worksheets/sheet2.xml")
        #expect(!sheet2.contains("<pane"))
        #expect(!sheet2.contains("<cols>"))
        #expect(sheet2.contains(#"<mergeCells count="4"><mergeCell ref="A1:D1"/>"#))

        let workbook = try Self.part(archive, "xl/workbook.xml")
        #expect(workbook.contains(#"<sheet name="承接任务明细" sheetId="1" r:id="rId1"/>"#))
        #expect(workbook.contains(#"<sheet name="退回修改通知" sheetId="2" r:id="rId2"/>"#))
        let types = try Self.part(archive, "[Content_Types].xml")
        #expect(types.contains(#"PartName="/xl/worksheets/sheet2.xml""#))
        #expect(types.contains(#"PartName="/xl/styles.xml""#))
        let rels = try Self.part(archive, "xl/_rels/workbook.xml.rels")
        #expect(rels.contains(#"Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml""#))
        #expect(rels.contains(#"Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml""#))
        #expect(types.contains(#"PartName="/xl/sharedStrings.xml""#))
        #expect(try scratch.names() == ["明细.xlsx"])
    }

    /// Every entry's CRC-32, in its data descriptor and in the central directory, is that of its bytes.
    /// ZIPFoundation's `extract(_:consumer:)` returns the CRC it computed without comparing it, so reading the
    /// workbook back does not catch a wrong one; Excel offers to repair such a file and `unzip -t` fails it.
    /// A part whose bytes do not match the CRC the archive records is refused, not read.
    @Test func aPartWithAWrongCRCIsRefused() throws {
        let scratch = try Scratch()
        let url = scratch.file("损坏.xlsx")
        try Self.write(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        try #require(u32(end) == 0x0605_4b50, "end of central directory")
        let first = u32(end + 16)   // the first entry, xl/worksheets/sheet1.xml: its descriptor follows its data
        let local = u32(first + 42)
        let descriptor = local + 30 + u16(local + 26) + u16(local + 28) + u32(first + 20)
        try #require(u32(descriptor) == 0x0807_4b50, "data descriptor")
        bytes[descriptor + 4] ^= 0x01
        bytes[first + 16] ^= 0x01
        try Data(bytes).write(to: url)
        let error = try #require(thrown(SheetReadError.self) { _ = try XLSXReader.read(url, file: "损坏.xlsx") })
        #expect(error.description.hasPrefix("损坏.xlsx：工作簿中的 xl/worksheets/sheet1.xml 已损坏"))
    }

    @Test func everyEntrysCRCIsThatOfItsBytes() throws {
        let scratch = try Scratch()
        let url = scratch.file("校验.xlsx")
        try Self.write(to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        let end = bytes.count - 22
        try #require(u32(end) == 0x0605_4b50, "end of central directory")
        let archive = try Archive(url: url, accessMode: .read)
        var at = Int(u32(end + 16))
        var names: [String] = []
        for _ in 0..<u16(end + 10) {
            try #require(u32(at) == 0x0201_4b50, "central directory record at \(at)")
            let crc = u32(at + 16), compressed = Int(u32(at + 20)), size = Int(u32(at + 24)), local = Int(u32(at + 42))
            let nameLength = u16(at + 28)
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var data = Data()
            let computed = try archive.extract(try #require(archive[name]), skipCRC32: false) { data.append($0) }
            #expect(data.count == size, "\(name)")
            #expect(crc == computed, "\(name): central directory")
            let descriptor = local + 30 + u16(local + 26) + u16(local + 28) + compressed
            try #require(u32(descriptor) == 0x0807_4b50, "\(name): data descriptor")
            #expect(u32(descriptor + 4) == computed, "\(name): data descriptor")
            #expect(u32(descriptor + 8) == UInt32(compressed) && u32(descriptor + 12) == UInt32(size), "\(name): data descriptor")
            names.append(name)
            at += 46 + nameLength + u16(at + 30) + u16(at + 32)
        }
        #expect(names == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                          "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"])
    }

    @Test func sheetNamesAreMadeAcceptableToExcel() throws {
        #expect(XLSXWriter.sheetName("2020/11:汇总?[初审]*") == "2020_11_汇总__初审__")
        #expect(XLSXWriter.sheetName("") == "Sheet")
        let long = String(repeating: "济南市历城职业中等专业学校", count: 3)
        #expect(XLSXWriter.sheetName(long) == String(long.prefix(31)))

        let scratch = try Scratch()
        let url = scratch.file("a.xlsx")
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: "济南/青岛:汇总", columns: [], frozenRows: 0)
        try writer.appendRow([.text("甲")])
        try writer.finish()
        let tables = try sheets(url)
        #expect(tables.map(\.name) == ["济南_青岛_汇总"])
        #expect(tables[0].rows[0].cells == [.text("甲")])
    }

    @Test func aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFiles() throws {
        let scratch = try Scratch()
        let url = try scratch.existing("明细.xlsx", "旧工作簿")
        do {
            let writer = try XLSXWriter(url: url)
            try writer.beginSheet(name: "承接任务明细", columns: Self.columns, frozenRows: 1)
            try writer.appendRow([.text("3701000001"), .text("济南"), .integer(1), .decimal("1")])
            try writer.endSheet()
            let staged = try #require(try scratch.names().first { $0.hasPrefix(".明细.xlsx.") && $0.hasSuffix(".tmp") })
            #expect(try scratch.names() == [staged, "明细.xlsx"])
            try FileManager.default.removeItem(at: scratch.file(staged))
            #expect(throws: SheetWriteError.self) { try writer.finish() }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "旧工作簿")
        #expect(try scratch.names() == ["明细.xlsx"])
    }

    @Test func aRemovedDirectoryFailsTheWriteAndNothingAppears() throws {
        let scratch = try Scratch()
        let folder = scratch.file("导出")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("明细.xlsx")
        do {
            let writer = try XLSXWriter(url: url)
            try writer.beginSheet(name: "承接任务明细", columns: Self.columns, frozenRows: 1)
            try writer.appendRow([.text("3701000001")])
            try FileManager.default.removeItem(at: folder)
            #expect(throws: SheetWriteError.self) { try writer.finish() }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(try scratch.names().isEmpty)
    }

    @Test func anAbandonedWriterLeavesNothing() throws {
        let scratch = try Scratch()
        do {
            let writer = try XLSXWriter(url: scratch.file("a.xlsx"))
            try writer.beginSheet(name: "甲", columns: [], frozenRows: 1)
            try writer.appendRow([.integer(1)])
        }
        #expect(try scratch.names().isEmpty)
    }

    /// A part larger than the limit is refused before it is inflated (a zip bomb must not fill memory), and the
    /// limit is for all parts read together: a workbook of many parts just under it is refused too.
    @Test func aPartOverTheLimitIsRefusedWithItsSize() throws {
        let scratch = try Scratch()
        let url = scratch.file("炸弹.xlsx")
        try Self.write(to: url)
        var limits = XLSXReader.Limits()
        limits.xmlBytes = 100
        let error = try #require(thrown(SheetReadError.self) { _ = try XLSXReader.read(url, file: "炸弹.xlsx", limits: limits) })
        #expect(error.description.hasPrefix("炸弹.xlsx：工作簿中的 xl/workbook.xml 解压后应不超过 100 字节，实际为 "))
        let archive = try Archive(url: url, accessMode: .read)
        let workbook = try #require(archive["xl/workbook.xml"]).uncompressedSize
        limits.xmlBytes = workbook + 10
        let second = try #require(thrown(SheetReadError.self) { _ = try XLSXReader.read(url, file: "炸弹.xlsx", limits: limits) })
        #expect(second.description.hasPrefix("炸弹.xlsx：工作簿中的 xl/_rels/workbook.xml.rels 解压后应不超过 10 字节（各部分合计最多 \(workbook + 10) 字节，前面已读 \(workbook) 字节），实际为 "))
        #expect(try XLSXReader.read(url, file: "炸弹.xlsx").count == 2)
        #expect(XLSXReader.Limits.standard.xmlBytes == 100 << 20)
    }

    /// A province's claims make a part of more than 10 MB (here the shared strings, all distinct), past libxml2's
    /// limit for one pushed chunk.
    @Test func aSheetPartOverTenMegabytesReadsBack() throws {
        let scratch = try Scratch()
        let url = scratch.file("大.xlsx")
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: "承接任务明细", columns: Self.columns, frozenRows: 1)
        let text = String(repeating: "培育200所左右“三全育人”典型学校，", count: 6)
        for i in 0..<30_000 {
            try writer.appendRow([.text("37010\(String(i).leftPad(5))"), .text("\(text)\(i)"), .integer(i), .decimal("\(i).0\(i % 10)")])
        }
        try writer.finish()
        let archive = try Archive(url: url, accessMode: .read)
        #expect(try #require(archive["xl/sharedStrings.xml"]).uncompressedSize > 10_000_000)
        let rows = try sheets(url)[0].rows
        #expect(rows.count == 30_000)
        #expect(rows[12_345].number == 12_346)
        #expect(rows[12_345].cells == [.text("3701012345"), .text("\(text)12345"), .number("12345"), .number("12345.05")])
        #expect(rows.last?.cells[0] == .text("3701029999"))
    }

    /// The xlsx writer stores text as a shared string (`t="s"`), never as a formula: `=1+1` stays text in Excel.
    @Test func formulaLikeTextIsAStringCellNotAFormula() throws {
        let scratch = try Scratch()
        let url = scratch.file("公式.xlsx")
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: "表", columns: [], frozenRows: 0)
        try writer.appendRow([.text("=1+1"), .text("@SUM(A1)"), .decimal("-1")])
        try writer.finish()
        let archive = try Archive(url: url, accessMode: .read)
        let sheet = try Self.part(archive, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        #expect(sheet.contains(#"<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>"#))
        #expect(try Self.part(archive, "xl/sharedStrings.xml").contains(#"<si><t xml:space="preserve">=1+1</t></si>"#))
        #expect(try sheets(url)[0].rows[0].cells == [.text("=1+1"), .text("@SUM(A1)"), .number("-1")])
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The print and view setup every sheet gets, and the print titles and styles a sheet asks for.
@Suite struct XLSXPrintSetupTests {
    static let columns = [OutputColumn("序号", width: 7), OutputColumn("工作任务", width: 60, wrap: true), OutputColumn("汇总", width: 12)]

    /// Sheet 1: a title, a notes line and a header, frozen and repeated on every page; sheet 2 (a name with
    /// a `'`): nothing frozen or repeated.
    static func write(to url: URL) throws {
        let writer = try XLSXWriter(url: url)
        try writer.beginSheet(name: "分任务承接学校一览表", columns: columns, frozenRows: 3, printTitles: 3...3)
        try writer.appendRow([.title("山东省 分任务承接学校一览表")])
        try writer.appendRow([.text("单位：万元")])
        try writer.appendRow(columns.map { .text($0.header, bold: true) })
        try writer.appendRow([.text("1"), .text("建设一批高水平职业院校和专业"), .decimal("1.5")])
        try writer.appendRow([.text("合计", bold: true), .text("1 项任务", bold: true), .decimal("1.5")])
        try writer.endSheet(merging: [CellRange("A1:C1")!])
        try writer.beginSheet(name: "O'Brien 学校", columns: [], frozenRows: 0)
        try writer.appendRow([.text("序号")])
        try writer.finish()
    }

    @Test func eachSheetIsLandscapeA4OnePageWideWithItsPartsInSchemaOrder() throws {
        let scratch = try Scratch()
        let url = scratch.file("一览.xlsx")
        try Self.write(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        for path in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            let xml = try XLSXRoundTripTests.part(archive, path)
            #expect(xml.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#), "\(path)")
            #expect(xml.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#), "\(path)")
            #expect(xml.contains("<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"), "\(path)")
            // ECMA-376 Part 1, CT_Worksheet: sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, …,
            // mergeCells, …, pageMargins, pageSetup, headerFooter.
            let order = ["<sheetPr>", "<sheetViews>", "<sheetFormatPr", "<cols>", "<sheetData>", "</sheetData>", "<mergeCells",
                         "<pageMargins", "<pageSetup", "<headerFooter>", "</worksheet>"]
            let at = order.compactMap { xml.range(of: $0)?.lowerBound }
            #expect(at == at.sorted(), "\(path)")
            #expect(at.count == (path.hasSuffix("1.xml") ? order.count : order.count - 2), "\(path)")
        }
        let sheet1 = try XLSXRoundTripTests.part(archive, "xl/worksheets/sheet1.xml")
        #expect(sheet1.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet1.contains(#"<c r="A1" s="5" t="s"><v>0</v></c>"#))   // the title style
        #expect(sheet1.contains(#"<c r="B4" s="4" t="s">"#))                // plain text in a wrapping column
        #expect(sheet1.contains(#"<c r="A4" t="s">"#))                      // not in one that does not wrap
        #expect(sheet1.contains(#"<c r="B5" s="1" t="s">"#))                // bold stays bold
        #expect(sheet1.contains(#"<c r="B3" s="1" t="s">"#))

        let styles = try XLSXRoundTripTests.part(archive, "xl/styles.xml")
        #expect(styles.contains(#"<cellXfs count="6">"#))
        let xfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
        #expect(xfs.count == 6)
        #expect(Array(xfs)[4].contains(#"<alignment wrapText="1"/>"#))
        #expect(Array(xfs)[5].contains(#"fontId="2""#))
        #expect(styles.contains(#"<fonts count="3">"#) && styles.contains(#"<font><b/><sz val="14"/>"#))

        let workbook = try XLSXRoundTripTests.part(archive, "xl/workbook.xml")
        #expect(workbook.contains(#"</sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'分任务承接学校一览表'!$3:$3</definedName></definedNames></workbook>"#))
        #expect(!workbook.contains(#"localSheetId="1""#))
        #expect(XLSXWriter.printTitlesReference(sheet: "O'Brien 学校", rows: 5...6) == "'O''Brien 学校'!$5:$6")
    }

    @Test func theReaderReadsTheTitledSheetBack() throws {
        let scratch = try Scratch()
        let url = scratch.file("一览.xlsx")
        try Self.write(to: url)
        let tables = try sheets(url)
        #expect(tables.map(\.name) == ["分任务承接学校一览表", "O'Brien 学校"])
        #expect(tables[0].rows.map(\.cells) == [[.text("山东省 分任务承接学校一览表")], [.text("单位：万元")],
                                                 [.text("序号"), .text("工作任务"), .text("汇总")],
                                                 [.text("1"), .text("建设一批高水平职业院校和专业"), .number("1.5")],
                                                 [.text("合计"), .text("1 项任务"), .number("1.5")]])
        #expect(tables[0].merged.map(\.description) == ["A1:C1"])
    }
}
