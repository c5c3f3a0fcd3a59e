import Glibc
import Testing
@testable import TerminalText

@Suite struct DisplayWidthTests {
    @Test func widthsOfCharacters() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("7" as Character) == 1)
        #expect(DisplayWidth.of("中" as Character) == 2)
        #expect(DisplayWidth.of("审" as Character) == 2)
        #expect(DisplayWidth.of("１" as Character) == 2, "full-width digit")
        #expect(DisplayWidth.of("，" as Character) == 2, "full-width comma")
        #expect(DisplayWidth.of("　" as Character) == 2, "ideographic space")
        #expect(DisplayWidth.of("가" as Character) == 2, "Hangul syllable")
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0, "combining acute accent")
        #expect(DisplayWidth.of("e\u{0301}" as Character) == 1, "a base letter with a combining mark")
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0, "zero width space")
        #expect(DisplayWidth.of("“" as Character) == 1)
        #expect(DisplayWidth.of("”" as Character) == 1)
        #expect(DisplayWidth.of("·" as Character) == 1)
        #expect(DisplayWidth.of("…" as Character) == 1)
        #expect(DisplayWidth.of("「" as Character) == 2)
        #expect(DisplayWidth.of("・" as Character) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)!) == 0, "controls count 0")
    }

    @Test func widthsOfStrings() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("学校代码") == 8)
        #expect(DisplayWidth.of("培育200所左右“三全育人”典型学校") == 31)
        #expect(DisplayWidth.of("１２．５万元") == 12)
    }

    /// glibc's `wcwidth`, looked up at run time: Swift's Glibc module hides it (it needs `_XOPEN_SOURCE`),
    /// and this target links no C module of its own.
    static let wcwidth: @convention(c) (Int32) -> Int32 = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth") else { fatalError("the C library has no wcwidth") }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// The one width function must agree with what ncursesw draws with: glibc's wcwidth in C.UTF-8, called
    /// here for every code point (the tables are generated from it by scripts/gen-width-tables.py, so a
    /// glibc upgrade that changes a width fails here until the script is re-run).
    @Test func matchesTheCLibrary() {
        #expect(setlocale(LC_ALL, "C.UTF-8") != nil, "the C.UTF-8 locale is available")
        let wcwidth = DisplayWidthTests.wcwidth
        var checked = 0
        var mismatches: [(UInt32, Int, Int)] = []
        for cp in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(cp) else { continue }  // surrogates
            let c = Int(wcwidth(Int32(cp)))
            if c < 0 { continue }  // unassigned or a control: wcwidth returns -1
            checked += 1
            let ours = DisplayWidth.of(scalar)
            if ours != c { mismatches.append((cp, ours, c)) }
        }
        #expect(checked > 250_000)
        #expect(mismatches.isEmpty, "code points that differ from wcwidth: \(DisplayWidthTests.ranges(mismatches))")
        // The characters the console actually draws all agree.
        for s in "学校代码１２．５“”·…「」・─│┌┐└┘›→←↑↓×：（），。".unicodeScalars {
            #expect(DisplayWidth.of(s) == max(0, Int(wcwidth(Int32(s.value)))), "U+\(String(s.value, radix: 16, uppercase: true))")
        }
    }

    /// Consecutive code points with the same (ours, wcwidth) pair, as "U+0591..U+05BD 1≠0".
    static func ranges(_ list: [(UInt32, Int, Int)]) -> String {
        var out: [String] = []
        var start: (UInt32, Int, Int)?
        var last: UInt32 = 0
        func flush() {
            guard let s = start else { return }
            let a = String(s.0, radix: 16, uppercase: true), b = String(last, radix: 16, uppercase: true)
            out.append(s.0 == last ? "U+\(a) \(s.1)≠\(s.2)" : "U+\(a)..U+\(b) \(s.1)≠\(s.2)")
        }
        for m in list {
            if let s = start, m.0 == last + 1, m.1 == s.1, m.2 == s.2 { last = m.0; continue }
            flush()
            start = m
            last = m.0
        }
        flush()
        return out.joined(separator: ", ")
    }
}

@Suite struct TextFitTests {
    static let samples = ["经费预算填写不完整", "培育200所左右“三全育人”典型学校", "abc中文def", "ａｂ１２", "3701000001 济南电子学校", "e\u{0301}中"]

    @Test func truncateNeverExceedsTheWidth() {
        for text in TextFitTests.samples {
            let full = DisplayWidth.of(text)
            for width in 0...(full + 2) {
                let cut = TextFit.truncate(text, to: width)
                #expect(DisplayWidth.of(cut) <= width, "\(text) to \(width): \(cut)")
                if width >= full {
                    #expect(cut == text)
                } else if width > 0 {
                    #expect(cut.hasSuffix("…"), "\(text) to \(width): \(cut)")
                    let kept = String(cut.dropLast())
                    #expect(text.hasPrefix(kept), "whole characters of the start are kept")
                    // As much as fits: the next character would not have fitted next to the ellipsis.
                    let next = text[text.index(text.startIndex, offsetBy: kept.count)]
                    #expect(DisplayWidth.of(kept) + DisplayWidth.of(next) > width - 1)
                }
            }
        }
    }

