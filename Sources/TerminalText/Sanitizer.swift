/// Text from files and people made safe to print on a terminal: every character a terminal would act on
/// instead of showing is shown as a visible escape, so a school's cell or a reviewer's comment can neither
/// retitle the window, clear the screen, move the cursor, reorder the line nor fake another line.
///
/// Unsafe are the C0 controls U+0000–U+001F (ESC, BEL, BS, CR, LF and TAB among them), DEL U+007F, the
/// C1 controls U+0080–U+009F (U+009B is a one-character CSI), and the bidi controls U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F and U+061C. Each is written as ASCII in one form:
///
/// - `\e` for ESC, `\t` for TAB, `\n` for LF, `\r` for CR;
/// - `\u{XX}` for every other one, in upper-case hex with at least two digits: `\u{07}` (BEL), `\u{7F}`,
///   `\u{9B}`, `\u{202E}`.
///
/// A backslash is shown as itself: the escapes are for reading, not a reversible encoding, and sanitizing
/// sanitized text changes nothing. Invalid UTF-8 cannot occur here — a Swift `String` holds valid UTF-8
/// only, and decoding bytes into one replaces what is invalid with U+FFFD, which is shown as it is.
public enum Sanitizer {
    /// The widest a cell's text echoed in a message may be (`echo`), in display columns.
    public static let echoColumns = 80

    /// `text` as one line: every unsafe character, line breaks included, as its escape.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for s in text.unicodeScalars { append(s, to: &out, keepingLineBreaks: false) }
        return out
    }

    /// `text` as lines: like `line`, but LF stays the line break it is (CR and TAB are still escaped).
    /// For output that is several lines by design, such as a rendered table.
    public static func lines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" }) else { return text }
        var out = ""
        for s in text.unicodeScalars { append(s, to: &out, keepingLineBreaks: true) }
        return out
    }

    /// `line(text)` cut to at most `columns` display columns: a cut text ends in `…`, and neither a wide
    /// character nor an escape is split. For a cell's text quoted in a message (`实际为「…」`), so a
    /// pasted page cannot push the rest of the message off the screen.
    public static func echo(_ text: String, columns: Int = echoColumns) -> String {
        guard columns > 0 else { return "" }
        var pieces: [(text: String, width: Int)] = []
        var total = 0
        for c in text {
            var piece = ""
            if c.unicodeScalars.contains(where: isUnsafe) {
                for s in c.unicodeScalars { append(s, to: &piece, keepingLineBreaks: false) }
            } else {
                piece.append(c)
            }
            let width = DisplayWidth.of(piece)
            pieces.append((piece, width))
            total += width
        }
        if total <= columns { return pieces.map(\.text).joined() }
        var out = ""
        var used = 0
        for piece in pieces {
            if used + piece.width > columns - 1 { break }
            out += piece.text
            used += piece.width
        }
        out.append(TextFit.ellipsis)
        return out
    }

    /// True for a scalar that must not reach a terminal as itself: C0, DEL, C1 and the bidi controls.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F { return true }
        if v < 0x80 { return false }
        if v <= 0x9F { return true }
        return v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func append(_ s: Unicode.Scalar, to out: inout String, keepingLineBreaks: Bool) {
        guard isUnsafe(s) else { out.unicodeScalars.append(s); return }
        switch s {
        case "\u{1B}": out += "\\e"
        case "\t": out += "\\t"
        case "\n": if keepingLineBreaks { out += "\n" } else { out += "\\n" }
        case "\r": out += "\\r"
        default:
            let hex = String(s.value, radix: 16, uppercase: true)
            out += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
        }
    }
}
