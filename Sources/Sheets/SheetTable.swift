/// What a spreadsheet cell holds, as read from the file: the source text is kept so that numbers are
/// never rounded on the way in (money is parsed from this text, not from a `Double`).
public enum CellValue: Hashable, Sendable {
    /// A text cell (shared, inline or formula string; every CSV field).
    case text(String)
    /// A numeric cell, as the file wrote it (`16`, `0.1`, `1E-4`).
    case number(String)

    /// The text a person would see, trimmed of nothing.
    public var text: String {
        switch self {
        case .text(let s), .number(let s): s
        }
    }
}

/// One row of a sheet: its number in the file and its cells by 0-based column (nil: empty).
public struct SheetRow: Sendable {
    /// The 1-based row number (xlsx) or the line the record starts on (CSV).
    public let number: Int
    public var cells: [CellValue?]

    public init(number: Int, cells: [CellValue?]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at `column`, nil when empty or beyond the row's end.
    public func value(_ column: Int) -> CellValue? {
        column >= 0 && column < cells.count ? cells[column] : nil
    }

    /// The cell's text with surrounding white space removed; "" for an empty cell.
    public func text(_ column: Int) -> String {
        value(column).map { $0.text.trimmingWhitespace() } ?? ""
    }

    /// True when every cell is empty or white space.
    public var isBlank: Bool { cells.allSatisfy { ($0?.text.trimmingWhitespace() ?? "").isEmpty } }
}

/// One sheet as read: a name (a CSV file has one unnamed sheet), its rows and merged ranges.
public struct SheetTable: Sendable {
    /// The sheet's name in the workbook; nil for CSV.
    public let name: String?
    public var rows: [SheetRow]
    public var merged: [CellRange]

    public init(name: String?, rows: [SheetRow], merged: [CellRange] = []) {
        self.name = name
        self.rows = rows
        self.merged = merged
    }
}

/// Where a problem is in a file: `FILE:SHEET!CELL` for a workbook, `FILE:LINE` for CSV.
public struct SheetLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let sheet: String?
    public let row: Int
    /// The 0-based column, when the problem is in one cell.
    public let column: Int?

    public init(file: String, sheet: String?, row: Int, column: Int?) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    public var description: String {
        if let sheet {
            let cell = column.map { CellAddress(column: $0, row: row).description } ?? "\(row):\(row)"
            return "\(file):\(sheet)!\(cell)"
        }
        return "\(file):\(row)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, line breaks, NBSP and full-width spaces.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\n" || s == "\r" || s.value == 0xA0 || s.value == 0x3000
        }
        guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return String(self) }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
