/// The plan's target for a countable item, as its text names it: `培育200所左右…` → 200 所.
public struct ItemTarget: Hashable, Sendable {
    /// The number the plan names (`200`).
    public let count: Int
    /// The item's unit (`所`).
    public let unit: String
    /// True when the text says 左右 after it (an approximate target).
    public let approximate: Bool

    public init(count: Int, unit: String, approximate: Bool) {
        self.count = count
        self.unit = unit
        self.approximate = approximate
    }

    /// The item's target: the first whole number in its text written directly before the item's unit
    /// (ASCII digits, `200所`). None for an item without a unit, for a text without such a number, and for
    /// a rate per something (`每个地市…至少…1所`: the text says 每 before the number), which is no total to
    /// add claims up to.
    public static func parse(_ item: TaskItem) -> ItemTarget? {
        guard let unit = item.unit else { return nil }
        return parse(item.text, unit: unit)
    }

    /// `parse(_:)` on a text and a unit.
    public static func parse(_ text: String, unit: String) -> ItemTarget? {
        let chars = Array(text)
        let unitChars = Array(unit)
        guard !unitChars.isEmpty else { return nil }
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j + unitChars.count <= chars.count, Array(chars[j..<(j + unitChars.count)]) == unitChars,
               let n = Int(String(chars[i..<j])), n > 0 {
                if chars[..<i].contains("每") { return nil }
                let after = j + unitChars.count
                let approximate = after + 2 <= chars.count && String(chars[after..<(after + 2)]) == "左右"
                return ItemTarget(count: n, unit: unit, approximate: approximate)
            }
            i = j
        }
        return nil
    }
}
