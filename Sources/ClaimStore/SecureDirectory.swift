#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The data dir as an open directory descriptor: every file in it is opened relative to that descriptor
/// without following symlinks, checked to be a plain file of the directory's owner with one link, and
/// every new file is written under an unpredictable name (`O_EXCL`), fsync'd and renamed into place.
///
/// This is what keeps a colleague with access to the folder from redirecting the store's writes (a
/// symlink at `journal.torn` or at a temporary name) into a file of whoever runs tzpy.
public final class SecureDirectory {
    public let url: URL
    let fd: Int32
    /// The directory's owner: every file in it must belong to this user.
    public let owner: uid_t
    /// The directory's permission bits.
    public let mode: mode_t

    /// Files created here get at most these bits: the owner writes, a group may read, nobody else.
    public static let fileMode: mode_t = 0o640
    /// A data dir made by tzpy gets at most these bits.
    public static let directoryMode: mode_t = 0o750

    public init(_ url: URL) throws(StoreError) {
        self.url = url
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw .io(path: url.path, operation: "open", message: e == ENOENT
                      ? "no such folder: is \(url.path) a tzpy data dir? (tzpy init or tzpy demo creates one)"
                      : String(cString: strerror(e)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = SecureDirectory.error(url.path, "fstat"); close(fd); throw e }
        self.fd = fd
        self.owner = st.st_uid
        self.mode = st.st_mode & 0o7777
    }

    deinit { close(fd) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    static func error(_ path: String, _ op: String) -> StoreError {
        .io(path: path, operation: op, message: String(cString: strerror(errno)))
    }

    /// The owner's user name, for messages.
    public var ownerName: String { UnixUser.name(of: owner) }

    /// True when the file exists (a symlink counts as existing: it is refused when opened).
    public func exists(_ name: String) -> Bool {
        var st = stat()
        return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0
    }

    /// Status of `name` without following a symlink, or nil when it does not exist.
    func status(_ name: String) throws(StoreError) -> stat? {
        var st = stat()
        if fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 { return st }
        if errno == ENOENT { return nil }
        throw SecureDirectory.error(path(name), "stat")
    }

    /// Why the opened file `st` must not be used: not a plain file, several links, or another owner.
    func unsafeness(_ name: String, _ st: stat) -> StoreError? {
        if (st.st_mode & S_IFMT) != S_IFREG {
            return .unsafe(path: path(name), problem: "应为普通文件，实际是\((st.st_mode & S_IFMT) == S_IFLNK ? "符号链接" : "特殊文件")；请删除它并从备份恢复")
        }
        if st.st_nlink != 1 {
            return .unsafe(path: path(name), problem: "应只有一个链接，实际有 \(st.st_nlink) 个（硬链接可把写入引到别处）；请用 cp 复制成独立文件")
        }
        if st.st_uid != owner {
            return .unsafe(path: path(name), problem: "应属于数据目录的所有者 \(ownerName)，实际属于 \(UnixUser.name(of: st.st_uid))；请以 \(ownerName) 身份复制一份替换它")
        }
        return nil
    }

    /// Why the store must not write: the directory or one of `names` can be written by someone other than
    /// its owner (the message gives the `chmod` that fixes it), or nil.
    public func writeHazard(_ names: [String]) throws(StoreError) -> StoreError? {
        if mode & 0o022 != 0 {
            return .unsafe(path: url.path, problem: String(format: "可被所有者以外的用户写入（权限 %04o）；请运行 chmod go-w %@", mode, url.path))
        }
        for name in names {
            guard let st = try status(name) else { continue }
            if let problem = unsafeness(name, st) { return problem }
            if st.st_mode & 0o022 != 0 {
                return .unsafe(path: path(name), problem: String(format: "可被所有者以外的用户写入（权限 %04o）；请运行 chmod go-w %@", st.st_mode & 0o7777, path(name)))
            }
        }
        return nil
    }

    /// Opens an existing file without following symlinks and checks it (see `unsafeness`).
    /// `writable` asks for read-write; a read-only mount or missing permission throws `.io` with EROFS/EACCES.
    func openChecked(_ name: String, writable: Bool) throws(StoreError) -> Int32 {
        let fd = openat(self.fd, name, (writable ? O_RDWR : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let e = errno
            if e == ELOOP {
                throw .unsafe(path: path(name), problem: "应为普通文件，实际是符号链接；请删除它并从备份恢复")
            }
            errno = e
            throw SecureDirectory.error(path(name), "open")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = SecureDirectory.error(path(name), "fstat"); close(fd); throw e }
        if let problem = unsafeness(name, st) { close(fd); throw problem }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// The whole content of `name`, or nil when it does not exist.
    public func read(_ name: String) throws(StoreError) -> [UInt8]? {
        guard exists(name) else { return nil }
        let fd = try openChecked(name, writable: false)
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(out.count)) }
            if n < 0 { if errno == EINTR { continue }; throw SecureDirectory.error(path(name), "read") }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// Creates a file under a random name that nobody could have planted (`O_CREAT|O_EXCL|O_NOFOLLOW`),
    /// mode `fileMode`; returns its descriptor and name.
    func createTemporary(for name: String) throws(StoreError) -> (fd: Int32, name: String) {
        for _ in 0..<16 {
            let temp = ".\(name).\(SecureDirectory.randomSuffix()).tmp"
            let fd = openat(self.fd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, SecureDirectory.fileMode)
            if fd >= 0 { return (fd, temp) }
            if errno != EEXIST { throw SecureDirectory.error(path(temp), "create") }
        }
        throw .io(path: path(name), operation: "create", message: "no free temporary name after 16 tries")
    }

    /// 12 random hex digits from the system's generator.
    static func randomSuffix() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<12).map { _ in hex[Int(rng.next() & 0xF)] }, as: UTF8.self)
    }

