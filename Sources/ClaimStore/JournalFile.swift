#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClaimKit

/// The open journal file: locking, reading what is new, and durable appends.
///
/// Readers take a shared `flock`, writers an exclusive one, so a reader never sees half of a line that
/// is being written; a line without its newline is therefore a write torn by a crash. `flock` needs no
/// write permission, so a read-only descriptor (a viewer, a read-only mount) still takes the shared lock.
final class JournalFile {
    let path: String
    let fd: Int32
    /// Bytes of the file consumed so far: always at the end of a complete line (or batch).
    private(set) var offset: Int = 0

    /// Takes ownership of `fd`, opened (and checked) by the data dir's `SecureDirectory`.
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    static func error(_ path: String, _ op: String) -> StoreError {
        .io(path: path, operation: op, message: String(cString: strerror(errno)))
    }

    func lock(exclusive: Bool) throws(StoreError) {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno != EINTR { throw JournalFile.error(path, "flock") }
        }
    }

    func unlock() { flock(fd, LOCK_UN) }

    func size() throws(StoreError) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalFile.error(path, "fstat") }
        return Int(st.st_size)
    }

    /// Bytes from `offset` to the end of the file (call with a lock held).
    func readNew() throws(StoreError) -> [UInt8] {
        let end = try size()
        guard end > offset else { return [] }
        // Not zero-filled first: at national size that would touch 60 MB twice.
        var failure: StoreError?
        let buffer = [UInt8](unsafeUninitializedCapacity: end - offset) { storage, count in
            (count, failure) = read(into: storage)
        }
        if let failure { throw failure }
        return buffer
    }

    /// `readNew` into memory of its own, for an open: the replay and the chain check read it from two threads.
    func readNewBytes() throws(StoreError) -> JournalBytes {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(try size() - offset, 0))
        adviseHugePages(UnsafeMutableRawPointer(storage.baseAddress), count: storage.count)
        let (count, failure) = read(into: storage)
        let bytes = JournalBytes(storage, count: count)
        if let failure { throw failure }
        return bytes
    }

    /// Reads from `offset` until `storage` is full or the file ends; returns the count read.
    private func read(into storage: UnsafeMutableBufferPointer<UInt8>) -> (Int, StoreError?) {
        var done = 0
        while done < storage.count {
            let n = pread(fd, storage.baseAddress! + done, storage.count - done, off_t(offset + done))
            if n < 0 { if errno == EINTR { continue }; return (done, JournalFile.error(path, "read")) }
            if n == 0 { break }
            done += n
        }
        return (done, nil)
    }

    /// Records that `bytes` more bytes (complete lines) were consumed.
    func consumed(bytes: Int) {
        offset += bytes
    }

    /// Writes `data` at the end, fsyncs, and advances past it; on failure cuts the file back (call with LOCK_EX).
    func append(_ data: [UInt8]) throws(StoreError) {
        let start = try size()
        var done = 0
        while done < data.count {
            let n = data.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(start + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = JournalFile.error(path, "write")
                _ = ftruncate(fd, off_t(start))
                throw failure
            }
            done += n
        }
        guard fsync(fd) == 0 else {
            let failure = JournalFile.error(path, "fsync")
            _ = ftruncate(fd, off_t(start))
            throw failure
        }
    }

    /// Cuts the file at `length` (to drop a torn tail) and makes that durable.
    func truncate(to length: Int) throws(StoreError) {
        guard ftruncate(fd, off_t(length)) == 0, fsync(fd) == 0 else { throw JournalFile.error(path, "truncate") }
    }
}

/// Journal bytes read into memory of their own, freed when the last holder lets go: an open's replay and
/// its chain check on another thread share them without a copy, and nothing keeps them after both are done.
final class JournalBytes: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// The bytes read (immutable once made).
    let buffer: UnsafeBufferPointer<UInt8>

    init(_ storage: UnsafeMutableBufferPointer<UInt8>, count: Int) {
        self.storage = storage
        self.buffer = UnsafeBufferPointer(rebasing: storage[0..<count])
    }

    deinit { storage.deallocate() }
}
