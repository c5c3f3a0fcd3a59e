/// The screen geometry the reducer needs (how many rows a page shows, how far the cursor may get from the
/// edge): Core's half of the layout, so that moving and scrolling never ask the view.
public enum Geometry {
    /// The smallest terminal the console draws in; below it, only a message and `q`.
    public static let minRows = 16
    public static let minCols = 60
    /// Rows kept visible between the cursor and the top or bottom of a list while it scrolls (vim's
    /// `scrolloff`), so the reviewer sees what comes next before reaching it.
    public static let scrollMargin = 2

    public static func isTooSmall(rows: Int, cols: Int) -> Bool { rows < minRows || cols < minCols }

    /// Rows above the table's header row, per page (title line included).
    public static func headerRows(_ kind: Page.Kind) -> Int {
        switch kind {
        case .schools: 2
        case .school: 5
        case .items: 1
        case .itemSchools: 2
        case .province: 2
        }
    }

    /// Rows left for the table's body: the terminal less the page's header rows, the table header row, the
    /// status line and the message line.
    public static func bodyRows(_ kind: Page.Kind, rows: Int) -> Int {
        max(0, rows - headerRows(kind) - 1 - 2)
    }

    /// The inner size of the full-screen box the help and the claim detail scroll in.
    public static func overlayArea(rows: Int, cols: Int) -> (width: Int, height: Int) {
        (max(0, cols - 6), max(0, rows - 4))
    }

    /// The first line of a scrolling box: `top`, but never so far down that the box ends in empty lines.
    public static func clampedTop(_ top: Int, count: Int, height: Int) -> Int { max(0, min(top, count - height)) }

    /// The first visible row that shows `cursor` with `scrollMargin` rows around it where the list allows.
    public static func scrolled(top: Int, cursor: Int, count: Int, height: Int) -> Int {
        guard height > 0 else { return 0 }
        let margin = min(scrollMargin, (height - 1) / 2)
        var top = top
        if cursor - margin < top { top = cursor - margin }
        if cursor + margin >= top + height { top = cursor + margin - height + 1 }
        return max(0, min(top, max(0, count - height)))
    }
}
