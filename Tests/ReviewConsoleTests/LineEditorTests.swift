import ClaimKit
import Testing
@testable import ReviewConsole
import TerminalText

@Suite struct LineEditorTests {
    @Test func insertAndMoveWithChinese() {
        var e = LineEditor()
        #expect(e.text.isEmpty)
        #expect(e.cursor == 0 && e.cursorColumn == 0)
        for c in "经费" {
            let handled = e.handle(.char(c))
            #expect(handled)
        }
        #expect(e.text == "经费")
        #expect(e.cursor == 2)
        #expect(e.cursorColumn == 4)
        e.handle(.char("a"))
        #expect(e.cursorColumn == 5)
        e.handle(.left)
        e.handle(.left)
        #expect(e.cursor == 1)
        #expect(e.cursorColumn == 2)
        e.handle(.char("预"))
        #expect(e.text == "经预费a")
        #expect(e.cursorColumn == 4)
        e.handle(.home)
        #expect(e.cursor == 0)
        e.handle(.left)
        #expect(e.cursor == 0, "← at the start stays")
        e.handle(.end)
        #expect(e.cursor == 4)
        #expect(e.cursorColumn == 7)
        e.handle(.right)
        #expect(e.cursor == 4, "→ at the end stays")
        e.handle(.ctrl("a"))
        #expect(e.cursor == 0)
        e.handle(.ctrl("e"))
        #expect(e.cursor == 4)
        e.handle(.ctrl("b"))
        #expect(e.cursor == 3)
        e.handle(.ctrl("f"))
        #expect(e.cursor == 4)
    }

    @Test func deleting() {
        var e = LineEditor("经费预算填写")
        #expect(e.cursor == 6)
        e.handle(.backspace)
        #expect(e.text == "经费预算填")
        e.handle(.home)
        e.handle(.backspace)
        #expect(e.text == "经费预算填", "backspace at the start does nothing")
        e.handle(.delete)
        #expect(e.text == "费预算填")
        #expect(e.cursor == 0)
        e.handle(.right)
        e.handle(.right)
        e.handle(.ctrl("d"))
        #expect(e.text == "费预填")
        e.handle(.end)
        e.handle(.delete)
        #expect(e.text == "费预填", "delete at the end does nothing")
        e.handle(.left)
        e.handle(.ctrl("u"))
        #expect(e.text == "填", "Ctrl-U removes everything before the cursor")
        #expect(e.cursor == 0)
        #expect(e.cursorColumn == 0)
        e = LineEditor("经费预算")
        e.handle(.home)
        e.handle(.right)
        e.handle(.ctrl("k"))
        #expect(e.text == "经")
    }

    @Test func controlCharactersAreNotText() {
        var e = LineEditor("ab")
        let handled1 = e.handle(.char("\u{1B}"))
        #expect(!handled1)
        let handled2 = e.handle(.char("\u{7F}"))
        #expect(!handled2)
        let handled3 = e.handle(.enter)
        #expect(!handled3)
        let handled4 = e.handle(.escape)
        #expect(!handled4)
        #expect(e.text == "ab")
    }

    /// The visible window: at most `width` columns, contiguous, the cursor inside it, no character cut.
    @Test func windowKeepsTheCursorVisible() {
        let texts = ["经费预算填写不完整请补充", "a经b费c预d算e填f写", "abcdefghijklmnop", "１２３经费ab"]
        for text in texts {
            for width in 2...14 {
                var e = LineEditor(text)
                e.handle(.home)
                for position in 0...text.count {
                    let (visible, col) = e.window(width: width)
                    let chars = Array(text)
                    #expect(DisplayWidth.of(visible) <= width, "\(text) w\(width) p\(position): \(visible)")
                    #expect(col >= 0 && col < width, "cursor column \(col) inside \(width)")
                    // The window is a run of whole characters of the text…
                    let start = (0...position).first { s in
                        String(chars[s...]).hasPrefix(visible) && DisplayWidth.of(String(chars[s..<position])) == col
                    }
                    #expect(start != nil, "\(text) w\(width) p\(position): window \(visible) col \(col)")
                    // …filled as far as the width allows.
                    if let s = start, s + visible.count < chars.count {
                        #expect(DisplayWidth.of(visible) + DisplayWidth.of(chars[s + visible.count]) > width)
                    }
                    e.handle(.right)
                }
            }
        }
        let narrow = LineEditor("经费").window(width: 1)
        #expect(narrow.text.isEmpty && narrow.cursor == 0)
    }

    /// When the character under the cursor is double-width, the whole character stays inside the window
    /// (it once started in the last column and was left out, so the block cursor sat on an empty cell).
    @Test func windowShowsTheCharacterUnderTheCursor() {
        var failures: [String] = []
        for text in ["a经费预算填写不完整", "经费预算填写不完整"] {
            for width in 3...12 {
                var e = LineEditor(text)
                e.handle(.home)
                for position in 0..<text.count {
                    let (visible, col) = e.window(width: width)
                    let under = Array(text)[position]
                    let shown = Array(visible)
                    let index = (0...shown.count).first { DisplayWidth.of(String(shown.prefix($0))) == col }
                    if index == nil || index! >= shown.count || shown[index!] != under {
                        failures.append("\(text) w\(width) p\(position): \(visible) col \(col)")
                    }
                    e.handle(.right)
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cases, e.g. \(failures.prefix(3))")
    }
}
