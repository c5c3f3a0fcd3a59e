import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

/// Workbooks written part by part, as Excel and WPS write them and XLSXWriter never does.
@Suite struct XLSXReaderTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Zips `parts` (path → XML) into a workbook at `url`.
    static func zip(_ parts: [String: String], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func workbook(_ sheets: [(name: String, id: String)]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relNS)"><sheets>"#
            + sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)" r:id="\#($1.id)"/>"# }.joined()
            + "</sheets></workbook>"
    }

    static func relations(_ targets: [(id: String, target: String)]) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + targets.map { #"<Relationship Id="\#($0.id)" Type="\#(relNS)/worksheet" Target="\#($0.target)"/>"# }.joined()
            + "</Relationships>"
    }

    static let sharedStrings = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)" count="4" uniqueCount="4">"#
        + "<si><t>学校代码</t></si>"
        + #"<si><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>培育200所左右</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve">“三全育人” 典型学校</t></r>"#
        + #"<rPh sb="0" eb="2"><t>ペイイク</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>"#
        + #"<si><t>济南市</t><rPh sb="0" eb="3"><t>ジナンシ</t></rPh><phoneticPr fontId="1"/></si>"#
        + "<si><t>R&amp;D &lt;研发&gt;</t></si>"
        + "</sst>"

    static let exportSheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>"#
        + #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>3701000001</t></is></c><c r="D1" t="s"><v>3</v></c></row>"#
        + #"<row r="3" spans="1:8"><c t="s"><v>1</v></c><c t="str"><f>B4&amp;""</f><v>济南市</v></c><c s="3"><v>1E-4</v></c>"#
        + #"<c r="F3"><v>16</v></c><c><v>0.30000000000000004</v></c></row>"#
        + #"<row><c r="A4" t="b"><v>1</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" t="inlineStr"><is><r><t>甲</t></r><r><t>乙</t></r><rPh sb="0" eb="1"><t>コウ</t></rPh></is></c>"#
        + #"<c r="D4" t="e"><v>#DIV/0!</v></c><c r="E4"/><c r="G4" t="s"/></row>"#
        + "</sheetData>"
        + #"<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="E3:E4"/></mergeCells></worksheet>"#

    /// A second sheet written with a namespace prefix, as some generators do.
    static let prefixedSheet = #"<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="\#(main)"><x:sheetData>"#
        + #"<x:row r="2"><x:c r="AA2" t="inlineStr"><x:is><x:t>附表</x:t></x:is></x:c><x:c r="AB2"><x:v>12345678.9999</x:v></x:c></x:row>"#
        + "</x:sheetData></x:worksheet>"

    /// Zips the hand-made workbook (two sheets, one reached by an absolute target) as `name` in `scratch`.
    static func handMade(_ name: String, in scratch: Scratch, shared: String = sharedStrings, export: String = exportSheet) throws -> URL {
        let url = scratch.file(name)
        try zip([
            "xl/workbook.xml": workbook([("学校导出表", "rId7"), ("附表", "rId2")]),
            "xl/_rels/workbook.xml.rels": relations([("rId2", "worksheets/sheet9.xml"), ("rId7", "/xl/worksheets/export.xml")]),
            "xl/sharedStrings.xml": shared,
            "xl/worksheets/export.xml": export,
            "xl/worksheets/sheet9.xml": prefixedSheet,
        ], to: url)
        return url
    }

    /// Why the workbook at `url` cannot be read, or nil when it can.
    static func readError(_ url: URL) -> SheetReadError? { thrown(SheetReadError.self) { _ = try sheets(url) } }

    @Test func readsSharedRichPhoneticInlineFormulaAndNumericCells() throws {
        let scratch = try Scratch()
        let url = try Self.handMade("3701000001.xlsx", in: scratch)
        let tables = try sheets(url)
        #expect(tables.map(\.name) == ["学校导出表", "附表"])
        let rows = tables[0].rows
        #expect(rows.map(\.number) == [1, 3, 4])
        #expect(rows[0].cells == [.text("学校代码"), .text("3701000001"), nil, .text("R&D <研发>")])
        #expect(rows[1].cells == [.text("培育200所左右“三全育人” 典型学校"), .text("济南市"), .number("1E-4"), nil, nil,
                                  .number("16"), .number("0.30000000000000004")])
        #expect(rows[2].cells == [.text("TRUE"), .text("济南市"), .text("甲乙"), .text("#DIV/0!")])
        #expect(!rows.flatMap(\.cells).contains { $0?.text.contains("ペ") == true || $0?.text.contains("ジ") == true || $0?.text.contains("コ") == true })
        #expect(tables[0].merged == [CellRange("A1:A2")!, CellRange("E3:E4")!])

        let other = tables[1]
        #expect(other.rows.count == 1)
        #expect(other.rows[0].number == 2)
        #expect(other.rows[0].value(26) == .text("附表"))
        #expect(other.rows[0].value(27) == .number("12345678.9999"))
        #expect(other.merged.isEmpty)
    }

    @Test func aSharedStringIndexOutOfRangeNamesSheetAndCell() throws {
        let scratch = try Scratch()
        let bad = Self.exportSheet.replacingOccurrences(of: #"<c r="B4" t="s"><v>2</v></c>"#, with: #"<c r="B4" t="s"><v>7</v></c>"#)
        let url = try Self.handMade("坏.xlsx", in: scratch, export: bad)
        let error = try #require(Self.readError(url))
        #expect(error.description == "坏.xlsx:学校导出表!B4：共享字符串序号：应为 0–3，实际为「7」")
        #expect(error.location == SheetLocation(file: "坏.xlsx", sheet: "学校导出表", row: 4, column: 1))
    }

    @Test func aBadCellReferenceIsReported() throws {
        let scratch = try Scratch()
        let url = try Self.handMade("坏.xlsx", in: scratch, export: Self.exportSheet.replacingOccurrences(of: #"r="F3""#, with: #"r="3F""#))
        let error = try #require(Self.readError(url))
        #expect(error.description == "坏.xlsx:学校导出表!3:3：单元格引用：应为如 B7 的单元格引用，实际为「3F」")
    }

    @Test func brokenXMLNamesThePartAndLine() throws {
        let scratch = try Scratch()
        let url = try Self.handMade("坏.xlsx", in: scratch, shared: Self.sharedStrings.replacingOccurrences(of: "</sst>", with: "\n<si><t>未闭合</si></sst>"))
        let error = try #require(Self.readError(url))
        #expect(error.file == "坏.xlsx")
        #expect(error.message.hasPrefix("xl/sharedStrings.xml 第 2 行不是有效的 XML"))
    }

    /// A sheet cut short must not pass as the rows before the cut.
    @Test func aTruncatedSheetIsRefusedNotReadInPart() throws {
        let scratch = try Scratch()
        let cut = Self.exportSheet.range(of: "<row><c r=\"A4\"")!.lowerBound
        let url = try Self.handMade("截断.xlsx", in: scratch, export: String(Self.exportSheet[..<cut]))
        let error = try #require(Self.readError(url))
        #expect(error.message.hasPrefix("xl/worksheets/export.xml 第 1 行不是有效的 XML"))
    }

    @Test func notAZipAndNoWorkbookAreRefused() throws {
        let scratch = try Scratch()
        let text = scratch.file("假.xlsx")
        try Data("学校代码,序号\n".utf8).write(to: text)
        #expect(Self.readError(text)
            == SheetReadError(file: "假.xlsx", message: "应为 .xlsx 工作簿（zip 包），实际无法作为 zip 打开"))
        let empty = scratch.file("空.xlsx")
        try Self.zip(["docProps/app.xml": "<Properties/>"], to: empty)
        #expect(Self.readError(empty)
            == SheetReadError(file: "空.xlsx", message: "应为 .xlsx 工作簿，实际缺少 xl/workbook.xml"))
        let missing = scratch.file("缺.xlsx")
        try Self.zip(["xl/workbook.xml": Self.workbook([("学校导出表", "rId1")])], to: missing)
        #expect(Self.readError(missing)
            == SheetReadError(file: "缺.xlsx", message: "工作表「学校导出表」缺少 xl/worksheets/sheet1.xml"))
    }
}
