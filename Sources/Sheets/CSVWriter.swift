import Foundation

/// Writes CSV for Excel on Chinese Windows: UTF-8 with a BOM (without it Excel assumes GBK and shows
/// mojibake), CRLF line ends, fields quoted only when they hold a comma, quote or line break.
/// Rows stream to a temporary file that replaces `url` only when complete.
///
/// Formula injection (OWASP's "CSV injection"): Excel evaluates a CSV field that starts with `=`, `+`, `-` or `@`
/// (and one after a tab or CR) as a formula, so a reviewer's comment or an imported school name such as
/// `=HYPERLINK(…)` would run when the file is opened. A text cell starting so is written with a leading `'`,
/// which Excel shows as text. Numbers (`OutputCell.integer`, `.decimal`, negative ones too) are written as they
/// are, and so is the text `-` alone, the placeholder of a non-countable 承接数量: one `-` cannot be a formula.
/// CSVReader drops the `'` again, so an export imports as it was written.
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
            var guarded = false
            switch cell {
            case .text(let text, _), .title(let text): guarded = CSVWriter.needsGuard(text)
            default: break
            }
            CSVWriter.append(cell.csvText, to: &buffer, guarded: guarded)
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

    /// The characters that make Excel read a field as a formula (OWASP's list).
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    /// True when text `bytes` start with `'`s and then a trigger: what the writer made of a formula-like text,
    /// with the one `'` it added first.
    static func isGuarded(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.first == UInt8(ascii: "'") else { return false }
        return bytes.first { $0 != UInt8(ascii: "'") }.map(isTrigger) ?? false
    }

    /// True when a text cell needs the leading `'`: it starts with a trigger, or with `'`s before one (so that
    /// the reader's dropping one `'` gives the text back), and it is not the placeholder `-` alone.
    static func needsGuard(_ text: String) -> Bool {
        guard let first = text.utf8.first, text != "-" else { return false }
        return isTrigger(first) || isGuarded(text.utf8)
    }

    /// Appends `text` as one field, quoted when it holds a comma, quote or line break; `guarded` puts the
    /// formula guard `'` first (inside the quotes).
    static func append(_ text: String, to out: inout [UInt8], guarded: Bool) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            if guarded { out.append(UInt8(ascii: "'")) }
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        if guarded { out.append(UInt8(ascii: "'")) }
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
