/// Normalises text typed through a Chinese input method before it is validated.
///
/// Full-width digits, hyphens and the full stop (０１０－８７６５４３２１, １２．５) become their ASCII forms, and
/// surrounding white space, including the ideographic space U+3000, is trimmed. Nothing else changes.
public enum InputText {
    /// The normalised form of `text`.
    public static func normalise(_ text: String) -> String {
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
