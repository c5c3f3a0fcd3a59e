import Testing
@testable import TerminalText

@Suite struct SanitizerTests {
    /// The attack from a school's file: retitle the window (OSC 0 … BEL), clear the screen, move up a line.
    static let attack = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[1A"

    @Test func plainTextIsUnchanged() {
        for text in ["", "济南电子学校", "培育200所左右“三全育人”典型学校", "3701000001 济南市 16.25", "e\u{0301}中", "C:\\学校\\表.csv", "\u{FFFD}"] {
            #expect(Sanitizer.line(text) == text)
            #expect(Sanitizer.lines(text) == text)
            #expect(Sanitizer.echo(text) == text)
        }
    }

    @Test func escapesAreVisible() {
        #expect(Sanitizer.line(SanitizerTests.attack) == "\\e]0;pwned\\u{07}\\e[2J\\e[1A")
        #expect(Sanitizer.line("经费\u{1B}[31m不完整") == "经费\\e[31m不完整")
        #expect(Sanitizer.line("a\tb\rc\nd") == "a\\tb\\rc\\nd")
        #expect(Sanitizer.line("a\r\nb") == "a\\r\\nb", "CR LF is one Character but two escapes")
        #expect(Sanitizer.line("\u{00}\u{08}\u{1F}") == "\\u{00}\\u{08}\\u{1F}")
    }

    @Test func everyC0ControlIsEscaped() {
        for v in UInt32(0x00)...0x1F {
            let out = Sanitizer.line("x" + String(Unicode.Scalar(v)!) + "y")
            #expect(out.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }, "U+\(String(v, radix: 16))")
            #expect(out.hasPrefix("x\\") && out.hasSuffix("y"))
        }
    }

    @Test func delAndC1AreEscaped() {
        #expect(Sanitizer.line("a\u{7F}b") == "a\\u{7F}b")
        #expect(Sanitizer.line("a\u{9B}31mb") == "a\\u{9B}31mb", "C1 CSI")
        #expect(Sanitizer.line("\u{80}\u{85}\u{9D}\u{9F}") == "\\u{80}\\u{85}\\u{9D}\\u{9F}")
        #expect(Sanitizer.line("\u{A0}") == "\u{A0}", "NBSP is the first code point after C1 and is shown")
    }

    @Test func bidiControlsAreEscaped() {
        #expect(Sanitizer.line("\u{202E}fdp.exe") == "\\u{202E}fdp.exe")
        #expect(Sanitizer.line("\u{202A}\u{202B}\u{202C}\u{202D}") == "\\u{202A}\\u{202B}\\u{202C}\\u{202D}")
        #expect(Sanitizer.line("\u{2066}隔离\u{2069}") == "\\u{2066}隔离\\u{2069}")
        #expect(Sanitizer.line("\u{2067}\u{2068}") == "\\u{2067}\\u{2068}")
        #expect(Sanitizer.line("a\u{200E}b\u{200F}c\u{061C}d") == "a\\u{200E}b\\u{200F}c\\u{61C}d")
        // Neighbours of the ranges are ordinary text.
        #expect(Sanitizer.line("\u{2029}\u{202F}\u{2065}\u{206A}\u{200D}") == "\u{2029}\u{202F}\u{2065}\u{206A}\u{200D}")
    }

    @Test func theUnsafeSetIsExactlyTheDocumentedOne() {
        func documented(_ v: UInt32) -> Bool {
            v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
        }
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if Sanitizer.isUnsafe(s) != documented(v) { Issue.record("U+\(String(v, radix: 16, uppercase: true))"); return }
        }
    }

    @Test func linesKeepLineBreaksOnly() {
        #expect(Sanitizer.lines("代码  名称\n1  \u{1B}[2J学校\n") == "代码  名称\n1  \\e[2J学校\n")
        #expect(Sanitizer.lines("a\r\nb\tc") == "a\\r\nb\\tc")
    }

    @Test func outputIsIdempotent() {
        let text = "经费" + SanitizerTests.attack + "\u{9B}\u{202E}\n第二行"
        #expect(Sanitizer.line(Sanitizer.line(text)) == Sanitizer.line(text))
        #expect(Sanitizer.echo(Sanitizer.echo(text)) == Sanitizer.echo(text))
    }

