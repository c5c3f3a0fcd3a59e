import Foundation

/// Writes CSV for Excel on Chinese Windows: UTF-8 with a BOM (without it Excel assumes GBK and shows
/// mojibake), CRLF line ends, fields quoted only when they hold a comma, quote or line break.
/// Rows stream to a temporary file that replaces `url` only when complete.
public final class CSVWriter {
    private let url: URL
    private let partial: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(url: URL) throws(SheetWriteError) {
        self.url = url
        (partial, handle) = try AtomicFile.create(for: url)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: partial)
    }

    public func appendRow(_ cells: [OutputCell]) throws(SheetWriteError) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVWriter.append(cell.csvText, to: &buffer)
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes and moves the file into place.
    public func finish() throws(SheetWriteError) {
        try flush()
        try? handle.close()
        try AtomicFile.commit(partial, to: url)
    }

    private func flush() throws(SheetWriteError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw SheetWriteError(path: url.path, message: "\(error)") }
        buffer.removeAll(keepingCapacity: true)
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
