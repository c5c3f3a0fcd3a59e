/// Terminal column widths: the one width function all layout uses.
///
/// Follows glibc's `wcwidth` in a UTF-8 locale, which is what ncursesw draws with: East Asian Wide and
/// Fullwidth characters take 2 columns, combining marks and zero-width characters 0, everything else 1
/// (East Asian Ambiguous characters such as “ ” · are 1, see `AmbiguousWidth`). The tables are generated
/// from glibc's `wcwidth` (scripts/gen-width-tables.py → WidthTables.swift), and a test compares them with
/// the C library code point by code point.
public enum DisplayWidth {
    /// Columns one scalar takes; control characters count 0 here (they are stripped before drawing).
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // the tables have nothing below U+0300
        if isZeroWidth(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns a character (grapheme cluster) takes: its first scalar's width, its marks add nothing.
    public static func of(_ c: Character) -> Int {
        var width = 0
        for (i, s) in c.unicodeScalars.enumerated() {
            let w = of(s)
            if i == 0 { width = w } else if s.value == 0xFE0F { width = max(width, 2) }
        }
        return width
    }

    /// Columns a string takes.
    public static func of(_ text: String) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    static func isZeroWidth(_ v: UInt32) -> Bool { contains(zeroWidthRanges, v) }

    static func isWide(_ v: UInt32) -> Bool {
        if v >= 0x4E00 && v <= 0x9FFF { return true }  // CJK Unified Ideographs: most of what the console draws
        return contains(wideRanges, v)
    }

    /// East Asian Ambiguous: one column here and to glibc, two on terminals set to draw them wide.
    public static func isAmbiguous(_ s: Unicode.Scalar) -> Bool { contains(ambiguousRanges, s.value) }

    /// Binary search in a generated table of (lower, upper) pairs (WidthTables.swift).
    static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            if v > table[2 * mid + 1] { lo = mid + 1 } else { hi = mid }
        }
        return lo < table.count / 2 && v >= table[2 * lo]
    }
}
