import Foundation
import ZIPFoundation

/// Why a workbook could not be written.
public struct SheetWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public var description: String { "\(path)：无法写入（\(message)）" }
}

/// Writes an .xlsx workbook that Excel and LibreOffice open: sheets named in Chinese, column widths,
/// a bold frozen header, counts as integers and money as exact decimals in format `0.00##`.
///
/// Rows are streamed: each sheet's XML goes to a temporary file as rows arrive and is deflated into the
/// zip at the end, so memory does not grow with the row count. Strings are written inline (no shared
/// string table to hold). The workbook appears at its path only when complete (write, fsync, rename).
public final class XLSXWriter {
    private let url: URL
    private let work: URL
    private var sheets: [(name: String, file: URL)] = []
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var rowNumber = 0
    private var columnCount = 0

    /// Style indexes in styles.xml.
    private enum Style: Int { case plain = 0, bold = 1, integer = 2, decimal = 3 }

    public init(url: URL) throws(SheetWriteError) {
        self.url = url
        work = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).parts")
        do {
            try? FileManager.default.removeItem(at: work)
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw SheetWriteError(path: url.path, message: "\(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: work) }

    /// Starts a sheet: its name (31 characters at most, as Excel requires), its columns and the
    /// number of rows at the top to freeze (the header).
    public func beginSheet(name: String, columns: [OutputColumn], frozenRows: Int) throws(SheetWriteError) {
        let file = work.appendingPathComponent("sheet\(sheets.count + 1).xml")
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let h = try? FileHandle(forWritingTo: file) else { throw SheetWriteError(path: file.path, message: "create") }
        handle = h
        sheets.append((XLSXWriter.sheetName(name), file))
        rowNumber = 0
        columnCount = columns.count
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
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

    /// Appends one row to the current sheet.
    public func appendRow(_ cells: [OutputCell]) throws(SheetWriteError) {
        rowNumber += 1
        let r = String(rowNumber)
        buffer.append(contentsOf: "<row r=\"\(r)\">".utf8)
        for (i, cell) in cells.enumerated() {
            let ref = CellAddress.letters(i) + r
            switch cell {
            case .empty:
                continue
            case .text(let s, let bold):
                buffer.append(contentsOf: "<c r=\"\(ref)\"\(bold ? " s=\"\(Style.bold.rawValue)\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
                XMLText.append(s, to: &buffer)
                buffer.append(contentsOf: "</t></is></c>".utf8)
            case .integer(let n):
                buffer.append(contentsOf: "<c r=\"\(ref)\" s=\"\(Style.integer.rawValue)\"><v>\(n)</v></c>".utf8)
            case .decimal(let s):
                buffer.append(contentsOf: "<c r=\"\(ref)\" s=\"\(Style.decimal.rawValue)\"><v>".utf8)
                XMLText.append(s, to: &buffer)
                buffer.append(contentsOf: "</v></c>".utf8)
            }
        }
        buffer.append(contentsOf: "</row>".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Ends the current sheet, with the ranges to merge (e.g. a two-row header).
    public func endSheet(merging merges: [CellRange] = []) throws(SheetWriteError) {
        var x = "</sheetData>"
        if !merges.isEmpty {
            x += "<mergeCells count=\"\(merges.count)\">"
            for m in merges { x += "<mergeCell ref=\"\(m)\"/>" }
            x += "</mergeCells>"
        }
        x += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
        buffer.append(contentsOf: x.utf8)
        try flush()
        try? handle?.close()
        handle = nil
    }

    /// Zips the parts and moves the workbook into place; nothing is at `url` before this succeeds.
    public func finish() throws(SheetWriteError) {
        if handle != nil { try endSheet() }
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try? FileManager.default.removeItem(at: partial)
        do {
            let archive = try Archive(url: partial, accessMode: .create)
            func add(_ path: String, _ text: String) throws {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try add("[Content_Types].xml", contentTypes())
            try add("_rels/.rels", XLSXWriter.rootRels)
            try add("xl/workbook.xml", workbook())
            try add("xl/_rels/workbook.xml.rels", workbookRels())
            try add("xl/styles.xml", XLSXWriter.styles)
            for (i, sheet) in sheets.enumerated() {
                try archive.addEntry(with: "xl/worksheets/sheet\(i + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw SheetWriteError(path: url.path, message: "\(error)")
        }
        try AtomicFile.commit(partial, to: url)
    }

    private func flush() throws(SheetWriteError) {
        guard let handle, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw SheetWriteError(path: url.path, message: "\(error)")
        }
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
        for i in sheets.indices {
            x += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return x + "</Types>"
    }

    private func workbook() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#
        for (i, s) in sheets.enumerated() {
            x += #"<sheet name="\#(XMLText.escaped(s.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return x + "</sheets></workbook>"
    }

    private func workbookRels() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            x += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        x += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return x + "</Relationships>"
    }

    private static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    /// Fonts: 0 regular, 1 bold. Cell formats, in `Style` order: plain, bold, integer `0`, money `0.00##`.
    private static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00##"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}
