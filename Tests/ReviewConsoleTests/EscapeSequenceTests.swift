import Testing
@testable import ReviewConsole

/// The escape sequences the driver reads after an ESC: which are whole, which keys they are.
@Suite struct EscapeSequenceTests {
    @Test func theHomeAndEndVariantsOfTmuxScreenAndPuTTYAreKnown() {
        for s in ["[1~", "[7~", "[H", "OH"] { #expect(EscapeSequences.key(after: s) == .home, "\(s)") }
        for s in ["[4~", "[8~", "[F", "OF"] { #expect(EscapeSequences.key(after: s) == .end, "\(s)") }
        #expect(EscapeSequences.key(after: "[3~") == .delete)
        #expect(EscapeSequences.key(after: "[5~") == .pageUp && EscapeSequences.key(after: "[6~") == .pageDown)
        #expect(EscapeSequences.key(after: "[15~") == nil, "F5: unknown, ignored")
    }

    @Test func aSequenceIsWholeAtItsFinalByte() {
        #expect(!EscapeSequences.isComplete(""))
        #expect(!EscapeSequences.isComplete("["))
        #expect(!EscapeSequences.isComplete("[1"))
        #expect(EscapeSequences.isComplete("[1~"))
        #expect(!EscapeSequences.isComplete("[["), "the Linux console's F1 is ESC [ [ A")
        #expect(EscapeSequences.isComplete("[[A"))
        #expect(!EscapeSequences.isComplete("O"))
        #expect(EscapeSequences.isComplete("OH"))
        #expect(EscapeSequences.isComplete("[1;5C"), "Ctrl-→ with parameters")
    }
}
