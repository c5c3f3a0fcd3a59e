import Testing
@testable import ClaimKit

/// A 修改意见 as the journal should keep it: one line of text, no control characters, at most 500 characters.
@Suite struct CommentTextTests {
    @Test func plainCommentsAreUnchanged() {
        for text in ["经费预算填写不完整", "承接数量与学校实际不符，请核实", "汇总金额偏高（超出 20%），请压缩预算", "“三全育人”", "a\\b"] {
            #expect(CommentText.clean(text) == text)
        }
    }

    @Test func lineBreaksAndTabsBecomeSpaces() {
        #expect(CommentText.clean("经费不完整\n请补充") == "经费不完整 请补充")
        #expect(CommentText.clean("经费不完整\r\n请补充") == "经费不完整 请补充", "CR LF is one line break")
        #expect(CommentText.clean("经费\t不完整\r请补充") == "经费 不完整 请补充")
        #expect(CommentText.clean("a\n\nb") == "a  b")
    }

    @Test func otherC0ControlsBecomeSpaces() {
        #expect(CommentText.clean("经费\u{1B}[2J不完整") == "经费 [2J不完整")
        #expect(CommentText.clean("a\u{07}b\u{08}c\u{00}d\u{1F}e") == "a b c d e")
        for v in UInt32(0)...0x1F {
            #expect(CommentText.clean("a" + String(Unicode.Scalar(v)!) + "b") == "a b", "U+\(String(v, radix: 16))")
        }
    }

    @Test func delC1AndBidiControlsAreRemoved() {
        #expect(CommentText.clean("a\u{7F}b") == "ab")
        #expect(CommentText.clean("a\u{9B}31mb\u{80}\u{85}\u{9F}") == "a31mb")
        #expect(CommentText.clean("\u{202E}经费\u{202A}\u{202B}\u{202C}\u{202D}") == "经费")
        #expect(CommentText.clean("\u{2066}经费\u{2067}\u{2068}\u{2069}") == "经费")
        #expect(CommentText.clean("a\u{200E}b\u{200F}c\u{061C}d") == "abcd")
        #expect(CommentText.clean("\u{A0}x\u{2028}\u{200D}") == "x\u{2028}\u{200D}", "NBSP trimmed; other format characters kept")
    }

    @Test func surroundingWhiteSpaceIsTrimmed() {
        #expect(CommentText.clean("  经费不完整　") == "经费不完整")
        #expect(CommentText.clean("\n经费不完整\r\n") == "经费不完整")
        #expect(CommentText.clean("\u{202E} 经费 \u{1B}") == "经费")
        #expect(CommentText.clean("\u{1B}\u{07}\u{202E}") == "")
        #expect(CommentText.clean("") == "")
    }

    @Test func cleaningIsIdempotent() {
        let text = " 经费\u{1B}]0;x\u{07}\r\n\u{202E}不完整\t "
        #expect(CommentText.clean(CommentText.clean(text)) == CommentText.clean(text))
    }

    @Test func theControlSetIsTheDocumentedOne() {
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let documented = v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            if CommentText.isControl(s) != documented { Issue.record("U+\(String(v, radix: 16, uppercase: true))"); return }
        }
    }

    @Test func fiveHundredCharactersAreAllowed() throws {
        #expect(CommentText.limit == 500)
        let chinese = String(repeating: "经", count: 500)
        #expect(try CommentText.validate(chinese) == chinese)
        #expect(try CommentText.validate(" " + chinese + "\n") == chinese, "measured after cleaning")
        #expect(try CommentText.validate(String(repeating: "a", count: 499) + "\u{202E}") == String(repeating: "a", count: 499))
        #expect(try CommentText.validate("👨‍👩‍👧" + String(repeating: "x", count: 499)).count == 500, "characters, not scalars")
        #expect(try CommentText.validate(" \u{1B} ") == "", "emptiness is the workflow's rule, not this one")
    }

    @Test func longerIsRefusedWithAFieldError() {
        #expect(throws: FieldError(field: "修改意见", expected: "不超过 500 个字", found: "501 个字")) {
            try CommentText.validate(String(repeating: "经", count: 501))
        }
        #expect(throws: FieldError(field: "修改意见", expected: "不超过 500 个字", found: "1199 个字")) {
            try CommentText.validate(String(repeating: "经费\n", count: 400))
        }
        do {
            _ = try CommentText.validate(String(repeating: "a", count: 600))
            Issue.record("600 characters were accepted")
        } catch {
            #expect(error.description == "修改意见：应为不超过 500 个字，实际为「600 个字」")
        }
    }
}
