import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encodings a CSV file reaches tzpy in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    /// What Excel on Chinese Windows writes for "CSV (逗号分隔)".
    case gb18030 = "GB18030"
}

/// Why a file's bytes are not text tzpy can read.
public struct DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line of the first byte that is neither UTF-8 nor GB18030.
    public let line: Int
    public let byteOffset: Int

    public var description: String {
        "第 \(line) 行（字节 \(byteOffset)）：应为 UTF-8 或 GB18030 编码的文本，实际为无法识别的字节"
    }
}

/// Turns a file's bytes into UTF-8: a BOM or valid UTF-8 is taken as UTF-8, anything else is tried as
/// GB18030 (which Chinese Excel writes). Detection by validity is safe in this direction: GB18030 text
/// with Chinese in it is almost never valid UTF-8, while UTF-8 Chinese is rarely valid GB18030 line by line.
public enum TextDecoding {
    /// The UTF-8 bytes of `data` (BOM removed) and the encoding it was in. `data` is consumed: UTF-8
    /// comes back in the same buffer (an 80 MB file is not copied to drop its BOM).
    public static func utf8(_ data: consuming [UInt8]) throws(DecodingError) -> (bytes: [UInt8], encoding: TextEncoding) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            var body = data
            body.removeFirst(3)
            if let bad = firstInvalidUTF8(body) { throw error(in: body, at: bad, shift: 3) }
            return (body, .utf8)
        }
        guard firstInvalidUTF8(data) != nil else { return (data, .utf8) }
        switch convert(data, from: TextEncoding.gb18030.rawValue) {
        case .success(let bytes): return (bytes, .gb18030)
        case .failure(let offset): throw error(in: data, at: offset, shift: 0)
        }
    }

    /// Lines end as the CSV reader ends them: LF, CRLF or a lone CR.
    private static func error(in data: [UInt8], at offset: Int, shift: Int) -> DecodingError {
        var line = 1
        for k in 0..<min(offset, data.count) where data[k] == 0x0A || (data[k] == 0x0D && (k + 1 == data.count || data[k + 1] != 0x0A)) {
            line += 1
        }
        return DecodingError(line: line, byteOffset: offset + shift)
    }

    /// The offset of the first byte that breaks UTF-8, or nil when all of it is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        return bytes.withUnsafeBufferPointer { p -> Int? in
            while i < n {
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                let second = p[i + 1]
                guard second >= lower && second <= upper else { return i }
                for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
    }

    private enum Conversion { case success([UInt8]), failure(Int) }

    /// Converts with iconv (glibc's converters are the reference implementation of GB18030 here).
    private static func convert(_ data: [UInt8], from encoding: String) -> Conversion {
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return .failure(0) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: data.count * 2 + 16)
        // iconv's input pointer is not const in C, but iconv only reads through it.
        let result: Conversion = data.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if rc == -1 || inLeft > 0 { return .failure(inBuf.count - inLeft) }
                return .success(Array(outBuf[0..<(outBuf.count - outLeft)]))
            }
        }
        return result
    }
}
