import ClaimKit

/// Everything the store can refuse or fail at, each naming the file (and line or field) involved.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A reference file (catalog, campaign, schools) has a bad field.
    case reference(file: String, line: Int, field: String, problem: String)
    /// A journal line does not parse or does not follow from the lines before it.
    case journal(file: String, line: Int, problem: String)
    /// Someone else changed the claim since the actor looked at it.
    case conflict(LedgerError)
    /// The event is not allowed (unknown school or item, illegal transition).
    case refused(LedgerError)
    /// A value of the event does not fit its field (a comment over 500 characters).
    case invalid(FieldError)
    /// The store opened read-only because of an earlier problem and refuses to write.
    case readOnly(String)
    /// The actor's role (or missing account) does not allow the write; the text names the role.
    case denied(String)
    /// A file in the data dir is not safe to use (a symlink, a hard link, another owner, writable by
    /// others); the text says what to do.
    case unsafe(path: String, problem: String)
    /// A system call failed.
    case io(path: String, operation: String, message: String)

    /// True for a role's refusal (as opposed to a damaged journal, unsafe files or a failed call).
    public var isDenial: Bool {
        if case .denied = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .reference(let file, let line, let field, let problem): "\(file):\(line): \(field): \(problem)"
        case .journal(let file, let line, let problem): "\(file):\(line): \(problem)"
        case .conflict(let e): "冲突：\(e)"
        case .refused(let e): e.description
        case .readOnly(let why): "数据目录为只读，拒绝写入：\(why)"
        case .invalid(let e): e.description
        case .denied(let why): "拒绝：\(why)"
        case .unsafe(let path, let problem): "\(path)：不安全，拒绝使用：\(problem)"
        case .io(let path, let op, let message): "\(path): \(op) 失败：\(message)"
        }
    }
}
