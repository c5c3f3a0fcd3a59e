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

    /// Excel's last row (1,048,576) and column count (16,384: A…XFD). Nothing past them is a cell of a workbook
    /// that Excel, WPS or LibreOffice wrote, so the reader refuses it instead of trusting the number.
    public static let maxRow = 1_048_576
    public static let maxColumns = 16_384

    /// What a reference's text is: a cell within Excel's limits, a well-formed reference past them (`XFE1`,
    /// `A99999999`, `AAAA1`; with its place when that is short enough to print), or not a reference at all
    /// (`A0`, `3F`, `甲1`).
    public enum Parsed: Hashable, Sendable {
        case cell(CellAddress)
        case beyondExcel(CellAddress?)
        case invalid
    }

    /// Classifies `B7`, `$AA$10`, `XFE1`…; letters and digits are counted without overflow however many there are.
    public static func parse(_ text: some StringProtocol) -> Parsed {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0, UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                if letters < 6 { column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1 }
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                if digits < 12 { row = row * 10 + Int(byte - UInt8(ascii: "0")) }
                digits += 1
            case UInt8(ascii: "$"):
                continue
            default:
                return .invalid
            }
        }
        guard letters > 0, digits > 0, row > 0 || digits > 12 else { return .invalid }
        guard letters <= 3, digits <= 7, column <= maxColumns, row <= maxRow else {
            return .beyondExcel(letters <= 6 && digits <= 12 ? CellAddress(column: column - 1, row: row) : nil)
        }
        return .cell(CellAddress(column: column - 1, row: row))
    }

    /// Parses `B7` or `AA10` within Excel's limits (A1…XFD1048576); nil for anything else.
    public init?(_ text: some StringProtocol) {
        guard case .cell(let address) = CellAddress.parse(text) else { return nil }
        self = address
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
