import TerminalText

/// A JSON value whose object keys keep the order they were written in, so the documented shapes of
/// `--json` output read the same every time (Foundation's serialisers do not promise key order).
/// Strings escape every character `Sanitizer` calls unsafe as `\uXXXX` (C1, DEL and bidi controls too, not
/// only the C0 controls JSON requires), so `--json` on a terminal is as safe as the tables and decodes back
/// to the very text.
enum JSONText {
    case string(String)
    case number(Int)
    case null
    case bool(Bool)
    case object([(String, JSONText)])
    case array([JSONText])

    var text: String {
        switch self {
        case .string(let s): return JSONText.quote(s)
        case .number(let n): return String(n)
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .object(let pairs): return "{" + pairs.map { "\(JSONText.quote($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Sanitizer.isUnsafe(scalar) {  // C0, DEL, C1 and bidi controls: all below U+FFFF
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func optional(_ s: String?) -> JSONText { s.map { .string($0) } ?? .null }
    static func optional(_ n: Int?) -> JSONText { n.map { .number($0) } ?? .null }
}
