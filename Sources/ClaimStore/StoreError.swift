import ClaimKit

/// Everything the store can refuse or fail at, each naming the file (and line or field) involved.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A reference file (catalog, campaign, schools) has a bad field.
    case reference(file: String, line: Int, field: String, problem: String)
    /// A journal line does not parse or does not follow from the lines before it.
    case journal(file: String, line: Int, problem: String)
    /// Someone else changed the claim since the actor looked at it.
    case conflict(LedgerError)
    /// The event is not allowed (unknown school or item, illegal transition).
    case refused(LedgerError)
    /// The store opened read-only because of an earlier problem and refuses to write.
    case readOnly(String)
    /// A system call failed.
    case io(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .reference(let file, let line, let field, let problem): "\(file):\(line): \(field): \(problem)"
        case .journal(let file, let line, let problem): "\(file):\(line): \(problem)"
        case .conflict(let e): "冲突：\(e)"
        case .refused(let e): e.description
        case .readOnly(let why): "数据目录为只读，拒绝写入：\(why)"
        case .io(let path, let op, let message): "\(path): \(op) 失败：\(message)"
        }
    }
}
