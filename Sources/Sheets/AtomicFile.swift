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

    /// Creates the temporary file a writer fills before `commit`: hidden, beside `url`, under a random name
    /// nobody could have planted (`O_CREAT|O_EXCL|O_NOFOLLOW`: a symlink or file already there is never
    /// written through), mode 0644 less the umask.
    static func create(for url: URL) throws(SheetWriteError) -> (url: URL, handle: FileHandle) {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let suffix = String(rng.next() & 0xFFFF_FFFF_FFFF, radix: 16)
            let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(suffix).tmp")
            let fd = open(partial.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (partial, FileHandle(fileDescriptor: fd, closeOnDealloc: true)) }
            guard errno == EEXIST else { throw SheetWriteError(path: url.path, message: "create: \(String(cString: strerror(errno)))") }
        }
        throw SheetWriteError(path: url.path, message: "create: no free temporary name")
    }
}
