import Foundation
import Sheets

/// The file formats `tzpy export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case xlsx, csv
}

/// Writes a report to a file, streaming its rows; the file appears only when complete. An xlsx sheet starts
/// with the report's preamble (title; unit and as-of time) above its top rows, which are frozen, the header
/// rows repeated on every printed page; a CSV holds the top rows and the data rows only.
public enum ReportWriter {
    public static func write(_ report: Report, format: ExportFormat, to url: URL) throws(SheetWriteError) {
        switch format {
        case .xlsx:
            let writer = try XLSXWriter(url: url)
            let preamble = report.preamble
            let header = preamble.count + report.topRows.count
            let titles = report.headerRows > 0 ? (header - report.headerRows + 1)...header : nil
            try writer.beginSheet(name: report.sheetName, columns: report.columns, frozenRows: header, printTitles: titles)
            for row in preamble + report.topRows { try writer.appendRow(row) }
            for i in 0..<report.rowCount { try writer.appendRow(report.row(i)) }
            let shift = preamble.count
            try writer.endSheet(merging: report.merges.map {
                CellRange(CellAddress(column: $0.first.column, row: $0.first.row + shift),
                          CellAddress(column: $0.last.column, row: $0.last.row + shift))
            })
            try writer.finish()
        case .csv:
            let writer = try CSVWriter(url: url)
            for row in report.topRows { try writer.appendRow(row) }
            for i in 0..<report.rowCount { try writer.appendRow(report.row(i)) }
            try writer.finish()
        }
    }
}
