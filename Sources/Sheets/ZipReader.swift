import CDeflate
import Foundation

/// Why an entry of a zip archive cannot be read.
enum ZipError: Error, Equatable {
    /// Not a zip archive at all (no end-of-central-directory record, or one that points outside the file).
    case notZip
    /// The entry inflates past `limit`; `atLeast` is how far it got (or its declared size).
    case tooLarge(atLeast: UInt64)
    /// The entry's bytes are not what the archive says they are; the reason, for the message.
    case corrupt(String)
}

/// Reads the entries of a zip archive (a workbook) with bounds on everything: the central directory must lie in the
/// file, an entry's data is read from its own bytes only, inflated by zlib up to a limit, and checked against the
/// sizes and CRC-32 the central directory records.
///
/// Written here rather than read with ZIPFoundation (which the tests still use to build archives) because
/// ZIPFoundation's inflate loop reads on from the file past the entry's compressed size and, on a deflate stream cut
/// short, asks for more input forever once it reaches the end of the file: a 3 KB workbook with one byte changed in
/// a local header hung `tzpy import` (found by the fuzz tests, docs/reliability.md). It also returns the CRC it
/// computed without comparing it with the archive's.
struct ZipReader {
    struct Entry {
        let path: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let localHeaderOffset: UInt64
    }

    private let handle: FileHandle
    let fileSize: UInt64
    /// Entries by path; the first of two with one path wins, as in ZIPFoundation.
    let entries: [String: Entry]

