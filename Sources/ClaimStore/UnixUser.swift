#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real Unix user of this process, the actor of every event it writes.
///
/// Read from the password database by uid, never from `$USER` or `$LOGNAME`, which anyone can set.
public enum UnixUser {
    public static var current: String {
        let uid = getuid()
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return "uid\(uid)"
    }
}
