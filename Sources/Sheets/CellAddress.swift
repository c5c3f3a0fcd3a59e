/// A cell's position in A1 notation: column letters and a 1-based row, as spreadsheets show it.
public struct CellAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based column (A = 0).
    public let column: Int
    /// 1-based row, as the spreadsheet numbers it.
    public let row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `B7` or `AA10`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 7 { return nil }
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.column = column - 1
        self.row = row
    }

    /// The column's letters: 0 → A, 25 → Z, 26 → AA.
    public static func letters(_ column: Int) -> String {
        var n = column + 1
        var chars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(r))))
            n = (n - 1) / 26
        }
        return String(chars.reversed())
    }

    public var description: String { "\(CellAddress.letters(column))\(row)" }

    public static func < (a: CellAddress, b: CellAddress) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangle of cells, such as a merged range `A1:C2`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public let first: CellAddress
    public let last: CellAddress

    public init(_ first: CellAddress, _ last: CellAddress) {
        self.first = first
        self.last = last
    }

    /// Parses `A1:C2` (or a single `A1`); `A1:` and `:C2` are refused.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let a = CellAddress(parts[0]),
              let b = parts.count == 2 ? CellAddress(parts[1]) : a else { return nil }
        self.init(a, b)
    }

    public func contains(_ address: CellAddress) -> Bool {
        (first.row...last.row).contains(address.row) && (first.column...last.column).contains(address.column)
    }

    public var description: String { first == last ? "\(first)" : "\(first):\(last)" }
}