    @Test func truncateOnOddWidthsOfCJK() {
        #expect(TextFit.truncate("经费预算填写不完整", to: 18) == "经费预算填写不完整")
        #expect(TextFit.truncate("经费预算填写不完整", to: 17) == "经费预算填写不完…")
        #expect(TextFit.truncate("经费预算填写不完整", to: 7) == "经费预…")
        #expect(TextFit.truncate("经费预算填写不完整", to: 6) == "经费…")
        #expect(TextFit.truncate("经费预算填写不完整", to: 2) == "…")
        #expect(TextFit.truncate("经费预算填写不完整", to: 1) == "…")
        #expect(TextFit.truncate("经费预算填写不完整", to: 0) == "")
        #expect(TextFit.truncate("ab中文", to: 4) == "ab…")
    }

    @Test func padAlignsByDisplayWidth() {
        #expect(TextFit.pad("12.5", to: 8, right: true) == "    12.5")
        #expect(TextFit.pad("12.5", to: 8) == "12.5    ")
        #expect(TextFit.pad("汇总", to: 9, right: true) == "     汇总")
        #expect(TextFit.pad("中文", to: 5) == "中文 ")
        #expect(TextFit.pad("经费预算", to: 6, right: true) == " 经费…")
        #expect(TextFit.pad("经费预算", to: 5, right: true) == "经费…")
        for text in TextFitTests.samples {
            for width in 0...20 {
                #expect(DisplayWidth.of(TextFit.pad(text, to: width)) == width)
                #expect(DisplayWidth.of(TextFit.pad(text, to: width, right: true)) == width)
            }
        }
    }

    @Test func wrapBreaksByWidth() {
        #expect(TextFit.wrap("经费预算填写不完整", to: 5) == ["经费", "预算", "填写", "不完", "整"])
        #expect(TextFit.wrap("经费预算填写不完整", to: 6) == ["经费预", "算填写", "不完整"])
        #expect(TextFit.wrap("ab\ncd", to: 10) == ["ab", "cd"])
        #expect(TextFit.wrap("", to: 5) == [""])
        #expect(TextFit.wrap("abc", to: 0) == [])
        // A Latin word moves whole to the next line; CJK still breaks anywhere.
        #expect(TextFit.wrap("滚动：PgDn Ctrl-F", to: 14) == ["滚动：PgDn ", "Ctrl-F"])
        #expect(TextFit.wrap("abcdefgh", to: 3) == ["abc", "def", "gh"], "a word longer than the line is split")
        #expect(TextFit.wrap("经费 预算填写", to: 6) == ["经费 ", "预算填", "写"])
        for text in TextFitTests.samples {
            for width in 2...12 {
                let lines = TextFit.wrap(text, to: width)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
                #expect(lines.joined() == text)
            }
        }
    }

    @Test func sanitizeRemovesControlsAndBidi() {
        #expect(TextFit.sanitize("a\u{1B}[31mb") == "a[31mb")
        #expect(TextFit.sanitize("\u{202E}abc") == "abc")
        #expect(TextFit.sanitize("x\u{9B}y") == "xy")
        #expect(TextFit.sanitize("x\u{7F}y\u{07}z\tw\n") == "xyzw")
        #expect(TextFit.sanitize("\u{2066}隔离\u{2069}") == "隔离")
        #expect(TextFit.sanitize("济南电子学校“三全育人”") == "济南电子学校“三全育人”")
    }

    @Test func ambiguousSubstitution() {
        #expect(AmbiguousWidth.screenText("“三全育人”", wide: true) == "「三全育人」")
        #expect(AmbiguousWidth.screenText("“三全育人”", wide: false) == "“三全育人”")
        #expect(AmbiguousWidth.screenText("审核 · 进度", wide: true) == "审核 ・ 进度")
        #expect(AmbiguousWidth.screenText("普通文本", wide: true) == "普通文本")
        // Every substituted character is 1 column to wcwidth; quotes and · become 2-column forms.
        for (from, to) in AmbiguousWidth.substitutes {
            #expect(DisplayWidth.of(from) == 1)
            #expect(DisplayWidth.of(to) >= 1)
        }
        for c in "“”‘’·" { #expect(DisplayWidth.of(AmbiguousWidth.substitutes[c]!) == 2) }
        #expect(DisplayWidth.of(AmbiguousWidth.screenText("“三全育人”", wide: true)) == 12)
        // Each substitute is itself unambiguous (the console's wide-symbols screens rely on it).
        for (original, substitute) in AmbiguousWidth.substitutes {
            #expect(original.unicodeScalars.contains(where: DisplayWidth.isAmbiguous), "\(original) needs no substitute")
            #expect(!substitute.unicodeScalars.contains(where: DisplayWidth.isAmbiguous), "\(original) → \(substitute)")
        }
    }
}
