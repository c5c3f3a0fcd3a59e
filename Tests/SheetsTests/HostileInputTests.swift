import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

/// Workbooks and CSV files crafted to hurt a shared server: each is read within its bounds or refused with a
/// message naming the file and, where there is one, the sheet and cell or the line.
@Suite struct HostileInputTests {
    static let main = XLSXReaderTests.main

    /// A one-sheet workbook named 表 whose sheet XML is `sheetData` (rows) and whose shared strings are `shared`.
    static func workbook(_ name: String, in scratch: Scratch, sheetData: String, shared: [String]? = nil,
                         sheetXML: String? = nil, sharedXML: String? = nil) throws -> URL {
        let url = scratch.file(name)
        var parts = [
            "xl/workbook.xml": XLSXReaderTests.workbook([("表", "rId1")]),
            "xl/_rels/workbook.xml.rels": XLSXReaderTests.relations([("rId1", "worksheets/sheet1.xml")]),
            "xl/worksheets/sheet1.xml": sheetXML ?? #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#,
        ]
        if let sharedXML {
            parts["xl/sharedStrings.xml"] = sharedXML
        } else if let shared {
            parts["xl/sharedStrings.xml"] = #"<sst xmlns="\#(main)">"# + shared.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        }
        try XLSXReaderTests.zip(parts, to: url)
        return url
    }

    static func readError(_ url: URL, limits: XLSXReader.Limits = .standard) -> SheetReadError? {
        thrown(SheetReadError.self) { _ = try XLSXReader.read(url, file: url.lastPathComponent, limits: limits) }
    }

    // MARK: Sparse cells

    /// The attack of the issue in small: before, every row was padded to its last column (16,384 cells a row).
    @Test func aCellAtTheLastColumnIsStoredAsOneCell() throws {
        let scratch = try Scratch()
        let rows = (1...200).map { #"<row r="\#($0)"><c r="XFD\#($0)" t="inlineStr"><is><t>x</t></is></c></row>"# }.joined()
        let url = try Self.workbook("宽.xlsx", in: scratch, sheetData: rows)
        let table = try #require(try sheets(url).first)
        #expect(table.rows.count == 200)
        #expect(table.rows.allSatisfy { $0.entries.count == 1 })
        #expect(table.rows[199].entries == [SheetCell(column: 16_383, value: .text("x"))])
        #expect(table.rows[0].value(16_383) == .text("x"))
        #expect(table.rows[0].value(16_382) == nil)
        #expect(table.rows[0].text(0) == "")
    }

    @Test func cellsOutOfOrderOrRepeatedEndSortedWithTheLastValue() throws {
        let scratch = try Scratch()
        let row = #"<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="C1"><v>33</v></c><c><v>4</v></c></row>"#
        let table = try #require(try sheets(try Self.workbook("乱.xlsx", in: scratch, sheetData: row)).first)
        // A cell without `r` follows the one before it in the file (C1), as Excel reads it.
        #expect(table.rows[0].entries.map(\.column) == [0, 2, 3])
        #expect(table.rows[0].cells == [.number("1"), nil, .number("33"), .number("4")])
    }

    /// The lookup a layout does for every cell of 400,000 rows, against the dense row it replaces.
    @Test func aSparseRowFindsEveryCellADenseOneWould() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let width = Int(rng.next() % 40)
            let dense: [CellValue?] = (0..<width).map { i in rng.next() % 3 == 0 ? nil : .text("\(i)") }
            let row = SheetRow(number: 1, cells: dense)
            for column in -2..<(width + 3) {
                #expect(row.value(column) == (column >= 0 && column < width ? dense[column] : nil))
            }
            #expect(row.cells == dense)
            #expect(row.entries.count == dense.count { $0 != nil })
        }
    }

    // MARK: Excel's limits