    /// Writes `bytes` as `name` so that a crash leaves the old file or the new one, never half of either.
    /// `durable` false skips the two fsyncs, for a file nobody needs after a crash (a console's presence
    /// record): readers still see the old file or the new one whole, but a crash may leave either.
    public func writeAtomically(_ bytes: [UInt8], to name: String, durable: Bool = true) throws(StoreError) {
        let (fd, temp) = try createTemporary(for: name)
        func abandon(_ op: String) -> StoreError {
            let e = SecureDirectory.error(path(temp), op)
            close(fd)
            unlinkat(self.fd, temp, 0)
            return e
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; throw abandon("write") }
            done += n
        }
        guard !durable || fsync(fd) == 0 else { throw abandon("fsync") }
        close(fd)
        guard renameat(self.fd, temp, self.fd, name) == 0 else {
            let e = SecureDirectory.error(path(name), "rename")
            unlinkat(self.fd, temp, 0)
            throw e
        }
        if durable { _ = fsync(self.fd) }
    }

    public func writeAtomically(_ text: String, to name: String) throws(StoreError) {
        try writeAtomically(Array(text.utf8), to: name)
    }

    /// Appends `bytes` to `name` durably, creating it (mode `fileMode`) when missing; never follows a symlink.
    func append(_ bytes: [UInt8], to name: String) throws(StoreError) {
        var fd = openat(self.fd, name, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, SecureDirectory.fileMode)
        if fd < 0 && errno == EEXIST {
            fd = try openChecked(name, writable: true)
            _ = fcntl(fd, F_SETFL, O_APPEND)
        } else if fd < 0 {
            throw SecureDirectory.error(path(name), "create")
        }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; throw SecureDirectory.error(path(name), "write") }
            done += n
        }
        guard fsync(fd) == 0 else { throw SecureDirectory.error(path(name), "fsync") }
        _ = fsync(self.fd)
    }

    /// A stamp that changes whenever `name` is replaced or written (inode, size, modification time).
    func stamp(_ name: String) throws(StoreError) -> FileStamp? {
        guard let st = try status(name) else { return nil }
        return FileStamp(inode: UInt64(st.st_ino), size: Int64(st.st_size),
                         modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}

/// Identifies one version of a file: a rename gives a new inode, a write a new size or time.
struct FileStamp: Equatable {
    let inode: UInt64
    let size: Int64
    let modified: Int64
}
