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

/// One cell that holds a value: its 0-based column and what it holds.
public struct SheetCell: Hashable, Sendable {
    public let value: CellValue
    public let column: Int

    public init(column: Int, value: CellValue) {
        self.value = value
        self.column = column
    }
}

/// One row of a sheet: its number in the file and the cells that hold a value, stored sparsely in column
/// order. A row whose one cell is at column XFD costs one cell, not 16,384: memory follows the cells a file
/// holds, never the column it reaches.
public struct SheetRow: Sendable {
    /// The 1-based row number (xlsx) or the line the record starts on (CSV).
    public let number: Int
    /// The non-empty cells, columns strictly ascending.
    public let entries: [SheetCell]
    /// How many columns the row spans: a CSV record's fields, trailing empty ones included; an xlsx row's last
    /// cell's column + 1.
    public let width: Int

    /// A row from cells in strictly ascending column order (what the readers produce), `width` at least past
    /// the last of them.
    public init(number: Int, entries: [SheetCell], width: Int? = nil) {
        self.number = number
        self.entries = entries
        self.width = max(width ?? 0, (entries.last?.column ?? -1) + 1)
    }

    /// A row from its cells by 0-based column, nil for an empty one.
    public init(number: Int, cells: [CellValue?]) {
        self.number = number
        entries = cells.enumerated().compactMap { i, value in value.map { SheetCell(column: i, value: $0) } }
        width = cells.count
    }

    /// The cell at `column`, nil when empty or beyond the row's end. A row without gaps finds it at its index;
    /// otherwise it is a binary search over the row's cells.
    public func value(_ column: Int) -> CellValue? {
        guard column >= 0 else { return nil }
        var high = entries.count
        if column < high {
            let guess = entries[column]
            if guess.column == column { return guess.value }
            high = column   // columns ascend from 0, so entries[i].column >= i: the cell is before `column`
        }
        var low = 0
        while low < high {
            let mid = (low + high) / 2
            let c = entries[mid].column
            if c == column { return entries[mid].value }
            if c < column { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The cell's text with surrounding white space removed; "" for an empty cell.
    public func text(_ column: Int) -> String {
        value(column).map { $0.text.trimmingWhitespace() } ?? ""
    }

    /// True when every cell is empty or white space.
    public var isBlank: Bool { entries.allSatisfy { $0.value.text.trimmingWhitespace().isEmpty } }

    /// The cells by column across the row's width, nil for empty ones: a dense copy for tests. The importers
    /// never use it, since it costs every column up to the last.
    public var cells: [CellValue?] {
        var out = [CellValue?](repeating: nil, count: width)
        for cell in entries { out[cell.column] = cell.value }
        return out
    }
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
