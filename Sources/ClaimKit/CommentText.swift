/// A comment (修改意见, or a note on another event) as it should be kept: one line of plain text, at most
/// `limit` characters. Comments come from people (the console, `tzpy decide --return`) and from file names
/// (`导入 FILE`), and are shown on terminals and in spreadsheets; control characters have no place in them.
///
/// The control characters are those `TerminalText.Sanitizer` escapes on a terminal: C0 U+0000–U+001F, DEL
/// U+007F, C1 U+0080–U+009F, and the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C.
public enum CommentText {
    /// The longest comment, in characters (grapheme clusters, so one Chinese character is one).
    public static let limit = 500

    /// `text` with every C0 control (TAB, CR, LF, ESC …) as a space — CR LF as one — and DEL, C1 and bidi
    /// controls removed, then surrounding white space trimmed (`InputText.trim`). Nothing else changes.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return InputText.trim(text) }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for s in text.unicodeScalars {
            defer { afterCR = s == "\r" }
            guard isControl(s) else { out.append(s); continue }
            if s.value < 0x20, !(s == "\n" && afterCR) { out.append(" ") }
        }
        return InputText.trim(String(out))
    }

    /// The cleaned comment (`clean`), refused when it is longer than `limit` characters. The refusal's
    /// `found` is the length (`612 个字`), not the text, which the person has just typed or pasted.
    public static func validate(_ text: String) throws(FieldError) -> String {
        let cleaned = clean(text)
        let count = cleaned.count
        guard count <= limit else { throw FieldError(field: "修改意见", expected: "不超过 \(limit) 个字", found: "\(count) 个字") }
        return cleaned
    }

    /// True for a control character: C0, DEL, C1, or a bidi control.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F { return true }
        if v < 0x80 { return false }
        if v <= 0x9F { return true }
        return v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
