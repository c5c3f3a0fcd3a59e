import Foundation

/// Why a workbook could not be written.
public struct SheetWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "\(path)：无法写入（\(message)）" }
}

/// Writes an .xlsx workbook that Excel and LibreOffice open: sheets named in Chinese, column widths,
/// a bold frozen header, counts as integers and money as exact decimals in format `0.00##`, and a print
/// setup a reviewer need not touch: landscape A4, fitted to one page wide (as many pages long as needed),
/// the header rows repeated on every page (`_xlnm.Print_Titles`), page numbers in the footer, and the
/// text of wrapping columns (工作任务) wrapped.
///
/// Rows are streamed: each sheet's XML is deflated into the zip as rows arrive (ZipStreamWriter), so memory
/// does not grow with the row count (only the table of distinct strings does). The workbook appears at its
/// path only when complete (write, fsync, rename).
public final class XLSXWriter {
    private let url: URL
    private let partial: URL
    private let zip: ZipStreamWriter
    private var sheets: [String] = []
    private var inSheet = false
    private var committed = false
    private var buffer: [UInt8] = []
    private var rowNumber = 0
    /// The shared string table: each distinct text once, by first use. Report texts repeat heavily (school
    /// names, item texts, states), so this keeps the sheet XML, and the time to deflate it, much smaller than
    /// inline strings; it grows with distinct texts, not with rows.
    private var shared: [String: Int] = [:]
    private var sharedOrder: [String] = []
    private var sharedUses = 0
    /// The letters of each column, A, B, …, computed once.
    private var columnLetters: [[UInt8]] = []
    /// Whether each column of the current sheet wraps its plain text.
    private var wrapping: [Bool] = []
    /// The rows each sheet repeats at the top of every printed page, by sheet index.
    private var printTitles: [Int: ClosedRange<Int>] = [:]

    /// Style indexes in styles.xml.
    private enum Style: Int { case plain = 0, bold = 1, integer = 2, decimal = 3, wrapped = 4, title = 5 }

