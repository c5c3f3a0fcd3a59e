import ClaimKit
import Testing
@testable import ReviewConsole
import TerminalText

/// The comment editor keeps to CommentText's rules: at most 500 characters typed, and the comment recorded
/// is the cleaned one.
@Suite struct CommentLimitTests {
    @Test func anEditorWithALimitRefusesTypingPastIt() {
        var e = LineEditor("", limit: 3)
        for c in "经费预算" { e.handle(.char(c)) }
        #expect(e.text == "经费预")
        #expect(e.isFull)
        e.handle(.home)
        e.handle(.char("x"))
        #expect(e.text == "经费预", "not in the middle either")
        e.handle(.end)
        e.handle(.backspace)
        #expect(!e.isFull)
        e.handle(.char("算"))
        #expect(e.text == "经费算")
        let moved = e.handle(.left)
        #expect(moved && e.cursor == 2, "moving still works when full")
        var free = LineEditor()
        for _ in 0..<600 { free.handle(.char("a")) }
        #expect(free.text.count == 600 && !free.isFull, "no limit unless given")
    }

    @Test func theCommentEditorStopsAtFiveHundredCharacters() throws {
        var c = Console()
        let opened = c.openPendingClaim()
        let claim = try #require(opened)
        c.press(.char("r"))
        c.type(String(repeating: "经", count: 500))
        #expect(c.state.message?.tone != .error)
        c.type("费")
        guard case .comment(let comment) = c.state.overlay else { Issue.record("the editor closed"); return }
        #expect(comment.editor.text == String(repeating: "经", count: CommentText.limit))
        #expect(c.state.message == .commentTooLong)
        #expect(UIStrings.commentTooLong.contains("500"))
        c.press(.enter)
        #expect(c.asked.last?.first?.comment == String(repeating: "经", count: 500))
        #expect(c.asked.last?.first?.key == claim.key)
    }

    @Test func theRecordedCommentIsCleaned() throws {
        var c = Console()
        _ = c.openPendingClaim()
        c.press(.char("r"))
        c.type(" 经费\u{202E}不完整\u{9B}　")
        c.press(.enter)
        #expect(c.asked.last?.first?.comment == "经费不完整")
        #expect(c.ledger.claim(c.asked.last!.first!.key)?.state == .returned(comment: "经费不完整"))
    }

    @Test func aCommentOfOnlyControlsIsEmpty() throws {
        var c = Console()
        _ = c.openPendingClaim()
        c.press(.char("r"))
        c.type("\u{202E}\u{2066}")
        c.press(.enter)
        #expect(c.asked.isEmpty)
        #expect(c.state.message == .emptyComment)
    }

    /// The journal's rule (ClaimKit) and the terminal's (TerminalText) name the same control characters.
    @Test func commentTextAndSanitizerAgree() {
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let text = "a" + String(s) + "b"
            if (CommentText.clean(text) != text) != Sanitizer.isUnsafe(s) {
                Issue.record("U+\(String(v, radix: 16, uppercase: true))")
                return
            }
        }
    }
}