    init(url: URL) throws(ZipError) {
        guard let handle = try? FileHandle(forReadingFrom: url), let end = try? handle.seekToEnd() else { throw .notZip }
        self.handle = handle
        fileSize = end
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535, at the end of the file.
        let tailSize = min(fileSize, 22 + 65_535)
        let tail = try ZipReader.read(handle, at: fileSize - tailSize, count: Int(tailSize), or: .notZip)
        guard tail.count >= 22,
              let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.u32($0) == 0x0605_4B50 }) else {
            throw .notZip
        }
        var count = UInt64(tail.u16(eocd + 10))
        var directorySize = UInt64(tail.u32(eocd + 12))
        var directoryOffset = UInt64(tail.u32(eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the record names the ZIP64 end-of-central-directory record.
            guard eocd >= 20, tail.u32(eocd - 20) == 0x0706_4B50 else { throw .notZip }
            let recordOffset = tail.u64(eocd - 20 + 8)
            guard recordOffset <= fileSize - 56 else { throw .notZip }
            let record = try ZipReader.read(handle, at: recordOffset, count: 56, or: .notZip)
            guard record.u32(0) == 0x0606_4B50 else { throw .notZip }
            count = record.u64(32)
            directorySize = record.u64(40)
            directoryOffset = record.u64(48)
        }
        guard directoryOffset <= fileSize, directorySize <= fileSize - directoryOffset, count <= directorySize / 46 + 1 else { throw .notZip }
        let directory = try ZipReader.read(handle, at: directoryOffset, count: Int(directorySize), or: .notZip)
        var entries: [String: Entry] = [:]
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else { throw .notZip }
            let nameLength = Int(directory.u16(at + 28)), extraLength = Int(directory.u16(at + 30)), commentLength = Int(directory.u16(at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else { throw .notZip }
            var compressed = UInt64(directory.u32(at + 20)), uncompressed = UInt64(directory.u32(at + 24))
            var offset = UInt64(directory.u32(at + 42))
            // The ZIP64 extra field holds, in this order, whichever of the three sizes are 0xFFFFFFFF here.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = directory.u16(extra), size = Int(directory.u16(extra + 2))
                guard extra + 4 + size <= extraEnd else { break }
                if id == 0x0001 {
                    var k = extra + 4
                    func next(_ value: inout UInt64) {
                        guard value == 0xFFFF_FFFF, k + 8 <= extra + 4 + size else { return }
                        value = directory.u64(k)
                        k += 8
                    }
                    next(&uncompressed)
                    next(&compressed)
                    next(&offset)
                }
                extra += 4 + size
            }
            let nameStart = directory.startIndex + at + 46
            let path = String(decoding: directory[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            if entries[path] == nil {
                entries[path] = Entry(path: path, method: directory.u16(at + 10), flags: directory.u16(at + 8),
                                      crc32: directory.u32(at + 16), compressedSize: compressed,
                                      uncompressedSize: uncompressed, localHeaderOffset: offset)
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The entry's bytes, inflated to at most `limit` bytes and checked against the central directory's size and CRC.
    func extract(_ entry: Entry, limit: UInt64) throws(ZipError) -> Data {
        guard entry.uncompressedSize <= limit else { throw .tooLarge(atLeast: entry.uncompressedSize) }
        guard entry.flags & 0x1 == 0 else { throw .corrupt("已加密") }
        guard entry.localHeaderOffset <= fileSize - min(fileSize, 30) else { throw .corrupt("本地文件头不在文件内") }
        let header = try ZipReader.read(handle, at: entry.localHeaderOffset, count: 30, or: .corrupt("本地文件头不在文件内"))
        guard header.u32(0) == 0x0403_4B50 else { throw .corrupt("本地文件头的签名不对") }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
        guard dataOffset <= fileSize, entry.compressedSize <= fileSize - dataOffset else { throw .corrupt("数据超出文件末尾") }
        // Deflate cannot shrink stored data by more than its block headers: compressed bytes past this cannot
        // inflate to within the limit, and need not be read.
        guard entry.compressedSize <= limit + limit / 1_000 + 1_024 else { throw .tooLarge(atLeast: entry.compressedSize) }
        let input = try ZipReader.read(handle, at: dataOffset, count: Int(entry.compressedSize), or: .corrupt("数据超出文件末尾"))
        let output: Data
        switch entry.method {
        case 0:
            output = input
        case 8:
            output = try ZipReader.inflateRaw(input, expected: entry.uncompressedSize, limit: limit)
        default:
            throw .corrupt("不支持的压缩方式 \(entry.method)")
        }
        guard UInt64(output.count) == entry.uncompressedSize else {
            throw .corrupt("解压后为 \(output.count) 字节，目录中记为 \(entry.uncompressedSize) 字节")
        }
        let crc = output.withUnsafeBytes { raw -> UInt32 in
            guard let base = raw.baseAddress else { return 0 }
            return UInt32(truncatingIfNeeded: crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(raw.count)))
        }
        guard crc == entry.crc32 else { throw .corrupt("CRC-32 应为 \(entry.crc32)，实际为 \(crc)") }
        return output
    }

    /// Raw deflate, `input` only: a stream that does not end within it is corrupt, and output past `limit` stops it.
    private static func inflateRaw(_ input: Data, expected: UInt64, limit: UInt64) throws(ZipError) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib 无法初始化")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        output.reserveCapacity(Int(min(expected, limit)))
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        let result: ZipError? = input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ZipError? in
            // zlib only reads through next_in; its C type is not const.
            stream.next_in = raw.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.avail_in = uInt(raw.count)
            while true {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                if produced > 0 { output.append(contentsOf: buffer[0..<produced]) }
                if UInt64(output.count) > limit { return .tooLarge(atLeast: UInt64(output.count)) }
                switch status {
                case Z_STREAM_END:
                    return nil
                case Z_OK:
                    continue
                case Z_BUF_ERROR where produced > 0:
                    continue
                case Z_BUF_ERROR:
                    return .corrupt("压缩数据不完整")
                default:
                    return .corrupt("压缩数据有误（zlib \(status)）")
                }
            }
        }
        if let result { throw result }
        return output
    }

    /// `count` bytes at `offset`, or `failure` when the file has fewer.
    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int, or failure: ZipError) throws(ZipError) -> Data {
        guard count > 0 else { return Data() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count), data.count == count else {
            throw failure
        }
        return data
    }
}

private extension Data {
    func u16(_ at: Int) -> UInt16 {
        let i = startIndex + at
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }

    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
