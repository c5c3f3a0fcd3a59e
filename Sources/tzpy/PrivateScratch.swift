#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A folder only this process's user can enter (mkdtemp, mode 0700), removed with everything in it when
/// `body` returns: where a workbook read from standard input or written to standard output is staged,
/// under a name nobody could have planted.
func withPrivateScratch<T>(_ body: (URL) throws -> T) throws -> T {
    let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(base)/tzpy.XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
    let url = URL(fileURLWithPath: String(cString: made))
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Standard input whole, refusing more than `limit` bytes (a file sent over the gate).
func readStandardInput(limit: Int) throws -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; throw CocoaError(.fileReadUnknown) }
        if n == 0 { return out }
        out.append(contentsOf: chunk[0..<n])
        if out.count > limit { throw CocoaError(.fileReadTooLarge) }
    }
}

/// Copies a file to standard output.
func copyToStandardOutput(_ url: URL) throws {
    let data = try Data(contentsOf: url)
    FileHandle.standardOutput.write(data)
}
