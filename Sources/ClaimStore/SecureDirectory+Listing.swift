#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SecureDirectory {
    /// The names of the entries whose name starts with `prefix` (no `.` or `..`), at most `limit`.
    func names(withPrefix prefix: String, limit: Int) -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else { return [] }
        defer { closedir(dir) }
        rewinddir(dir)
        var out: [String] = []
        while out.count < limit, let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) { out.append(name) }
        }
        return out
    }

    /// Removes `name` from the folder (never what a symlink points to: unlink removes the link itself).
    func remove(_ name: String) {
        _ = unlinkat(fd, name, 0)
    }
}
