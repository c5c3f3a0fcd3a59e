import Foundation

/// Why a CSV file cannot be read as records.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    case decoding(DecodingError)
    /// A quoted field that is never closed; `line` is where it opened.
    case unterminatedQuote(line: Int)
    /// Text right after a closing quote, such as `"a"b`.
    case textAfterQuote(line: Int)
    /// A record of more than `CSVReader.maxColumns` fields; `line` is where the record starts.
    case tooManyColumns(line: Int)
    /// A field of more than `CSVReader.maxFieldLength` characters; `line` is where it starts, `column` 0-based.
    case fieldTooLong(line: Int, column: Int)

    public var description: String {
        switch self {
        case .decoding(let e): e.description
        case .unterminatedQuote(let line): "第 \(line) 行：引号内的字段没有结束引号"
        case .textAfterQuote(let line): "第 \(line) 行：结束引号后应为逗号或换行，实际为其他字符"
        case .tooManyColumns(let line):
            "第 \(line) 行：应最多 \(CSVReader.maxColumns) 列（Excel 的上限，即 XFD 列），实际更多"
        case .fieldTooLong(let line, let column):
            "第 \(line) 行第 \(CellAddress.letters(column)) 列：单元格应最多 \(CSVReader.maxFieldLength) 个字符（Excel 的上限），实际更长"
        }
    }

    /// The line the problem is on.
    public var line: Int {
        switch self {
        case .decoding(let e): e.line
        case .unterminatedQuote(let line), .textAfterQuote(let line), .tooManyColumns(let line), .fieldTooLong(let line, _): line
        }
    }
}

/// Reads RFC 4180 CSV (comma separated, `"` quoting, CRLF or LF) one record at a time, so an 80 MB file
/// is never held as a table. Written by hand rather than with a CSV package because import needs the
/// line each record starts on for its messages, GB18030 detection first, and byte-level speed.
///
/// A crafted file cannot make a record cost more than its cells: empty fields are not stored, a record has at
/// most Excel's 16,384 columns and a field at most Excel's 32,767 characters (UTF-16 code units, as Excel counts).
public struct CSVReader: Sendable {
    /// Excel's column count (A…XFD); a record with more fields is refused.
    public static let maxColumns = CellAddress.maxColumns
    /// Excel's limit for the text of one cell, in UTF-16 code units.
    public static let maxFieldLength = 32_767

    /// The decoded UTF-8 bytes (BOM removed).
    public let bytes: [UInt8]
    public let encoding: TextEncoding

    public init(data: consuming [UInt8]) throws(CSVError) {
        do {
            (bytes, encoding) = try TextDecoding.utf8(consume data)
        } catch {
            throw .decoding(error)
        }
    }

    /// Calls `body` with each record as a row of text cells, numbered by the line it starts on.
    /// Blank lines are passed as rows with no cells. Stops early when `body` returns false.
    /// A field that CSVWriter guarded against formula injection (`'=…`, `'+…`, `'-…`, `'@…`, `'` before a tab or CR)
    /// is read without the `'`, so an export imports again as it was.
    public func forEachRow(_ body: (SheetRow) throws -> Bool) throws {
        try bytes.withUnsafeBufferPointer { p in try CSVReader.scan(p, body) }
    }

    /// The record being read: its cells so far, the next column, the current field's bytes. A struct with a
    /// mutating method rather than a local function over captured variables, which Swift checks for exclusive
    /// access at run time on every call (a fifth of a national file's reading time).
    private struct Record {
        var cells: [SheetCell] = []
        var column = 0
        var field: [UInt8] = []

        /// Ends the field in `field` (nil when it was empty and unquoted) and moves to the next column.
        mutating func endField(quoted: Bool, startLine: Int, recordLine: Int) throws(CSVError) {
            defer { column += 1; field.removeAll(keepingCapacity: true) }
            guard column < CSVReader.maxColumns else { throw .tooManyColumns(line: recordLine) }
            if field.isEmpty && !quoted { return }
            if field.count > CSVReader.maxFieldLength && CSVReader.utf16Length(field) > CSVReader.maxFieldLength {
                throw .fieldTooLong(line: startLine, column: column)
            }
            let start = CSVWriter.isGuarded(field) ? 1 : 0
            cells.append(SheetCell(column: column, value: .text(String(decoding: field[start...], as: UTF8.self))))
        }

        /// The record as a row, and a fresh start for the next.
        mutating func take(number: Int) -> SheetRow {
            defer { cells.removeAll(keepingCapacity: true); column = 0 }
            return SheetRow(number: number, entries: cells, width: column)
        }
    }

    private static func scan(_ p: UnsafeBufferPointer<UInt8>, _ body: (SheetRow) throws -> Bool) throws {
        var line = 1
        var record = Record()
        var recordLine = 1
        var i = 0
        let n = p.count
        /// A field can only be this long in bytes and still be within the limit (a BMP character is at most 3 bytes
        /// for its one code unit): past it, reading stops without decoding the rest.
        let byteLimit = CSVReader.maxFieldLength * 3
        var atRecordStart = true
        while i < n {
            if atRecordStart { recordLine = line; atRecordStart = false }
            let b = p[i]
            if b == UInt8(ascii: "\"") && record.field.isEmpty {
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = p[i]
                    if c == UInt8(ascii: "\"") {
                        if i + 1 < n && p[i + 1] == UInt8(ascii: "\"") { record.field.append(c); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    if c == 0x0A || (c == 0x0D && (i + 1 == n || p[i + 1] != 0x0A)) { line += 1 }
                    record.field.append(c)
                    i += 1
                    if record.field.count > byteLimit { throw CSVError.fieldTooLong(line: openLine, column: record.column) }
                }
                guard closed else { throw CSVError.unterminatedQuote(line: openLine) }
                if i < n, p[i] != UInt8(ascii: ","), p[i] != 0x0A, p[i] != 0x0D {
                    throw CSVError.textAfterQuote(line: line)
                }
                try record.endField(quoted: true, startLine: openLine, recordLine: recordLine)
                if i < n && p[i] == UInt8(ascii: ",") {
                    i += 1
                    if i == n || p[i] == 0x0A || p[i] == 0x0D { try record.endField(quoted: false, startLine: line, recordLine: recordLine) }
                }
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                try record.endField(quoted: false, startLine: line, recordLine: recordLine)
                i += 1
                if i == n || p[i] == 0x0A || p[i] == 0x0D { try record.endField(quoted: false, startLine: line, recordLine: recordLine) }
            case 0x0D, 0x0A:
                if !record.field.isEmpty { try record.endField(quoted: false, startLine: line, recordLine: recordLine) }
                i += (b == 0x0D && i + 1 < n && p[i + 1] == 0x0A) ? 2 : 1
                let row = record.take(number: recordLine)
                line += 1
                atRecordStart = true
                if try !body(row) { return }
            default:
                record.field.append(b)
                i += 1
                if record.field.count > byteLimit { throw CSVError.fieldTooLong(line: line, column: record.column) }
            }
        }
        if !record.field.isEmpty { try record.endField(quoted: false, startLine: line, recordLine: recordLine) }
        if record.column > 0 { _ = try body(record.take(number: recordLine)) }
    }

    /// The length of UTF-8 `bytes` in UTF-16 code units: one per character, two for one past U+FFFF.
    static func utf16Length(_ bytes: [UInt8]) -> Int {
        var units = 0
        for b in bytes where b & 0xC0 != 0x80 { units += b >= 0xF0 ? 2 : 1 }
        return units
    }
}