    @Test(arguments: [
        (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "表!XFE1：单元格引用：应在 Excel 的范围内（最多 16384 列即 XFD 列、1048576 行），实际为「XFE1」"),
        (#"<row r="7"><c r="ZZZ7"><v>1</v></c></row>"#, "表!ZZZ7：单元格引用：应在 Excel 的范围内（最多 16384 列即 XFD 列、1048576 行），实际为「ZZZ7」"),
        (#"<row r="1"><c r="A99999999"><v>1</v></c></row>"#, "表!A99999999：单元格引用：应在 Excel 的范围内（最多 16384 列即 XFD 列、1048576 行），实际为「A99999999」"),
        (#"<row r="2"><c r="A1048577"><v>1</v></c></row>"#, "表!A1048577：单元格引用：应在 Excel 的范围内（最多 16384 列即 XFD 列、1048576 行），实际为「A1048577」"),
        (#"<row r="3"><c r="A0"><v>1</v></c></row>"#, "表!3:3：单元格引用：应为如 B7 的单元格引用，实际为「A0」"),
        (#"<row r="3"><c r="A-1"><v>1</v></c></row>"#, "表!3:3：单元格引用：应为如 B7 的单元格引用，实际为「A-1」"),
        (#"<row r="1"><c r="XFC1"><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>"#, "表!XFE1：单元格：应在 Excel 的范围内（最多 16384 列即 XFD 列），实际在第 16385 列"),
        (#"<row r="1048577"><c><v>1</v></c></row>"#, "工作表「表」的行号：应为 1–1048576（Excel 的上限），实际为「1048577」"),
        (#"<row r="0"><c><v>1</v></c></row>"#, "工作表「表」的行号：应为 1–1048576（Excel 的上限），实际为「0」"),
        (#"<row r="99999999999999999999999"><c><v>1</v></c></row>"#, "工作表「表」的行号：应为 1–1048576（Excel 的上限），实际为「99999999999999999999999」"),
        (#"<row r="1048576"><c><v>1</v></c></row><row><c><v>1</v></c></row>"#, "工作表「表」的行号：应最多 1048576 行（Excel 的上限），实际更多"),
        (#"<row r="1"><c t="s"><v>5</v></c></row>"#, "表!A1：共享字符串序号：应为 0–1，实际为「5」"),
        (#"<row r="1"><c t="s"><v>-1</v></c></row>"#, "表!A1：共享字符串序号：应为 0–1，实际为「-1」"),
        (#"<row r="1"><c t="s"><v>99999999999999999999999</v></c></row>"#, "表!A1：共享字符串序号：应为 0–1，实际为「99999999999999999999999」"),
    ])
    func whatLiesBeyondExcelIsRefusedNamingSheetAndCell(sheetData: String, expected: String) throws {
        let scratch = try Scratch()
        let url = try Self.workbook("界.xlsx", in: scratch, sheetData: sheetData, shared: ["甲", "乙"])
        let error = try #require(Self.readError(url))
        let message = error.description
        #expect(message == "界.xlsx:" + expected || message == "界.xlsx：xl/worksheets/sheet1.xml：" + expected, "\(message)")
    }

    @Test func theLastCellExcelHasIsRead() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("角.xlsx", in: scratch, sheetData: #"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)
        let row = try #require(try sheets(url).first?.rows.first)
        #expect(row.number == 1_048_576)
        #expect(row.entries == [SheetCell(column: 16_383, value: .number("1"))])
    }

    @Test func aSharedStringIndexWithoutSharedStringsSaysSo() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("无.xlsx", in: scratch, sheetData: #"<row r="2"><c r="B2" t="s"><v>0</v></c></row>"#)
        #expect(Self.readError(url)?.description == "无.xlsx:表!B2：共享字符串序号：应为 工作簿的共享字符串（xl/sharedStrings.xml 没有或为空），实际为「0」")
    }

    /// A reference of a million letters is cut in the message.
    @Test func aHugeAttributeIsQuotedShort() throws {
        let scratch = try Scratch()
        let ref = String(repeating: "A", count: 1_000_000) + "1"
        let url = try Self.workbook("长.xlsx", in: scratch, sheetData: #"<row r="1"><c r="\#(ref)"><v>1</v></c></row>"#)
        let error = try #require(Self.readError(url))
        #expect(error.description == "长.xlsx:表!1:1：单元格引用：应在 Excel 的范围内（最多 16384 列即 XFD 列、1048576 行），实际为「\(String(repeating: "A", count: 40))…」")
    }

    // MARK: Caps

    @Test func theCellCapCountsCellsAndRowsOfAllSheets() throws {
        let scratch = try Scratch()
        let rows = (1...4).map { #"<row r="\#($0)"><c r="A\#($0)"><v>1</v></c><c r="B\#($0)"><v>2</v></c></row>"# }.joined()
        let url = try Self.workbook("多.xlsx", in: scratch, sheetData: rows)
        var limits = XLSXReader.Limits()
        limits.cells = 12
        #expect(try XLSXReader.read(url, file: "多.xlsx", limits: limits)[0].rows.count == 4)
        limits.cells = 11
        #expect(Self.readError(url, limits: limits)?.description == "多.xlsx:表!B4：单元格：工作簿应最多 11 个单元格和行，实际更多；请改用 CSV")
        #expect(XLSXReader.Limits.standard.cells == 10_000_000)
    }

    @Test func mergedRangesCountAsCells() throws {
        let scratch = try Scratch()
        let merges = (1...3).map { #"<mergeCell ref="A\#($0):B\#($0)"/>"# }.joined()
        let sheet = #"<worksheet xmlns="\#(Self.main)"><sheetData><row r="1"><c><v>1</v></c></row></sheetData><mergeCells>\#(merges)</mergeCells></worksheet>"#
        let url = try Self.workbook("合并.xlsx", in: scratch, sheetData: "", sheetXML: sheet)
        var limits = XLSXReader.Limits()
        limits.cells = 5
        #expect(try XLSXReader.read(url, file: "合并.xlsx", limits: limits)[0].merged.count == 3)
        limits.cells = 4
        #expect(Self.readError(url, limits: limits)?.description == "合并.xlsx:表!A1：单元格：工作簿应最多 4 个单元格和行，实际更多；请改用 CSV")
    }

    @Test func theSharedStringCapIsChecked() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("串.xlsx", in: scratch, sheetData: "", shared: ["甲", "乙", "丙"])
        var limits = XLSXReader.Limits()
        limits.sharedStrings = 3
        #expect(try XLSXReader.read(url, file: "串.xlsx", limits: limits).count == 1)
        limits.sharedStrings = 2
        #expect(Self.readError(url, limits: limits)?.description == "串.xlsx：xl/sharedStrings.xml：共享字符串应最多 2 个，实际更多；请改用 CSV")
        #expect(XLSXReader.Limits.standard.sharedStrings == 1_000_000)
    }

    @Test func theNodeBudgetFollowsTheFileSize() throws {
        let scratch = try Scratch()
        let rows = String(repeating: "<row/>", count: 5_000)
        let url = try Self.workbook("空行.xlsx", in: scratch, sheetData: rows)
        var limits = XLSXReader.Limits()
        limits.xmlNodesBase = 4_000
        limits.xmlNodesPerFileByte = 0
        let error = try #require(Self.readError(url, limits: limits))
        #expect(error.description == "空行.xlsx：xl/worksheets/sheet1.xml：XML 节点（元素、属性、文本）应最多 4000 个（4000 个加上文件的每字节 0 个），实际更多；请改用 CSV")
        limits.xmlNodesPerFileByte = 1000   // the file is well over a few bytes: now there is room
        #expect(try XLSXReader.read(url, file: "空行.xlsx", limits: limits)[0].rows.count == 5_000)
    }

    @Test func theSheetCapIsChecked() throws {
        let scratch = try Scratch()
        let url = scratch.file("表多.xlsx")
        try XLSXReaderTests.zip([
            "xl/workbook.xml": XLSXReaderTests.workbook((1...3).map { ("表\($0)", "rId1") }),
            "xl/_rels/workbook.xml.rels": XLSXReaderTests.relations([("rId1", "worksheets/sheet1.xml")]),
            "xl/worksheets/sheet1.xml": #"<worksheet xmlns="\#(Self.main)"><sheetData/></worksheet>"#,
        ], to: url)
        var limits = XLSXReader.Limits()
        limits.sheets = 3
        #expect(try XLSXReader.read(url, file: "表多.xlsx", limits: limits).count == 3)
        limits.sheets = 2
        #expect(Self.readError(url, limits: limits)?.description == "表多.xlsx：xl/workbook.xml：工作表应最多 2 个，实际更多")
    }

    @Test func textLongerThanExcelAllowsIsRefused() throws {
        let scratch = try Scratch()
        let long = String(repeating: "学", count: 32_768)
        let fits = String(repeating: "学", count: 32_767)
        let inline = try Self.workbook("长文.xlsx", in: scratch, sheetData: #"<row r="2"><c r="C2" t="inlineStr"><is><t>\#(long)</t></is></c></row>"#)
        #expect(Self.readError(inline)?.description == "长文.xlsx:表!C2：单元格：应最多 32767 个字符（Excel 的上限），实际更长")
        let value = try Self.workbook("长数.xlsx", in: scratch, sheetData: #"<row r="2"><c r="C2" t="str"><v>\#(String(repeating: "9", count: 200_000))</v></c></row>"#)
        #expect(Self.readError(value)?.description == "长数.xlsx:表!C2：单元格：应最多 32767 个字符（Excel 的上限），实际更长")
        let shared = try Self.workbook("长串.xlsx", in: scratch, sheetData: "", shared: ["甲", long])
        #expect(Self.readError(shared)?.description == "长串.xlsx：xl/sharedStrings.xml：第 2 个共享字符串应最多 32767 个字符（Excel 单元格的上限），实际更长")
        let ok = try Self.workbook("满.xlsx", in: scratch, sheetData: #"<row r="1"><c t="s"><v>0</v></c></row>"#, shared: [fits])
        #expect(try sheets(ok)[0].rows[0].value(0) == .text(fits))
    }

    // MARK: DTDs, entities, encodings

    static let laughs = #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">"#
        + #"<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>"#
        + #"<sst xmlns="\#(main)"><si><t>&d;&d;&d;&d;&d;&d;&d;&d;</t></si></sst>"#

    @Test(arguments: [
        HostileInputTests.laughs,
        #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>"#,
        #"<!-- 注释 -->"# + "\n" + #"<!DOCTYPE sst SYSTEM "http://127.0.0.1/x.dtd"><sst/>"#,
        // A broken declaration: libxml2 in recovery mode skips to its first `>` and reads the DOCTYPE after it.
        #"<?xml version="1.0" > <!DOCTYPE sst [<!NOTATION n SYSTEM "n">]> ?><sst/>"#,
        #"<sst><si><t>甲</t></si></sst><!DOCTYPE sst [<!NOTATION n SYSTEM "n">]>"#,
        "\u{FEFF}" + #"<!ENTITY a "b"><sst/>"#,
        #"<!DOCTYPE sst [<!ELEMENT sst ANY>]><sst/>"#,
        // Foundation's XMLParser on Linux dereferences NULL (SIGSEGV) on these three, before any delegate method:
        // an attribute declaration without a default, a notation without a public id, an unparsed entity.
        #"<!DOCTYPE sst [<!ATTLIST sst a CDATA #IMPLIED>]><sst/>"#,
        #"<!DOCTYPE sst [<!NOTATION n SYSTEM "n">]><sst/>"#,
        #"<!DOCTYPE sst [<!ENTITY e SYSTEM "e" NDATA n>]><sst/>"#,
    ])
    func aPartDeclaringADTDIsRefusedBeforeParsing(sharedXML: String) throws {
        let scratch = try Scratch()
        let url = try Self.workbook("实体.xlsx", in: scratch, sheetData: "", sharedXML: sharedXML)
        #expect(Self.readError(url)?.description
            == "实体.xlsx：xl/sharedStrings.xml：应不含 DTD（<!DOCTYPE>、<!ENTITY> 等声明；实体可展开成海量文本或读取其他文件），实际含有")
    }

    /// XMLParser on Linux crashes on `<?x?>` wherever it is: every processing instruction but the declaration is refused.
    @Test(arguments: [
        #"<?pi?><sst/>"#,
        #"<?xml version="1.0"?><sst><si><t>甲</t></si><?pi?></sst>"#,
        #"<sst><si><t>甲<?x data?></t></si></sst>"#,
        #"  <?xml version="1.0"?><sst/>"# + "<?xml version=\"1.0\"?>",
        #"<?xml-stylesheet href="a"?><sst/>"#,
    ])
    func aProcessingInstructionIsRefusedBeforeParsing(sharedXML: String) throws {
        let scratch = try Scratch()
        let url = try Self.workbook("指令.xlsx", in: scratch, sheetData: "", sharedXML: sharedXML)
        #expect(Self.readError(url)?.description == "指令.xlsx：xl/sharedStrings.xml：应不含处理指令（<?…?>，开头的 XML 声明除外），实际含有")
    }

    @Test func commentsAndCDATAAreStillRead() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("注.xlsx", in: scratch, sheetData: #"<!-- 行 --><row r="1"><c t="str"><v><![CDATA[<甲>]]></v></c></row>"#)
        #expect(try sheets(url)[0].rows[0].cells == [.text("<甲>")])
    }

    @Test func aDTDInTheSheetIsRefusedToo() throws {
        let scratch = try Scratch()
        let sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n" + #"<!DOCTYPE worksheet [<!ENTITY a "1">]><worksheet xmlns="\#(Self.main)"><sheetData><row r="1"><c><v>&a;</v></c></row></sheetData></worksheet>"#
        let url = try Self.workbook("表实体.xlsx", in: scratch, sheetData: "", sheetXML: sheet)
        #expect(Self.readError(url)?.message.hasPrefix("xl/worksheets/sheet1.xml：应不含 DTD") == true)
    }

    /// The byte check is the guard; behind it, the delegate refuses the declarations XMLParser tells it of (those
    /// it can tell without crashing: see above), and any entity it cannot resolve. Internal entity declarations
    /// are not told at all: XMLParser expands them silently, which is why the byte check comes first.
    @Test func withoutTheByteCheckTheDelegateStillRefusesDeclarations() throws {
        let budget = Budget(.standard, fileSize: 0)
        func refusal(_ xml: String) -> String? {
            thrown(SheetReadError.self) {
                _ = try XLSXReader.parse(PartParser(file: "f.xlsx", part: "p.xml", budget: budget), Data(xml.utf8), checkProlog: false)
            }?.description
        }
        #expect(refusal(#"<!DOCTYPE x [<!ELEMENT x ANY>]><x/>"#) == "f.xlsx：p.xml：应不含 DTD（<!DOCTYPE>、<!ENTITY> 等声明），实际含有元素声明「x」")
        #expect(refusal(#"<!DOCTYPE x [<!ATTLIST x a CDATA "1">]><x/>"#)?.contains("实际含有属性声明") == true)
        #expect(refusal(#"<!DOCTYPE x [<!NOTATION n PUBLIC "p" "n">]><x/>"#)?.contains("实际含有记号声明") == true)
        #expect(refusal(#"<x>&undeclared;</x>"#) != nil)
        #expect(refusal(#"<x>a &amp; b</x>"#) == nil)
    }

    @Test(arguments: [
        (#"<?xml version="1.0" encoding="UTF-16"?><sst/>"#, "应为 UTF-8 编码的 XML，实际声明为「UTF-16」"),
        (#"<?xml version="1.0" encoding='utf-7'?><sst/>"#, "应为 UTF-8 编码的 XML，实际声明为「utf-7」"),
        (#"<?xml version="encoding='utf-8'" encoding="UTF-16"?><sst/>"#, "应为 UTF-8 编码的 XML，实际声明为「UTF-16」"),
        ("\u{FFFE}<sst/>", "应为 UTF-8 编码的 XML，实际不是（首个字符不是「<」）"),
        ("  sst", "应为 UTF-8 编码的 XML，实际不是（首个字符不是「<」）"),
    ])
    func aPartNotInUTF8IsRefused(sharedXML: String, expected: String) throws {
        let scratch = try Scratch()
        let url = try Self.workbook("码.xlsx", in: scratch, sheetData: "", sharedXML: sharedXML)
        #expect(Self.readError(url)?.description == "码.xlsx：xl/sharedStrings.xml：" + expected)
    }

    @Test func utf16BytesAreRefused() throws {
        let scratch = try Scratch()
        let url = scratch.file("十六.xlsx")
        let utf16 = Data([0x3C, 0x00]) + #"?xml version="1.0"?><!DOCTYPE x><sst/>"#.data(using: .utf16LittleEndian)!
        try XLSXReaderTests.zip([
            "xl/workbook.xml": XLSXReaderTests.workbook([]),
        ], to: url)
        let archive = try Archive(url: url, accessMode: .update)
        try archive.addEntry(with: "xl/sharedStrings.xml", type: .file, uncompressedSize: Int64(utf16.count), compressionMethod: .deflate) { position, size in
            utf16.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(Self.readError(url)?.description == "十六.xlsx：xl/sharedStrings.xml：应为 UTF-8 编码的 XML，实际不是（首个字符不是「<」）")
    }

    /// libxml2 (as Foundation drives it) takes 100,000 levels without complaint; each costs a node of the budget,
    /// so a deeper one is refused by it (theNodeBudgetFollowsTheFileSize).
    @Test func deepNestingIsReadNotACrash() throws {
        let scratch = try Scratch()
        let deep = String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)
        let url = try Self.workbook("深.xlsx", in: scratch, sheetData: #"<row r="1"><c><v>1</v></c></row>"# + deep)
        #expect(try sheets(url)[0].rows.map(\.entries) == [[SheetCell(column: 0, value: .number("1"))]])
    }

    // MARK: Zip

    /// The input the fuzz tests found (seed 99): one byte of a local header changed. ZIPFoundation's inflate read on
    /// past the entry and waited for more input forever at the end of the file; tzpy import hung.
    @Test func theWorkbookThatHungTheReaderIsRefused() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-inflate-never-ends.xlsx")
        let error = try #require(thrown(SheetReadError.self) { _ = try XLSXReader.read(url, file: "挂起.xlsx") })
        #expect(error.description.hasPrefix("挂起.xlsx：工作簿中的 "))
        #expect(error.description.contains("已损坏"))
    }

    /// A deflate stream cut short inside its entry (the central directory says fewer compressed bytes) is refused
    /// as incomplete: the reader inflates the entry's own bytes only.
    @Test func aDeflateStreamCutShortIsRefusedNotWaitedFor() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("截.xlsx", in: scratch, sheetData: String(repeating: #"<row><c><v>1</v></c></row>"#, count: 2_000))
        var bytes = [UInt8](try Data(contentsOf: url))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        try #require(u32(end) == 0x0605_4b50)
        var at = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + u16(at + 28))], as: UTF8.self)
            if name == "xl/worksheets/sheet1.xml" {
                let size = u32(at + 20) / 2
                for (k, b) in [size & 0xFF, size >> 8 & 0xFF, size >> 16 & 0xFF, size >> 24].enumerated() { bytes[at + 20 + k] = UInt8(b) }
            }
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        try Data(bytes).write(to: url)
        #expect(Self.readError(url)?.description == "截.xlsx：工作簿中的 xl/worksheets/sheet1.xml 已损坏（压缩数据不完整）")
    }

    @Test func sizesAndMethodsAreCheckedAgainstTheCentralDirectory() throws {
        let scratch = try Scratch()
        let url = try Self.workbook("改.xlsx", in: scratch, sheetData: #"<row><c><v>1</v></c></row>"#)
        var bytes = [UInt8](try Data(contentsOf: url))
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        var at = u32(end + 16)
        var sheetRecord = 0
        for _ in 0..<u16(end + 10) {
            if String(decoding: bytes[(at + 46)..<(at + 46 + u16(at + 28))], as: UTF8.self) == "xl/worksheets/sheet1.xml" { sheetRecord = at }
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        try #require(sheetRecord > 0)
        var wrongSize = bytes
        wrongSize[sheetRecord + 24] &+= 1   // the uncompressed size, one more than the data inflates to
        try Data(wrongSize).write(to: url)
        #expect(Self.readError(url)?.message.hasPrefix("工作簿中的 xl/worksheets/sheet1.xml 已损坏（解压后为 ") == true)
        var method = bytes
        method[sheetRecord + 10] = 14   // LZMA
        try Data(method).write(to: url)
        #expect(Self.readError(url)?.message == "工作簿中的 xl/worksheets/sheet1.xml 已损坏（不支持的压缩方式 14）")
        var offset = bytes
        offset[sheetRecord + 45] = 0x7F   // a local header far past the end
        try Data(offset).write(to: url)
        #expect(Self.readError(url)?.message == "工作簿中的 xl/worksheets/sheet1.xml 已损坏（本地文件头不在文件内）")
    }

    // MARK: CSV

    @Test func aRecordOfMoreThanExcelsColumnsIsRefusedOnItsLine() throws {
        let fits = String(repeating: ",", count: 16_383)
        #expect(try records("a,b\n" + fits + "x\n")[1].cells.count == 16_384)
        let error = try #require(thrown(CSVError.self) { _ = try records("a,b\n\"多\n行\"," + String(repeating: ",", count: 1_000_000) + "\n") })
        #expect(error == .tooManyColumns(line: 2))
        #expect(error.description == "第 2 行：应最多 16384 列（Excel 的上限，即 XFD 列），实际更多")
    }

    @Test func emptyFieldsCostNothing() throws {
        var entries: [Int] = []
        try CSVReader(data: Array(("a" + String(repeating: ",", count: 16_000) + "b\n").utf8)).forEachRow { row in
            entries.append(row.entries.count)
            #expect(row.value(16_000) == .text("b"))
            return true
        }
        #expect(entries == [2])
    }

    @Test func aFieldLongerThanExcelsCellIsRefusedOnTheLineItStarts() throws {
        let fits = String(repeating: "学", count: 32_767)
        #expect(try records("a\n" + fits + "\n")[1].cells == [fits])
        // An emoji is two UTF-16 code units, as Excel counts: 16,384 of them are one too many.
        #expect(throws: CSVError.fieldTooLong(line: 2, column: 1)) { _ = try records("a\nb," + String(repeating: "😀", count: 16_384) + "\n") }
        #expect(try records("a\n" + String(repeating: "😀", count: 16_383) + "\n").count == 2)
        let quoted = "a\n\n\"" + String(repeating: "学\n", count: 40_000) + "\"\n"
        let error = try #require(thrown(CSVError.self) { _ = try records(quoted) })
        #expect(error == .fieldTooLong(line: 3, column: 0))
        #expect(error.description == "第 3 行第 A 列：单元格应最多 32767 个字符（Excel 的上限），实际更长")
        #expect(throws: CSVError.fieldTooLong(line: 1, column: 2)) { _ = try records("a,b," + String(repeating: "x", count: 5_000_000)) }
    }
}

/// A small seeded generator (SplitMix64), so that a failing run can be repeated from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
