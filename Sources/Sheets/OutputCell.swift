/// A cell to write: the writers (xlsx and CSV) share this one description of a report's values.
public enum OutputCell: Hashable, Sendable {
    case empty
    /// Text; `bold` for header and totals cells.
    case text(String, bold: Bool = false)
    /// A sheet's title line above its table: bold and larger in xlsx, plain text in CSV.
    case title(String)
    /// A whole number (counts), written as a numeric cell with format `0`.
    case integer(Int)
    /// An exact decimal given as text (`12.5`, `0.0001`), written as a numeric cell with format `0.00##`
    /// so that four decimals survive; the text goes into the file unchanged.
    case decimal(String)

    /// The text of this cell in a CSV file, before CSVWriter's formula guard (a leading `'` on a text that
    /// Excel would take for a formula).
    public var csvText: String {
        switch self {
        case .empty: ""
        case .text(let s, _), .title(let s): s
        case .integer(let n): String(n)
        case .decimal(let s): s
        }
    }
}

/// One column of a written sheet.
public struct OutputColumn: Hashable, Sendable {
    public let header: String
    /// Width in Excel's character units (a CJK character takes about 2).
    public let width: Double
    /// Long text (工作任务, 修改意见) wraps within the column in xlsx instead of running past it, so a
    /// printed page shows all of it; the row grows to fit.
    public let wrap: Bool

    public init(_ header: String, width: Double, wrap: Bool = false) {
        self.header = header
        self.width = width
        self.wrap = wrap
    }
}
