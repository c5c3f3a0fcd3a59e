/// An exact amount of money in 万元, held as a whole number of 0.0001 万元 (one yuan).
///
/// The platform asks for 万元 with up to four decimals; binary floating point would turn 0.1 + 0.2 into
/// 0.30000000000000004, so no `Double` ever touches money here.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Units of 0.0001 万元.
    public let units: Int64

    /// Units per 万元.
    public static let scale: Int64 = 10_000
    /// The first amount that is refused as absurd: 100,000,000 万元.
    public static let limit: Int64 = 100_000_000 * scale
    public static let zero = Money(units: 0)

    public init(units: Int64) { self.units = units }

    /// A whole number of 万元.
    public init(wan: Int64) { self.units = wan * Money.scale }

    /// Parses `12`, `12.5`, `0.0001` (full-width digits allowed, spaces trimmed).
    /// Refuses empty, negative, non-numeric text, more than four decimals and amounts ≥ 100,000,000 万元.
    public static func parse(_ text: String, field: String = "金额") throws(FieldError) -> Money {
        if let units = plainUnits(text) { return Money(units: units) }
        let form = "不小于0、最多4位小数、小于100000000的万元数（如 12 或 12.5）"
        let s = InputText.normalise(text)
        func fail(_ expected: String = form) -> FieldError { FieldError(field: field, expected: expected, found: text) }
        if s.isEmpty { throw fail("填写金额（无投入请填 0）") }
        if s.hasPrefix("-") { throw fail("不小于0的金额（不能为负数）") }
        let parts = s.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              InputText.isDigits(String(whole)) else { throw fail() }
        var fraction = ""
        if parts.count == 2 {
            fraction = String(parts[1])
            guard InputText.isDigits(fraction) else { throw fail() }
            if fraction.count > 4 { throw fail("最多4位小数的万元数（0.0001 万元即 1 元）") }
        }
        let wholeDigits = whole.drop(while: { $0 == "0" })
        if wholeDigits.count > 8 { throw fail("小于100000000万元的金额") }
        let wan = Int64(wholeDigits.isEmpty ? "0" : String(wholeDigits))!
        let padded = fraction + String(repeating: "0", count: 4 - fraction.count)
        let units = wan * scale + Int64(padded)!
        if units >= limit { throw fail("小于100000000万元的金额") }
        return Money(units: units)
    }

    /// The units of a plain ASCII amount (1–8 digits, optionally `.` and 1–4 digits), or nil for anything
    /// else, which the full parser then checks and reports. A fast path for imports of 400,000 rows.
    static func plainUnits(_ text: String) -> Int64? {
        var whole: Int64 = 0, fraction: Int64 = 0
        var wholeDigits = 0, fractionDigits = 0, seenDot = false
        for b in text.utf8 {
            if b == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
            } else if b >= 0x30 && b <= 0x39 {
                if seenDot {
                    fractionDigits += 1
                    if fractionDigits > 4 { return nil }
                    fraction = fraction * 10 + Int64(b - 0x30)
                } else {
                    wholeDigits += 1
                    if wholeDigits > 8 { return nil }
                    whole = whole * 10 + Int64(b - 0x30)
                }
            } else {
                return nil
            }
        }
        guard wholeDigits > 0, !seenDot || fractionDigits > 0 else { return nil }
        for _ in fractionDigits..<4 { fraction *= 10 }
        return whole * scale + fraction
    }

    /// The amount in 万元 without trailing zeros: `57`, `12.5`, `0.0001`.
    public var description: String {
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(Money.scale)
        var fraction = magnitude % UInt64(Money.scale)
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = 4
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - text.count))\(text)"
    }

    public static func < (a: Money, b: Money) -> Bool { a.units < b.units }
    public static func + (a: Money, b: Money) -> Money { Money(units: a.units + b.units) }
    public static func - (a: Money, b: Money) -> Money { Money(units: a.units - b.units) }
    public static func += (a: inout Money, b: Money) { a = a + b }
    public static func -= (a: inout Money, b: Money) { a = a - b }
}
