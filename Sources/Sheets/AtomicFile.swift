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

    /// The temporary file a writer fills before `commit`: hidden, beside `url`, named for this process.
    static func partial(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    }
}
