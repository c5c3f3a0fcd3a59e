import ClaimKit

/// How a header cell is compared with a column name: white space and line breaks removed, and a unit
/// in brackets dropped, so `学校自筹（万元）`, ` 学校自筹 ` and `学校\n自筹` all read as 学校自筹.
enum HeaderText {
    static func key(_ text: String) -> String {
        var s = text.filter { !$0.isWhitespace && $0 != "\u{3000}" }
        for (open, close) in [("（", "）"), ("(", ")")] {
            if s.hasSuffix(close), let start = s.range(of: open, options: .backwards) {
                let inside = s[start.upperBound...].dropLast()
                if inside.contains("万元") || inside.contains("个") || inside.contains("项") { s = String(s[..<start.lowerBound]) }
            }
        }
        if s.hasSuffix(":") || s.hasSuffix("：") { s.removeLast() }
        return s
    }
}
