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

    /// Rows above a school screen's table header (title line included): 本省申报要求 (3 lines), the contacts and
    /// the live totals (2 lines) on 承接任务; 状态, the contacts and the 意向承接/已通过 table on the preview; one title line on
    /// 需修改的任务.
    public static func schoolHeaderRows(_ screen: SchoolDesk.Screen) -> Int {
        switch screen {
        case .claiming: 7
        case .preview: 6
        case .returns: 2
        }
    }

    /// Rows of a school screen's table body: below the header row, above the line of the item under the cursor
    /// (its full text, or its 修改意见), the key line and the message line.
    public static func schoolBodyRows(rows: Int, screen: SchoolDesk.Screen) -> Int {
        max(1, rows - schoolHeaderRows(screen) - 1 - 3)
    }

    /// The terminal height from which a claims page shows the preview pane under its table.
    public static let previewBelowFromRows = 30
    /// The terminal width from which the preview pane stands beside the table instead.
    public static let previewBesideFromCols = 140
    /// The pane's height below the table, and its width beside it (border included).
    public static let previewHeight = 9
    public static let previewWidth = 50

    /// Rows of the preview pane under a claims table (0: none).
    public static func previewRows(_ kind: Page.Kind, rows: Int, cols: Int) -> Int {
        kind.listsClaims && cols < previewBesideFromCols && rows >= previewBelowFromRows ? previewHeight : 0
    }

    /// Columns of the preview pane beside a claims table (0: none).
    public static func previewColumns(_ kind: Page.Kind, rows: Int, cols: Int) -> Int {
        kind.listsClaims && cols >= previewBesideFromCols ? previewWidth : 0
    }

    /// Rows left for the table's body: the terminal less the page's header rows, the table header row, the
    /// preview pane, the status line and the message line.
    public static func bodyRows(_ kind: Page.Kind, rows: Int, cols: Int) -> Int {
        max(0, rows - headerRows(kind) - 1 - previewRows(kind, rows: rows, cols: cols) - 2)
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
