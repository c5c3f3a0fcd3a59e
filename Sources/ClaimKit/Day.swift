/// A calendar date (`YYYY-MM-DD`) such as a campaign's 开始日期 and 结束日期.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `2020-11-30`; refuses anything that is not a real date.
    public static func parse(_ text: String, field: String = "日期") throws(FieldError) -> Day {
        let s = InputText.normalise(text)
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let failure = FieldError(field: field, expected: "YYYY-MM-DD 格式的日期（如 2020-11-30）", found: text)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy(InputText.isDigits),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { throw failure }
        return Day(year: y, month: m, day: d)
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    @usableFromInline
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date of a day count since 1970-01-01.
    public init(daysSinceEpoch z0: Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// `YYYY-MM-DD`; a year below 1000 is padded to four digits, as `parse` and `Timestamp.parse` read it back.
    public var description: String {
        let pad = year >= 1000 || year < 0 ? "" : year >= 100 ? "0" : year >= 10 ? "00" : "000"
        return "\(pad)\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A moment in UTC, to the second, written `2026-11-23T08:15:00Z` in the journal.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The UTC day this moment falls on.
    public var day: Day { Day(daysSinceEpoch: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400) }

    /// The day this moment falls on in Beijing (UTC+8): the campaign's dates are Beijing dates.
    public var beijingDay: Day { Timestamp(seconds: seconds + 8 * 3600).day }

    public var description: String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(daysSinceEpoch: days))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`.
    public static func parse(_ text: Substring) -> Timestamp? {
        var text = String(text)
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` from bytes, each part from its fixed position. Inlinable: the
    /// journal's replay calls it once a line from another module.
    @inlinable
    public static func parse(bytes u: UnsafeRawBufferPointer) -> Timestamp? {
        guard u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A,
              u[19] == 0x5A else { return nil }
        // Two digits at a time, straight-line: the replay parses one time a journal line.
        var bad: UInt8 = 0
        func pair(_ i: Int) -> Int {
            let a = u[i] &- 0x30, b = u[i + 1] &- 0x30
            bad |= (a > 9 ? 1 : 0) | (b > 9 ? 1 : 0)
            return Int(a) * 10 + Int(b)
        }
        let y = pair(0) * 100 + pair(2), mo = pair(5), d = pair(8), h = pair(11), mi = pair(14), s = pair(17)
        guard bad == 0, (1...12).contains(mo), d >= 1, d <= Day.daysIn(month: mo, year: y), h < 24, mi < 60, s < 60 else { return nil }
        let days = Day(year: y, month: mo, day: d).daysSinceEpoch
        return Timestamp(seconds: days * 86400 + Int64(h * 3600 + mi * 60 + s))
    }

    /// The moment as people in China read it, in Beijing time (UTC+8, no daylight saving) whatever the
    /// machine's time zone: `2026-12-01 00:30` for `2026-11-30T16:30:00Z`. To the minute.
    public var beijing: String {
        let local = seconds + 8 * 3600
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let rest = local - days * 86400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Day(daysSinceEpoch: days)) \(two(rest / 3600)):\(two(rest / 60 % 60))"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

}
