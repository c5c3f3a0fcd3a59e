/// One claimable line of a catalog: a task, or one countable deliverable of a task (3.1, 3.2 …).
public struct TaskItem: Hashable, Sendable {
    /// The platform's 序号 for the item: `1`, `3.1`.
    public let code: String
    /// The task the item belongs to; 任务数量 counts these, not items.
    public let task: Int
    /// The section (the plan table's own section rows) number, or nil in a catalog without sections.
    public let section: Int?
    /// The item's wording as schools see it.
    public let text: String
    /// The countable unit (所, 个, 名, 门, 种 …), or nil when 承接数量 is `-`.
    public let unit: String?
    /// The responsible departments (责任部门), one body each.
    public let departments: [String]
    /// Whether schools may claim the item by default; a campaign decides what is open.
    public let claimable: Bool

    public init(code: String, task: Int, section: Int?, text: String, unit: String?,
                departments: [String], claimable: Bool) {
        self.code = code
        self.task = task
        self.section = section
        self.text = text
        self.unit = unit
        self.departments = departments
        self.claimable = claimable
    }

    /// True when the item asks for a 承接数量.
    public var isCountable: Bool { unit != nil }
}
