import ClaimKit
import Testing
@testable import ReviewConsole

@Suite struct GridTests {
    @Test func putClipsAndNeverSplitsWideCharacters() {
        var g = Grid(rows: 2, cols: 7)
        let end = g.put("ab中文字", row: 0, col: 0)
        // a b 中 文 take 6 columns; 字 does not fit in the last one and becomes a space.
        #expect(g.text(row: 0) == "ab中文 ")
        #expect(end == 7)
        #expect(g[0, 2].character == "中" && g[0, 3].isContinuation)
        #expect(!g[0, 6].isContinuation)
        checkScreen(g, rows: 2, cols: 7, "put")
        // Overwriting the second half of a wide character blanks its first half.
        g.put("x", row: 0, col: 3)
        #expect(g.text(row: 0) == "ab x文 ")
        checkScreen(g, rows: 2, cols: 7, "overwrite second half")
        // Overwriting the first half blanks the second.
        g.put("y", row: 0, col: 4)
        #expect(g.text(row: 0) == "ab xy  ")
        checkScreen(g, rows: 2, cols: 7, "overwrite first half")
        // A limit clips like the edge.
        g.put("经费预算", row: 1, col: 0, limit: 5)
        #expect(g.text(row: 1) == "经费   ")
        checkScreen(g, rows: 2, cols: 7, "limit")
    }

    /// A wide character written one column to the right of another wide character.
    @Test func wideOverWideShiftedByOne() {
        var g = Grid(rows: 1, cols: 6)
        g.put("中文", row: 0, col: 0)
        g.put("字", row: 0, col: 1)
        // Writing 字's second half over 文's first half must blank 文's second half too.
        #expect(g.text(row: 0) == " 字 " + "  ")
        checkScreen(g, rows: 1, cols: 6, "wide over wide")
        // And one column to the left: 中 over 字's second half blanks 字's first half.
        g.put("中", row: 0, col: 2)
        #expect(g.text(row: 0) == "  中  ")
        checkScreen(g, rows: 1, cols: 6, "wide over wide, leftwards")
    }

    @Test func identicalFramesHaveNoChanges() {
        let c = Console()
        let a = c.grid
        let b = c.grid
        #expect(b.changes(since: a).isEmpty)
        #expect(a.changes(since: nil).count == 24 * 80)
        #expect(Grid(rows: 24, cols: 81).changes(since: a).count == 24 * 81, "a size change redraws everything")
    }

    /// Moving the cursor down one row changes only the two table rows and the status line (the school
    /// under the cursor, whose figures it shows, changed); the message line was empty and stays so.
    @Test func oneRowMoveChangesFewRows() {
        var c = Console()
        let before = c.grid
        c.press(.char("j"))
        let after = c.grid
        let changes = after.changes(since: before)
        let rows = Set(changes.map(\.row))
        #expect(rows == [3, 4, 22], "changed rows: \(rows.sorted())")
        #expect(rows.count == 3)
        // The cursor mark (the 学校代码 cell and its gap, reversed) moves: 11 cells on each of the two rows; the
        // status line changes only where it differs.
        #expect(changes.filter { $0.row == 3 }.count == 11)
        #expect(changes.filter { $0.row == 4 }.count == 11)
        #expect(c.grid[4, 0].style == Style(.selected, bold: true, reverse: true) && c.grid[4, 11].style != c.grid[4, 0].style)
        #expect(changes.filter { $0.row == 22 }.count < 40)
        // A move that goes nowhere changes nothing.
        c.press(.char("g"))
        let top = c.grid
        c.press(.char("k"))
        #expect(c.grid.changes(since: top).isEmpty)
    }

    @Test func oneRowMoveOnTheSchoolPage() throws {
        var c = Console()
        let opened = c.openPendingClaim()
        try #require(opened != nil)
        c.press(.char("g"))
        let before = c.grid
        c.press(.char("j"))
        let rows = Set(c.grid.changes(since: before).map(\.row))
        // Same school: the status line is unchanged, only the rows the cursor left and entered.
        #expect(rows == [6, 7], "changed rows: \(rows.sorted())")
    }
}
