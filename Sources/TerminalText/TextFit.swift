/// Fitting text into columns: truncation with an ellipsis, padding, wrapping, all by display width.
public enum TextFit {
    /// The mark of cut text (one column; `AmbiguousWidth.ellipsis` in wide-symbols mode).
    public static let ellipsis: Character = "…"

    /// `text` cut to at most `width` columns; a cut text ends in `…` and never splits a wide character.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = ellipsis) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = DisplayWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// `parts` joined by `separator` in their order, within `width` columns: while they do not fit, the part
    /// with the lowest priority is left out whole (never cut mid-word or mid-character); a single part that
    /// still does not fit is truncated with `…`.
    public static func join(_ parts: [(text: String, priority: Int)], separator: String, width: Int) -> String {
        var kept = parts
        let gap = DisplayWidth.of(separator)
        func total() -> Int { kept.reduce(0) { $0 + DisplayWidth.of($1.text) } + gap * max(0, kept.count - 1) }
        while kept.count > 1, total() > width,
              let drop = kept.indices.min(by: { kept[$0].priority < kept[$1].priority }) {
            kept.remove(at: drop)
        }
        return truncate(kept.map(\.text).joined(separator: separator), to: width)
    }

    /// `text` truncated and padded with spaces to exactly `width` columns, left or right aligned.
    public static func pad(_ text: String, to width: Int, right: Bool = false, ellipsis: Character = ellipsis) -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let fill = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return right ? fill + cut : cut + fill
    }

    /// `text` broken into lines of at most `width` columns: by character (CJK has no word spaces), except that
    /// a Latin word (key names like `Ctrl-F`, times) moves whole to the next line after the last space when it
    /// would be split. Every character is kept: the lines joined are the text.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        func isWordCharacter(_ c: Character?) -> Bool { c.map { $0.isASCII && $0 != " " } ?? false }
        var lines: [String] = []
        var line = ""
        var used = 0
        for c in text {
            if c == "\n" { lines.append(line); line = ""; used = 0; continue }
            let w = DisplayWidth.of(c)
            if used + w > width {
                if isWordCharacter(c), isWordCharacter(line.last), let space = line.lastIndex(of: " "), space != line.startIndex {
                    let tail = String(line[line.index(after: space)...])
                    lines.append(String(line[...space]))
                    line = tail
                    used = DisplayWidth.of(tail)
                } else {
                    lines.append(line)
                    line = ""
                    used = 0
                }
            }
            line.append(c)
            used += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` with the characters `Sanitizer` escapes (C0, DEL, C1, bidi controls) removed instead: for the
    /// console's grid, whose cells must each be one visible character.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: Sanitizer.isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars where !Sanitizer.isUnsafe(s) { out.append(s) }
        return String(out)
    }
}