    public init(url: URL) throws(SheetWriteError) {
        self.url = url
        let (partial, handle) = try AtomicFile.create(for: url)
        self.partial = partial
        zip = ZipStreamWriter(path: partial.path, handle: handle)
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: partial) }
    }

    /// Starts a sheet: its name (31 characters at most, as Excel requires), its columns, the number of rows
    /// at the top to freeze (title and header) and the rows (1-based) to repeat at the top of every printed
    /// page (the header).
    ///
    /// The worksheet's parts are written in the order ECMA-376 Part 1 §18.3.1.99 (CT_Worksheet) requires —
    /// sheetPr, sheetViews, sheetFormatPr, cols, sheetData, mergeCells, pageMargins, pageSetup, headerFooter —
    /// since Excel "repairs" a sheet whose parts are out of order.
    public func beginSheet(name: String, columns: [OutputColumn], frozenRows: Int,
                           printTitles titles: ClosedRange<Int>? = nil) throws(SheetWriteError) {
        if inSheet { try endSheet() }
        sheets.append(XLSXWriter.sheetName(name))
        if let titles, titles.lowerBound >= 1 { printTitles[sheets.count - 1] = titles }
        try zip.beginEntry("xl/worksheets/sheet\(sheets.count).xml", level: 1)
        inSheet = true
        rowNumber = 0
        wrapping = columns.map(\.wrap)
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        // fitToPage makes pageSetup's fitToWidth/fitToHeight count: one page wide, any number long.
        x += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        x += #"<sheetViews><sheetView workbookViewId="0""# + (sheets.count == 1 ? #" tabSelected="1""# : "") + ">"
        if frozenRows > 0 {
            let top = CellAddress(column: 0, row: frozenRows + 1)
            x += #"<pane ySplit="\#(frozenRows)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/>"#
            x += #"<selection pane="bottomLeft" activeCell="\#(top)" sqref="\#(top)"/>"#
        }
        x += "</sheetView></sheetViews>"
        x += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !columns.isEmpty {
            x += "<cols>"
            for (i, c) in columns.enumerated() {
                x += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(c.width)" customWidth="1"/>"#
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        buffer.append(contentsOf: x.utf8)
    }

    /// Appends one row to the current sheet. Bytes are appended directly (no string per cell): a national
    /// report has millions of cells.
    public func appendRow(_ cells: [OutputCell]) throws(SheetWriteError) {
        rowNumber += 1
        let r = Array(String(rowNumber).utf8)
        buffer.append(contentsOf: XLSXWriter.rowOpen)
        buffer.append(contentsOf: r)
        buffer.append(contentsOf: XLSXWriter.tagEnd)
        for (i, cell) in cells.enumerated() {
            func open(_ attributes: [UInt8]) {
                while columnLetters.count <= i { columnLetters.append(Array(CellAddress.letters(columnLetters.count).utf8)) }
                buffer.append(contentsOf: XLSXWriter.cellOpen)
                buffer.append(contentsOf: columnLetters[i])
                buffer.append(contentsOf: r)
                buffer.append(contentsOf: attributes)
            }
            switch cell {
            case .empty:
                continue
            case .text(let s, let bold):
                open(bold ? XLSXWriter.boldText : i < wrapping.count && wrapping[i] ? XLSXWriter.wrappedText : XLSXWriter.plainText)
                buffer.append(contentsOf: String(sharedIndex(s)).utf8)
                buffer.append(contentsOf: XLSXWriter.valueClose)
            case .title(let s):
                open(XLSXWriter.titleText)
                buffer.append(contentsOf: String(sharedIndex(s)).utf8)
                buffer.append(contentsOf: XLSXWriter.valueClose)
            case .integer(let n):
                open(XLSXWriter.integerValue)
                buffer.append(contentsOf: String(n).utf8)
                buffer.append(contentsOf: XLSXWriter.valueClose)
            case .decimal(let s):
                open(XLSXWriter.decimalValue)
                XMLText.append(s, to: &buffer)
                buffer.append(contentsOf: XLSXWriter.valueClose)
            }
        }
        buffer.append(contentsOf: XLSXWriter.rowClose)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private static let rowOpen = Array("<row r=\"".utf8)
    private static let tagEnd = Array("\">".utf8)
    private static let rowClose = Array("</row>".utf8)
    private static let cellOpen = Array("<c r=\"".utf8)
    private static let plainText = Array("\" t=\"s\"><v>".utf8)
    private static let boldText = Array("\" s=\"\(Style.bold.rawValue)\" t=\"s\"><v>".utf8)
    private static let wrappedText = Array("\" s=\"\(Style.wrapped.rawValue)\" t=\"s\"><v>".utf8)
    private static let titleText = Array("\" s=\"\(Style.title.rawValue)\" t=\"s\"><v>".utf8)
    private static let integerValue = Array("\" s=\"\(Style.integer.rawValue)\"><v>".utf8)
    private static let decimalValue = Array("\" s=\"\(Style.decimal.rawValue)\"><v>".utf8)
    private static let valueClose = Array("</v></c>".utf8)

    private func sharedIndex(_ text: String) -> Int {
        sharedUses += 1
        if let i = shared[text] { return i }
        shared[text] = sharedOrder.count
        sharedOrder.append(text)
        return sharedOrder.count - 1
    }

    /// Ends the current sheet, with the ranges to merge (e.g. a two-row header).
    public func endSheet(merging merges: [CellRange] = []) throws(SheetWriteError) {
        var x = "</sheetData>"
        if !merges.isEmpty {
            x += "<mergeCells count=\"\(merges.count)\">"
            for m in merges { x += "<mergeCell ref=\"\(m)\"/>" }
            x += "</mergeCells>"
        }
        x += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        // paperSize 9 is A4.
        x += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
        x += "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        x += "</worksheet>"

        buffer.append(contentsOf: x.utf8)
        try flush()
        try zip.endEntry()
        inSheet = false
    }

    /// Adds the workbook's other parts and moves it into place; nothing is at `url` before this succeeds.
    public func finish() throws(SheetWriteError) {
        if inSheet { try endSheet() }
        try zip.add("[Content_Types].xml", Array(contentTypes().utf8))
        try zip.add("_rels/.rels", Array(XLSXWriter.rootRels.utf8))
        try zip.add("xl/workbook.xml", Array(workbook().utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels().utf8))
        try zip.add("xl/styles.xml", Array(XLSXWriter.styles.utf8))
        try zip.add("xl/sharedStrings.xml", sharedStringsXML())
        try zip.finish()
        try AtomicFile.commit(partial, to: url)
        committed = true
    }

    private func flush() throws(SheetWriteError) {
        guard !buffer.isEmpty else { return }
        try zip.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Excel refuses sheet names longer than 31 characters or containing : \ / ? * [ ].
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { ":\\/?*[]".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Sheet" : cleaned
    }

    private func contentTypes() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        x += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        x += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        for i in sheets.indices {
            x += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return x + "</Types>"
    }

    private func sharedStringsXML() -> [UInt8] {
        var x: [UInt8] = Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8) + [0x0A]
        x += Array(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(sharedUses)" uniqueCount="\#(sharedOrder.count)">"#.utf8)
        for text in sharedOrder {
            x += Array(#"<si><t xml:space="preserve">"#.utf8)
            XMLText.append(text, to: &x)
            x += Array("</t></si>".utf8)
        }
        x += Array("</sst>".utf8)
        return x
    }

    private func workbook() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#
        for (i, name) in sheets.enumerated() {
            x += #"<sheet name="\#(XMLText.escaped(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        x += "</sheets>"
        // definedNames follows sheets in CT_Workbook (§18.2.27); a print title is a sheet-local name.
        if !printTitles.isEmpty {
            x += "<definedNames>"
            for (i, rows) in printTitles.sorted(by: { $0.key < $1.key }) {
                x += #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(i)">"#
                x += XMLText.escaped(XLSXWriter.printTitlesReference(sheet: sheets[i], rows: rows)) + "</definedName>"
            }
            x += "</definedNames>"
        }
        return x + "</workbook>"
    }

    /// `'分校承接任务数量汇总表'!$3:$3`: the sheet name quoted (a `'` in it doubled), then whole rows.
    static func printTitlesReference(sheet: String, rows: ClosedRange<Int>) -> String {
        "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!$\(rows.lowerBound):$\(rows.upperBound)"
    }

    private func workbookRels() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            x += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        x += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        x += #"<Relationship Id="rId\#(sheets.count + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return x + "</Relationships>"
    }

    private static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    /// Fonts: 0 regular, 1 bold, 2 bold 14 pt (titles). Cell formats, in `Style` order: plain, bold,
    /// integer `0`, money `0.00##`, wrapped text, title.
    private static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00##"/></numFmts>"#
        + #"<fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="14"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="6">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}
