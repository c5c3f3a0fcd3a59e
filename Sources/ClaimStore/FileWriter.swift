#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes whole files so that a crash leaves either the old file or the new one, never half of it.
public enum FileWriter {
    /// Writes `text` to a temporary file beside `url`, fsyncs it, and renames it over `url`.
    public static func writeAtomically(_ text: String, to url: URL) throws(StoreError) {
        try writeAtomically(Array(text.utf8), to: url)
    }

    public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(StoreError) {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(temp, "open") }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = fail(temp, "write")
                close(fd); unlink(temp)
                throw e
            }
            done += n
        }
        guard fsync(fd) == 0 else { let e = fail(temp, "fsync"); close(fd); unlink(temp); throw e }
        close(fd)
        guard rename(temp, url.path) == 0 else { let e = fail(url.path, "rename"); unlink(temp); throw e }
        let dir = open(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    static func fail(_ path: String, _ op: String) -> StoreError {
        .io(path: path, operation: op, message: String(cString: strerror(errno)))
    }
}
