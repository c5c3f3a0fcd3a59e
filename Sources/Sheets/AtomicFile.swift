import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished file in place so that readers see either the old file or the whole new one.
enum AtomicFile {
    /// fsyncs `partial`, renames it over `url` and fsyncs the directory.
    static func commit(_ partial: URL, to url: URL) throws(SheetWriteError) {
        let fd = open(partial.path, O_RDONLY)
        guard fd >= 0 else { throw SheetWriteError(path: url.path, message: "open: \(String(cString: strerror(errno)))") }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(partial.path, url.path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(partial.path)
            throw SheetWriteError(path: url.path, message: message)
        }
        let dir = open(url.deletingLastPathComponent().path, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    /// Writes `bytes` to a temporary file beside `url`, then commits it.
    static func write(_ bytes: [UInt8], to url: URL) throws(SheetWriteError) {
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: partial.path, contents: Data(bytes)) else {
            throw SheetWriteError(path: url.path, message: "create")
        }
        try commit(partial, to: url)
    }
}
