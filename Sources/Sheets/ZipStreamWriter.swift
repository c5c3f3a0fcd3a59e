import CDeflate
import Foundation

/// Writes a zip archive whose entries are deflated as their bytes arrive, so a 200 MB sheet never sits in
/// memory or in a temporary file. Each entry's CRC and sizes follow its data in a data descriptor.
///
/// Written by hand because ZIPFoundation (which the tests use to build archives) needs an entry's size before
/// its first byte and always deflates at level 6; a national sheet deflates three times faster at level 1
/// (docs/performance.md). No ZIP64: an entry or archive over 4 GiB is refused with an error.
final class ZipStreamWriter {
    private struct Entry {
        let name: [UInt8]
        let offset: UInt32
        var crc: UInt32 = 0
        var compressed: UInt32 = 0
        var size: UInt32 = 0
    }

    private let path: String
    private let handle: FileHandle
    private var out: [UInt8] = []
    private var written: UInt64 = 0
    private var entries: [Entry] = []
    private var stream = z_stream()
    private var open = false
    private var crc: uLong = 0
    private var inputBytes: UInt64 = 0
    private var outputBytes: UInt64 = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private let (dosTime, dosDate): (UInt16, UInt16)

    /// Writes the archive to `handle`, a new file at `path` (named in errors).
    init(path: String, handle: FileHandle) {
        self.path = path
        self.handle = handle
        (dosTime, dosDate) = ZipStreamWriter.dosNow()
    }

    deinit {
        if open { deflateEnd(&stream) }
        try? handle.close()
    }

    /// Starts an entry compressed at `level` (1 fastest … 9 smallest).
    func beginEntry(_ name: String, level: Int32) throws(SheetWriteError) {
        guard !open else { throw SheetWriteError(path: path, message: "zip entry \(name) started inside another") }
        guard written + UInt64(out.count) < UInt64(UInt32.max) else { throw tooLarge() }
        let entry = Entry(name: Array(name.utf8), offset: UInt32(written + UInt64(out.count)))
        header(0x0403_4b50)
        u16(20); u16(ZipStreamWriter.flags); u16(8); u16(dosTime); u16(dosDate)
        u32(0); u32(0); u32(0)
        u16(UInt16(entry.name.count)); u16(0)
        out += entry.name
        entries.append(entry)
        stream = z_stream()
        guard tzpy_deflate_init_raw(&stream, level) == Z_OK else { throw SheetWriteError(path: path, message: "deflateInit") }
        open = true
        crc = crc32(0, nil, 0)
        inputBytes = 0
        outputBytes = 0
    }

    /// Deflates `bytes` into the current entry.
    func write(_ bytes: [UInt8]) throws(SheetWriteError) {
        guard !bytes.isEmpty else { return }
        crc = bytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        inputBytes += UInt64(bytes.count)
        try deflate(bytes, flush: Z_NO_FLUSH)
    }

    /// Ends the current entry: the rest of the deflate stream, then its data descriptor.
    func endEntry() throws(SheetWriteError) {
        try deflate([], flush: Z_FINISH)
        deflateEnd(&stream)
        open = false
        guard inputBytes < UInt64(UInt32.max), outputBytes < UInt64(UInt32.max) else { throw tooLarge() }
        entries[entries.count - 1].crc = UInt32(crc)
        entries[entries.count - 1].compressed = UInt32(outputBytes)
        entries[entries.count - 1].size = UInt32(inputBytes)
        header(0x0807_4b50)
        u32(UInt32(crc)); u32(UInt32(outputBytes)); u32(UInt32(inputBytes))
        try flushIfLarge()
    }

    /// Adds a whole small entry.
    func add(_ name: String, _ bytes: [UInt8]) throws(SheetWriteError) {
        try beginEntry(name, level: 6)
        try write(bytes)
        try endEntry()
    }

    /// Writes the central directory and closes the file (the caller fsyncs and renames it).
    func finish() throws(SheetWriteError) {
        let start = written + UInt64(out.count)
        for e in entries {
            header(0x0201_4b50)
            u16(0x0314); u16(20); u16(ZipStreamWriter.flags); u16(8); u16(dosTime); u16(dosDate)
            u32(e.crc); u32(e.compressed); u32(e.size)
            u16(UInt16(e.name.count)); u16(0); u16(0); u16(0); u16(0)
            u32(0o100644 << 16); u32(e.offset)
            out += e.name
        }
        let size = written + UInt64(out.count) - start
        guard start + size < UInt64(UInt32.max) else { throw tooLarge() }
        header(0x0605_4b50)
        u16(0); u16(0); u16(UInt16(entries.count)); u16(UInt16(entries.count))
        u32(UInt32(size)); u32(UInt32(start)); u16(0)
        try flushOut()
        try? handle.close()
    }

    /// Bit 3: sizes in a data descriptor; bit 11: names are UTF-8.
    private static let flags: UInt16 = 0x0808

    private func deflate(_ bytes: [UInt8], flush: Int32) throws(SheetWriteError) {
        var input = bytes
        let capacity = chunk.count
        var status: Int32 = Z_OK
        var failed = false
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(capacity)
                    status = CDeflate.deflate(&stream, flush)
                }
                if status == Z_STREAM_ERROR { failed = true; return }
                let produced = capacity - Int(stream.avail_out)
                out.append(contentsOf: chunk[0..<produced])
                outputBytes += UInt64(produced)
            } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
        }
        if failed { throw SheetWriteError(path: path, message: "deflate") }
        try flushIfLarge()
    }

    private func flushIfLarge() throws(SheetWriteError) {
        if out.count >= 1 << 20 { try flushOut() }
    }

    private func flushOut() throws(SheetWriteError) {
        guard !out.isEmpty else { return }
        do { try handle.write(contentsOf: out) } catch { throw SheetWriteError(path: path, message: "\(error)") }
        written += UInt64(out.count)
        out.removeAll(keepingCapacity: true)
    }

    private func tooLarge() -> SheetWriteError {
        SheetWriteError(path: path, message: "工作簿超过 4 GiB，zip 无法容纳；请改用 --format csv 或按学校分开导出")
    }

    private func header(_ signature: UInt32) { u32(signature) }
    private func u16(_ v: UInt16) { out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8)) }
    private func u32(_ v: UInt32) { u16(UInt16(v & 0xFFFF)); u16(UInt16(v >> 16)) }

    /// The local time as MS-DOS time and date fields.
    private static func dosNow() -> (UInt16, UInt16) {
        var now = time(nil)
        var t = tm()
        localtime_r(&now, &t)
        let dosTime = UInt16(t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec / 2)
        let dosDate = UInt16(max(0, Int(t.tm_year) - 80) << 9 | Int(t.tm_mon + 1) << 5 | Int(t.tm_mday))
        return (dosTime, dosDate)
    }
}
