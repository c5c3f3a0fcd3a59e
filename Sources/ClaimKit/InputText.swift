/// Normalises text typed through a Chinese input method before it is validated.
///
/// Full-width digits, hyphens and the full stop (０１０－８７６５４３２１, １２．５) become their ASCII forms, and
/// surrounding white space, including the ideographic space U+3000, is trimmed. Nothing else changes.
public enum InputText {
    /// The normalised form of `text`.
    public static func normalise(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: out.append("-")
            case 0xFF0E: out.append(".")
            default: out.append(scalar)
            }
        }
        return trim(String(out))
    }

    /// True for ASCII text without leading or trailing white space: already normal (the common case of
    /// imported cells, so it skips the scalar-by-scalar rebuild).
    static func isPlainASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return true }
        if first <= 0x20 || last <= 0x20 { return false }
        return utf8.allSatisfy { $0 < 0x80 }
    }

    /// `text` without leading and trailing white space (ASCII, NBSP and U+3000).
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.value == 0xA0 || s.value == 0x3000
    }

    /// True when every character of `text` is an ASCII digit (and there is at least one).
    public static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
