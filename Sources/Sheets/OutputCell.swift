/// A cell to write: the writers (xlsx and CSV) share this one description of a report's values.
public enum OutputCell: Hashable, Sendable {
    case empty
    /// Text; `bold` for header and totals cells.
    case text(String, bold: Bool = false)
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
        case .text(let s, _): s
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

    public init(_ header: String, width: Double) {
        self.header = header
        self.width = width
    }
}
