import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Sheets

/// A fresh folder under the temporary directory, removed when the value goes away.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Puts a file `name` holding `text` in the folder, as an earlier export would have left it.
    func existing(_ name: String, _ text: String) throws -> URL {
        let file = file(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// The names in the folder, hidden ones included, sorted.
    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

/// The sheets of the workbook at `url`, named in messages by its file name.
func sheets(_ url: URL) throws -> [SheetTable] { try XLSXReader.read(url, file: url.lastPathComponent) }

/// `text` encoded as GB18030 by glibc's iconv, as Excel on Chinese Windows saves "CSV (逗号分隔)".
func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    precondition(cd != iconv_t(bitPattern: -1), "iconv has no GB18030")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let written = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count, outLeft = outBuf.count
            precondition(iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0)
            return outBuf.count - outLeft
        }
    }
    return Array(output[..<written])
}

/// Every record of `text` (UTF-8) as (line, cell texts), an empty cell as nil.
func records(_ bytes: [UInt8]) throws -> [(line: Int, cells: [String?])] {
    var out: [(Int, [String?])] = []
    try CSVReader(data: bytes).forEachRow { row in
        out.append((row.number, row.cells.map { $0?.text }))
        return true
    }
    return out
}

func records(_ text: String) throws -> [(line: Int, cells: [String?])] { try records(Array(text.utf8)) }

/// The error `body` throws, or nil when it throws none.
func thrown<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do { try body() } catch let e as E { return e } catch { return nil }
    return nil
}
