import Foundation

/// Why a CSV file cannot be read as records.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    case decoding(DecodingError)
    /// A quoted field that is never closed; `line` is where it opened.
    case unterminatedQuote(line: Int)
    /// Text right after a closing quote, such as `"a"b`.
    case textAfterQuote(line: Int)

    public var description: String {
        switch self {
        case .decoding(let e): e.description
        case .unterminatedQuote(let line): "第 \(line) 行：引号内的字段没有结束引号"
        case .textAfterQuote(let line): "第 \(line) 行：结束引号后应为逗号或换行，实际为其他字符"
        }
    }

    /// The line the problem is on.
    public var line: Int {
        switch self {
        case .decoding(let e): e.line
        case .unterminatedQuote(let line), .textAfterQuote(let line): line
        }
    }
}

/// Reads RFC 4180 CSV (comma separated, `"` quoting, CRLF or LF) one record at a time, so an 80 MB file
/// is never held as a table. Written by hand rather than with a CSV package because import needs the
/// line each record starts on for its messages, GB18030 detection first, and byte-level speed.
public struct CSVReader: Sendable {
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
        var line = 1
        var fields: [CellValue?] = []
        var field: [UInt8] = []
        var recordLine = 1
        var i = 0
        let n = bytes.count
        // A field that CSVWriter guarded against formula injection is read without its `'`.
        func text(_ f: [UInt8]) -> CellValue? {
            f.isEmpty ? nil : .text(String(decoding: CSVWriter.isGuarded(f) ? f[1...] : f[...], as: UTF8.self))
        }
        try bytes.withUnsafeBufferPointer { p in
            var atRecordStart = true
            while i < n {
                if atRecordStart { recordLine = line; atRecordStart = false }
                let b = p[i]
                if b == UInt8(ascii: "\"") && field.isEmpty {
                    let openLine = line
                    i += 1
                    var closed = false
                    while i < n {
                        let c = p[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < n && p[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
                            closed = true
                            i += 1
                            break
                        }
                        if c == 0x0A || (c == 0x0D && (i + 1 == n || p[i + 1] != 0x0A)) { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    guard closed else { throw CSVError.unterminatedQuote(line: openLine) }
                    if i < n, p[i] != UInt8(ascii: ","), p[i] != 0x0A, p[i] != 0x0D {
                        throw CSVError.textAfterQuote(line: line)
                    }
                    if field.isEmpty { field = [] }
                    fields.append(field.isEmpty ? .text("") : text(field))
                    field.removeAll(keepingCapacity: true)
                    if i < n && p[i] == UInt8(ascii: ",") {
                        i += 1
                        if i == n || p[i] == 0x0A || p[i] == 0x0D { fields.append(nil) }
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: ","):
                    fields.append(text(field))
                    field.removeAll(keepingCapacity: true)
                    i += 1
                    if i == n || p[i] == 0x0A || p[i] == 0x0D { fields.append(nil) }
                case 0x0D, 0x0A:
                    if !field.isEmpty { fields.append(text(field)); field.removeAll(keepingCapacity: true) }
                    i += (b == 0x0D && i + 1 < n && p[i + 1] == 0x0A) ? 2 : 1
                    let row = SheetRow(number: recordLine, cells: fields)
                    fields.removeAll(keepingCapacity: true)
                    line += 1
                    atRecordStart = true
                    if try !body(row) { return }
                default:
                    field.append(b)
                    i += 1
                }
            }
            if !field.isEmpty { fields.append(text(field)) }
            if !fields.isEmpty { _ = try body(SheetRow(number: recordLine, cells: fields)) }
        }
    }
}
