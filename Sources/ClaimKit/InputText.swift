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
        // Most text has nothing to trim: when its first byte can start no space and its last byte can end
        // none, it is returned as it is (no scan by scalars, no new String).
        let utf8 = text.utf8
        guard let head = utf8.first, let tail = utf8.last else { return text }
        if !mayStartSpace(head), !mayEndSpace(tail) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// True for a first byte of the spaces `trim` removes, in UTF-8: TAB, LF, CR, space, NBSP's C2, U+3000's E3.
    @inline(__always) private static func mayStartSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xE3
    }

    /// True for a last byte of those spaces: TAB, LF, CR, space, NBSP's A0, U+3000's 80.
    @inline(__always) private static func mayEndSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0xA0 || b == 0x80
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.value == 0xA0 || s.value == 0x3000
    }

    /// True when every character of `text` is an ASCII digit (and there is at least one).
    public static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
