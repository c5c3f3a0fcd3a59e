import ClaimKit
import Sheets

/// The reports tzpy exports, named as `--report` takes them.
public enum ReportKind: String, CaseIterable, Sendable {
    /// One school's table in the platform's layout, with 省厅审核情况 and 修改意见: what goes back to a school.
    case school
    /// 分校承接任务数量汇总表: a row per school with its figures, and a totals row.
    case schools
    /// 分任务承接学校一览表: a row per catalog item with its schools and money, and a totals row.
    case items
    /// Every claim with its state: the flat layout, so it imports again.
    case claims
    /// Every returned claim with its 修改意见, grouped by school, ready to send as notices.
    case returns
    /// 全省汇总 as the console shows it: a table by city, then one by school type, on one sheet.
    case cities

    /// The sheet's (and the default file's) Chinese name.
    public var title: String {
        switch self {
        case .school: "学校承接任务情况"
        case .schools: "分校承接任务数量汇总表"
        case .items: "分任务承接学校一览表"
        case .claims: "承接任务明细"
        case .returns: "退回修改通知"
        case .cities: "分地市及学校类型汇总表"
        }
    }
}

/// A report laid out as one sheet: top rows (contacts, headers; frozen in xlsx), merged ranges, and data
/// rows produced on demand so a national report is never built as one table in memory.
///
/// In xlsx two lines come first (`preamble`): the title (`山东省 分校承接任务数量汇总表`, what the report is
/// limited to, a filter) and the unit with the data's as-of time in Beijing time. CSV leaves them out: a CSV
/// is the table alone (top rows and data rows), for programs.
public struct Report {
    public let kind: ReportKind
    public let sheetName: String
    public let columns: [OutputColumn]
    public let topRows: [[OutputCell]]
    /// How many of the last `topRows` are the table's column headers, repeated on every printed page.
    public let headerRows: Int
    /// Merged ranges, rows counted from the first of `topRows` (row 1); the xlsx writer moves them below the
    /// preamble.
    public let merges: [CellRange]
    public let rowCount: Int
    public let row: (Int) -> [OutputCell]
    /// What the report is about beyond its kind (a school's name, `任务 3.1`), or nil.
    public let subject: String?
    /// The first line: province, title, subject and filter, e.g. `山东省 分校承接任务数量汇总表（筛选：地市=济南市）`.
    public internal(set) var title = ""
    /// The second line: `单位：万元　数据截至 2026-12-01 18:05（北京时间）` (no unit for a report without money).
    public internal(set) var notes = ""

    init(kind: ReportKind, sheetName: String, columns: [OutputColumn], topRows: [[OutputCell]], headerRows: Int = 1,
         merges: [CellRange] = [], subject: String? = nil, rowCount: Int, row: @escaping (Int) -> [OutputCell]) {
        self.kind = kind
        self.sheetName = sheetName
        self.columns = columns
        self.topRows = topRows
        self.headerRows = headerRows
        self.merges = merges
        self.subject = subject
        self.rowCount = rowCount
        self.row = row
    }

    /// The title and notes lines that head the xlsx sheet.
    public var preamble: [[OutputCell]] { [[.title(title)], [.text(notes)]] }

    /// The header cells, bold, one per column.
    static func header(_ columns: [OutputColumn]) -> [OutputCell] {
        columns.map { .text($0.header, bold: true) }
    }
}

extension Money {
    /// The amount as an exact numeric cell.
    var cell: OutputCell { .decimal(description) }
}
