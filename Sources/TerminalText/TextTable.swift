/// A simple aligned table for command-line output: columns sized by display width, two spaces between them.
///
/// Cells are made safe for a terminal as they are added (`add`), before any width is measured, so a cell
/// from a file or a person can neither move the cursor nor misalign the columns after it.
public struct TextTable {
    let headers: [String]
    let rightAligned: Set<Int>
    private(set) var rows: [[String]] = []
    /// The widest any column may become, by column index (longer cells are truncated with `…`).
    public var maxWidth: [Int: Int] = [:]

    /// A table with these column headers; the columns in `rightAligned` (by index) are aligned right.
    public init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Appends a row of cells, each made one safe line first (`Sanitizer.line`: controls shown as escapes).
    public mutating func add(_ row: [String]) { rows.append(row.map(Sanitizer.line)) }

    /// The header line and every row, each line ending in a line break; the last column is not padded.
    public func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        for (i, limit) in maxWidth where i < widths.count { widths[i] = min(widths[i], limit) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 && !rightAligned.contains(i) ? TextFit.truncate(c, to: widths[i])
                    : TextFit.pad(c, to: widths[i], right: rightAligned.contains(i))
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
