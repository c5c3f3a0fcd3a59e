import ClaimKit
import Foundation
import Sheets
import TerminalText

/// Reads one .xlsx or .csv file into claims and schools, choosing the layout sheet by sheet.
public enum FileReading {
    /// How many rows are searched for a header before a sheet is taken as not holding claims.
    static let headerSearchRows = 40

    public static func read(_ url: URL, file: String, catalog: Catalog) -> ImportedFile {
        var out = ImportedFile(file: file)
        switch url.pathExtension.lowercased() {
        case "xlsx":
            do {
                let sheets = try XLSXReader.read(url, file: file)
                for sheet in sheets { readSheet(sheet.rows, sheet: sheet.name, file: file, catalog: catalog, into: &out) }
            } catch {
                out.problems.append(ImportProblem(error.location ?? SheetLocation(file: file, sheet: nil, row: 1, column: nil), error.message))
                return out
            }
        case "csv":
            readCSV(url, file: file, catalog: catalog, into: &out)
        default:
            out.problems.append(ImportProblem(SheetLocation(file: file, sheet: nil, row: 1, column: nil),
                                              "应为 .xlsx 或 .csv 文件，实际扩展名为「\(Sanitizer.echo(url.pathExtension))」"))
            return out
        }
        if out.layouts.isEmpty && out.problems.isEmpty {
            out.problems.append(ImportProblem(SheetLocation(file: file, sheet: nil, row: 1, column: nil),
                "应有含「学校代码、序号」列的全省汇总表，或含「工作任务、是否承接」列的平台学校导出表，实际前 \(headerSearchRows) 行都没有这样的表头"))
        }
        return out
    }

    /// A sheet already in memory (every xlsx sheet): platform or flat, or skipped when neither.
    static func readSheet(_ rows: [SheetRow], sheet: String?, file: String, catalog: Catalog, into out: inout ImportedFile) {
        for (index, row) in rows.prefix(headerSearchRows).enumerated() {
            if PlatformLayout.isHeader(row) {
                out.layouts.append(.platform)
                PlatformLayout.read(rows, headerIndex: index, file: file, sheet: sheet, catalog: catalog, into: &out)
                return
            }
            if let columns = FlatLayout.header(row) {
                out.layouts.append(.flat)
                var layout = FlatLayout(columns: columns, header: row, file: file, sheet: sheet, catalog: catalog, into: &out)
                for r in rows[(index + 1)...] { layout.read(r, into: &out) }
                return
            }
        }
    }

    /// A CSV file, streamed: a flat sheet is read row by row; a platform export (small) is collected first.
    static func readCSV(_ url: URL, file: String, catalog: Catalog, into out: inout ImportedFile) {
        func fail(_ line: Int, _ message: String) {
            out.problems.append(ImportProblem(SheetLocation(file: file, sheet: nil, row: line, column: nil), message))
        }
        // One expression, so the file's `Data` is gone before parsing: only the bytes stay (80 MB nationally).
        guard let bytes = FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) else { return fail(1, "无法读取文件") }
        let reader: CSVReader
        do { reader = try CSVReader(data: consume bytes) } catch { return fail(error.line, error.description) }
        var early: [SheetRow] = []
        var flat: FlatLayout?
        var platform = false
        do {
            try reader.forEachRow { row in
                if flat != nil {
                    flat!.read(row, into: &out)
                    return true
                }
                early.append(row)
                if platform { return true }
                if PlatformLayout.isHeader(row) {
                    platform = true
                } else if let columns = FlatLayout.header(row) {
                    out.layouts.append(.flat)
                    flat = FlatLayout(columns: columns, header: row, file: file, sheet: nil, catalog: catalog, into: &out)
                    early = []
                }
                return platform || flat != nil || early.count < headerSearchRows
            }
        } catch let error as CSVError {
            return fail(error.line, error.description)
        } catch {
            return fail(1, "\(error)")
        }
        if platform { readSheet(early, sheet: nil, file: file, catalog: catalog, into: &out) }
    }
}
