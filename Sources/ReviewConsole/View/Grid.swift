import TerminalText

/// How a cell is drawn. Colour roles map to curses colour pairs in the driver; without colour
/// (or with NO_COLOR) only bold and reverse are used, so every role stays readable.
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable { case normal, title, header, selected, approved, returned, pending, warning, dim, status, message }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let plain = Style()
}

/// One terminal cell: a character and its style. A double-width character occupies its cell and a
/// continuation cell after it (`isContinuation`), as in Ratatui's buffer.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
}

/// The screen as a grid of cells: rendering writes here, the driver copies only changed cells to curses.
public struct Grid: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public private(set) var cells: [Cell]

    public init(rows: Int, cols: Int) {
        self.rows = max(rows, 0)
        self.cols = max(cols, 0)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    public subscript(row: Int, col: Int) -> Cell { cells[row * cols + col] }

    /// Writes `text` from (row, col), clipped at `limit` columns (default: the right edge); returns the
    /// column after the last cell written. A wide character that does not fit is replaced by a space.
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard row >= 0, row < rows, col < cols else { return col }
        let end = min(cols, limit.map { col + $0 } ?? cols)
        var x = col
        for c in text {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if x + w > end {
                if x < end { set(row, x, Cell(character: " ", style: style, isContinuation: false)); x += 1 }
                break
            }
            if x >= 0 {
                set(row, x, Cell(character: c, style: style, isContinuation: false))
                if w == 2 { set(row, x + 1, Cell(character: " ", style: style, isContinuation: true)) }
            }
            x += w
        }
        return x
    }

    /// Fills `count` cells of a row from `col` with spaces in `style` (for bars and highlights).
    public mutating func fill(row: Int, col: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < rows else { return }
        let end = min(cols, col + (count ?? cols))
        for x in max(col, 0)..<max(end, max(col, 0)) { set(row, x, Cell(character: " ", style: style, isContinuation: false)) }
    }

    private mutating func set(_ row: Int, _ col: Int, _ cell: Cell) {
        guard col >= 0, col < cols else { return }
        // Overwriting half of a wide character blanks the other half, so no glyph is ever split. That holds
        // for a continuation cell too: a wide character written one column right of another lands its second
        // half on the other's first half, whose own second half would be left orphaned.
        let i = row * cols + col
        if cells[i].isContinuation, !cell.isContinuation, col > 0 {
            cells[i - 1] = Cell(character: " ", style: cells[i - 1].style, isContinuation: false)
        }
        if !cells[i].isContinuation, col + 1 < cols, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(character: " ", style: cells[i + 1].style, isContinuation: false)
        }
        cells[i] = cell
    }

    /// The text of one row, continuation cells skipped: what a person sees (tests compare these).
    public func text(row: Int) -> String {
        var s = ""
        for x in 0..<cols where !self[row, x].isContinuation { s.append(self[row, x].character) }
        return s
    }

    /// All rows, right-trimmed, joined by newlines.
    public var text: String {
        (0..<rows).map { r in
            var line = text(row: r)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Positions whose cells differ from `old` (every position when the sizes differ): what to redraw.
    public func changes(since old: Grid?) -> [(row: Int, col: Int)] {
        guard let old, old.rows == rows, old.cols == cols else {
            return (0..<rows).flatMap { r in (0..<cols).map { (r, $0) } }
        }
        var out: [(Int, Int)] = []
        for i in cells.indices where cells[i] != old.cells[i] { out.append((i / cols, i % cols)) }
        return out
    }
}
