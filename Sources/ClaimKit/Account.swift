/// What a person may do with a data dir: checked by the store for every read it scopes and every write.
public enum Role: Hashable, Sendable {
    /// A provincial reviewer (省厅): reads everything, decides, imports, manages accounts.
    case province
    /// A city reviewer (市级) of one city: reads that city's schools; with `city-review on` it passes or returns
    /// its 中职学校's claims that wait for it (待市级审核), and writes nothing else.
    case city(String)
    /// A school (or other body) by its 学校代码: reads its own claims and submits or withdraws them.
    case school(String)
    /// Reads everything, writes nothing.
    case viewer

    /// The word accounts.tsv and messages use.
    public var word: String {
        switch self {
        case .province: "province"
        case .city: "city"
        case .school: "school"
        case .viewer: "viewer"
        }
    }

    /// The Chinese name shown to people.
    public var label: String {
        switch self {
        case .province: "省厅审核人"
        case .city(let city): "市级审核人（\(city)）"
        case .school(let code): "学校 \(code)"
        case .viewer: "只读用户"
        }
    }

    /// True when the role may see `school` and its claims.
    public func canSee(_ school: School) -> Bool {
        switch self {
        case .province, .viewer: true
        case .city(let city): school.city == city
        case .school(let code): school.code == code
        }
    }

    /// True when the role lets every school be seen (no scoping needed).
    public var seesEverything: Bool {
        switch self {
        case .province, .viewer: true
        case .city, .school: false
        }
    }

    /// Why the role may not record an event of `kind` on the claim of school `code` (`school`: its record, nil
    /// when this store does not hold it), or nil when it may — what can be told before the claim's state.
    /// A province reviewer may also record a school's own steps (an import on the schools' behalf), but not a
    /// city's pass; a city reviewer passes or returns claims of its own city's 中职学校 only.
    public func refusal(_ kind: ReviewEvent.Kind, school code: String, of school: School?) -> String? {
        switch self {
        case .province:
            guard kind != .passed else { return "\(word) 角色（\(label)）不能\(kind.label)：市级预审由 city 角色进行，省厅通过待审核的任务" }
            return nil
        case .school(let own):
            guard kind.bySchool else { return "\(word) 角色（\(label)）不能\(kind.label)：审核由省厅或市级审核人进行" }
            return own == code ? nil : "\(word) 角色（\(label)）只能提交或撤回本校的任务，不能操作学校 \(code)"
        case .city(let city):
            guard kind == .passed || kind == .returned else {
                return "\(word) 角色（\(label)）不能\(kind.label)：市级审核人只能对本市中职学校的任务市级审核通过或退回修改"
            }
            guard let school, school.city == city else { return "\(word) 角色（\(label)）只能审核\(city)的学校，不能操作学校 \(code)" }
            guard school.type == .secondary else {
                return "\(word) 角色（\(label)）只审核中职学校：学校 \(code) 是\(school.type.rawValue)，由省厅直接审核"
            }
            return nil
        case .viewer:
            return "\(word) 角色（\(label)）只能查看，不能\(kind.label)"
        }
    }

    /// `refusal(_:school:of:)` for the claim `key`, then what its state `before` the event (nil: no claim)
    /// allows: a city decides only claims waiting for it (待市级审核); once passed they are the province's.
    public func refusal(_ kind: ReviewEvent.Kind, claim key: ClaimKey, of school: School?, before: ReviewState?) -> String? {
        if let why = refusal(kind, school: key.school, of: school) { return why }
        guard case .city = self, before != .cityPending else { return nil }
        let state = before?.label ?? "未承接"
        return "\(word) 角色（\(label)）只能审核待市级审核的任务：学校 \(key.school) 的任务 \(key.item) 当前为「\(state)」"
    }

    /// Why the role may not add or change schools, import files or manage accounts, or nil when it may.
    public var administrationRefusal: String? {
        self == .province ? nil : "\(word) 角色（\(label)）不能导入或管理账户：只有 province 角色可以"
    }
}

/// A person allowed into a data dir: the name sshd's key line gives the gate (or the Unix user in personal
/// mode), the role, and the display name shown in the console, the log and exports.
public struct Account: Hashable, Sendable {
    public let name: String
    public let role: Role
    /// The person's name for people (张伟); the account name when none is given.
    public let display: String

    public init(name: String, role: Role, display: String? = nil) throws(FieldError) {
        self.name = try Account.validateName(name)
        self.role = role
        let shown = InputText.trim(display ?? "")
        guard !shown.unicodeScalars.contains(where: CommentText.isControl), shown.count <= 40 else {
            throw FieldError(field: "显示名", expected: "不超过 40 个字符、不含控制字符的姓名", found: display ?? "")
        }
        self.display = shown.isEmpty ? self.name : shown
    }

    /// Account names: 1–64 ASCII letters, digits and `_ . @ -`, not starting with `-` or `.` — safe in an
    /// authorized_keys command, a TSV field and a terminal line.
    public static func validateName(_ text: String) throws(FieldError) -> String {
        let ok = !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                    || c == 0x5F || c == 0x2E || c == 0x40 || c == 0x2D
            }
            && text.utf8.first != 0x2D && text.utf8.first != 0x2E
        guard ok else {
            throw FieldError(field: "账户名", expected: "1–64 个字母、数字或 _ . @ -（不以 - 或 . 开头），如 zhangwei", found: text)
        }
        return text
    }
}
