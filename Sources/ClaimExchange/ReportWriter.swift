import Foundation
import Sheets

/// The file formats `tzpy export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case xlsx, csv
}

/// Writes a report to a file, streaming its rows; the file appears only when complete.
public enum ReportWriter {
    public static func write(_ report: Report, format: ExportFormat, to url: URL) throws(SheetWriteError) {
        switch format {
        case .xlsx:
            let writer = try XLSXWriter(url: url)
            try writer.beginSheet(name: report.sheetName, columns: report.columns, frozenRows: report.topRows.count)
            for row in report.topRows { try writer.appendRow(row) }
            for i in 0..<report.rowCount { try writer.appendRow(report.row(i)) }
            try writer.endSheet(merging: report.merges)
            try writer.finish()
        case .csv:
            let writer = try CSVWriter(url: url)
            for row in report.topRows { try writer.appendRow(row) }
            for i in 0..<report.rowCount { try writer.appendRow(report.row(i)) }
            try writer.finish()
        }
    }
}