    @Test func invalidUTF8ArrivesReplaced() {
        // A Swift String cannot hold invalid UTF-8: decoding replaces it with U+FFFD, which is shown as is.
        let name = String(decoding: [0x78, 0xFF, 0x1B, 0x79] as [UInt8], as: UTF8.self)
        #expect(Sanitizer.line(name) == "x\u{FFFD}\\ey")
        #expect(Array(Sanitizer.line(name).utf8) == [0x78, 0xEF, 0xBF, 0xBD, 0x5C, 0x65, 0x79])
    }

    @Test func echoCapsAtEightyColumns() {
        #expect(Sanitizer.echoColumns == 80)
        let short = String(repeating: "a", count: 80)
        #expect(Sanitizer.echo(short) == short)
        let long = String(repeating: "a", count: 200)
        #expect(Sanitizer.echo(long) == String(repeating: "a", count: 79) + "…")
        #expect(DisplayWidth.of(Sanitizer.echo(long)) == 80)
        let chinese = String(repeating: "经费预算填写不完整", count: 20)
        let cut = Sanitizer.echo(chinese)
        #expect(cut.hasSuffix("…") && chinese.hasPrefix(String(cut.dropLast())))
        #expect(DisplayWidth.of(cut) <= 80 && DisplayWidth.of(cut) >= 79)
    }

    @Test func echoNeverSplitsAWideCharacterAtTheCap() {
        let forty = String(repeating: "中", count: 40)
        #expect(Sanitizer.echo(forty) == forty, "exactly 80 columns fits")
        // 41 wide characters: 39 fit beside the ellipsis (78 + 1 columns); the 40th would straddle column 80.
        #expect(Sanitizer.echo(forty + "中") == String(repeating: "中", count: 39) + "…")
        // Shifted by one narrow character: 39 wide ones reach column 79, then the ellipsis at 80.
        #expect(Sanitizer.echo("a" + forty) == "a" + String(repeating: "中", count: 39) + "…")
        for n in 0...4 {
            let text = String(repeating: "a", count: n) + forty + "中"
            #expect(DisplayWidth.of(Sanitizer.echo(text)) <= 80, "\(n) narrow first")
        }
    }

    @Test func echoNeverSplitsAnEscape() {
        let text = String(repeating: "x", count: 78) + "\u{1B}yy"
        #expect(Sanitizer.echo(text) == String(repeating: "x", count: 78) + "…", "\\e would end past column 79")
        let fits = String(repeating: "x", count: 77) + "\u{1B}yy"
        #expect(Sanitizer.echo(fits) == String(repeating: "x", count: 77) + "\\e…")
        let bidi = String(repeating: "x", count: 70) + "\u{202E}" + String(repeating: "y", count: 20)
        #expect(Sanitizer.echo(bidi) == String(repeating: "x", count: 70) + "\\u{202E}y…")
        #expect(Sanitizer.echo("a\nb", columns: 80) == "a\\nb", "an echo is one line")
    }

    @Test func echoHonoursOtherCaps() {
        #expect(Sanitizer.echo("经费预算", columns: 5) == "经费…")
        #expect(Sanitizer.echo("经费预算", columns: 8) == "经费预算")
        #expect(Sanitizer.echo("abc", columns: 0) == "")
    }

    @Test func tableCellsAreEscapedBeforeTheyAreMeasured() {
        var table = TextTable(headers: ["名称", "意见"])
        table.add(["a\u{1B}[2J", "x"])
        table.add(["学校", "\u{202E}y\nz"])
        #expect(table.render() == """
            名称    意见
            a\\e[2J  x
            学校    \\u{202E}y\\nz

            """)
    }

    @Test func theConsoleStripsTheSameSet() {
        #expect(TextFit.sanitize("a\u{200E}b\u{200F}c\u{061C}d") == "abcd")
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let kept = TextFit.sanitize(String(s)).unicodeScalars.count
            if kept != (Sanitizer.isUnsafe(s) ? 0 : 1) { Issue.record("U+\(String(v, radix: 16, uppercase: true))"); return }
        }
    }
}
