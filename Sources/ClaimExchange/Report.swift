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

    /// The sheet's (and the default file's) Chinese name.
    public var title: String {
        switch self {
        case .school: "学校承接任务情况"
        case .schools: "分校承接任务数量汇总表"
        case .items: "分任务承接学校一览表"
        case .claims: "承接任务明细"
        case .returns: "退回修改通知"
        }
    }
}

/// A report laid out as one sheet: top rows (title, contacts, headers; frozen in xlsx), merged ranges,
/// and data rows produced on demand so a national report is never built as one table in memory.
public struct Report {
    public let kind: ReportKind
    public let sheetName: String
    public let columns: [OutputColumn]
    public let topRows: [[OutputCell]]
    public let merges: [CellRange]
    public let rowCount: Int
    public let row: (Int) -> [OutputCell]

    /// The header cells, bold, one per column.
    static func header(_ columns: [OutputColumn]) -> [OutputCell] {
        columns.map { .text($0.header, bold: true) }
    }
}

extension Money {
    /// The amount as an exact numeric cell.
    var cell: OutputCell { .decimal(description) }
}
