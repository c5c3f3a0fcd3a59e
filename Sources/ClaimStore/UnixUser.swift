#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real Unix user of this process, the actor of every event it writes in personal mode.
///
/// Read from the password database by uid, never from `$USER` or `$LOGNAME`, which anyone can set.
public enum UnixUser {
    public static var current: String { name(of: getuid()) }

    /// The effective user's name (the owner of the files this process creates).
    public static var effective: String { name(of: geteuid()) }

    /// True when this process's effective user is `uid` (the owner of a data dir it may write).
    public static func isEffective(_ uid: uid_t) -> Bool { geteuid() == uid }

    /// The user name of `uid` from the password database, or `uidN` when it has none.
    public static func name(of uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(uid)"
    }
}
