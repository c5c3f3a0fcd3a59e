import Sheets

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

/// A column a layout looks for, with the header names it may carry.
protocol HeaderColumn: Hashable, CaseIterable {
    var names: [String] { get }
}

extension HeaderText {
    /// Records, for each column not found yet, the first cell of `row` that names it; true when this row
    /// named a column not found before (so a second, merged header row can be told from data).
    @discardableResult
    static func find<C: HeaderColumn>(_ row: SheetRow, into found: inout [C: Int]) -> Bool {
        var any = false
        for cell in row.entries {
            let key = key(cell.value.text)
            if let column = C.allCases.first(where: { $0.names.contains(key) }), found[column] == nil {
                found[column] = cell.column
                any = true
            }
        }
        return any
    }

    /// The problem of a header without `column`: `表头：应有「汇总」或「汇总金额」列，实际没有`.
    static func missing<C: HeaderColumn>(_ column: C) -> String {
        "表头：应有「\(column.names.joined(separator: "」或「"))」列，实际没有"
    }
}
