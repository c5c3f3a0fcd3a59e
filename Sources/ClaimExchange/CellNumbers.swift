import ClaimKit
import Sheets

/// Reads money and counts out of spreadsheet cells.
///
/// Text cells go through ClaimKit's parsers unchanged. A numeric xlsx cell holds a binary double written
/// as its shortest decimal (`16`, `0.1`, `1E-4`, `0.30000000000000004` for a formula's result): plain
/// decimals are parsed as text; the others are rounded to 0.0001 万元 only when the double is that
/// amount to within float noise, so a real fifth decimal is still refused.
enum CellNumbers {
    static func money(_ cell: CellValue?, field: String) throws(FieldError) -> Money {
        guard case .number(let raw)? = cell, needsRounding(raw) else {
            return try Money.parse(cell?.text ?? "", field: field)
        }
        guard let value = Double(raw), value.isFinite else { return try Money.parse(raw, field: field) }
        let scaled = value * Double(Money.scale)
        let units = scaled.rounded()
        guard abs(scaled - units) <= max(1e-6, abs(scaled) * 1e-12), abs(units) < Double(Money.limit) else {
            return try Money.parse(raw, field: field)
        }
        return try Money.parse(Money(units: Int64(units)).description, field: field)
    }

    /// 承接数量: nil for `-` or empty; a positive whole number otherwise (`2` or a numeric `2.0`).
    static func quantity(_ cell: CellValue?) throws(FieldError) -> Int? {
        let text = InputText.normalise(cell?.text ?? "")
        if text.isEmpty || text == "-" || text == "－" || text == "—" { return nil }
        var digits = Substring(text)
        if case .number? = cell, let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            digits = text[..<dot]
        }
        guard InputText.isDigits(String(digits)), digits.count <= 9, let n = Int(digits), n > 0 else {
            throw FieldError(field: "承接数量", expected: "正整数（不计数量的任务填 -）", found: cell?.text ?? "")
        }
        return n
    }

    private static func needsRounding(_ raw: String) -> Bool {
        if raw.contains("E") || raw.contains("e") { return true }
        guard let dot = raw.firstIndex(of: ".") else { return false }
        return raw.distance(from: dot, to: raw.endIndex) - 1 > 4
    }
}
