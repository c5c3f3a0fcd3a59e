/// A task catalog: the sections, the tasks with their full text, and the items schools claim.
public struct Catalog: Sendable {
    /// A section row of the plan's table.
    public struct Section: Hashable, Sendable {
        public let number: Int
        public let title: String
    }

    /// A task as the plan's table states it, before the platform splits it into items.
    public struct Task: Hashable, Sendable {
        public let number: Int
        public let section: Int?
        public let text: String
        public let departments: [String]
    }

    /// The catalog's short name, e.g. `national-2020`.
    public let id: String
    public let title: String
    public let sections: [Section]
    public let tasks: [Task]
    /// Items in catalog order.
    public let items: [TaskItem]
    private let indexByCode: [String: Int]

    public init(id: String, title: String, sections: [Section], tasks: [Task], items: [TaskItem]) {
        self.id = id
        self.title = title
        self.sections = sections
        self.tasks = tasks
        self.items = items
        var index: [String: Int] = [:]
        for (i, item) in items.enumerated() { index[item.code] = i }
        self.indexByCode = index
    }

    /// The item with this code, if the catalog has it.
    public func item(_ code: String) -> TaskItem? {
        indexByCode[code].map { items[$0] }
    }

    /// The item's position in catalog order (also a dense index for tables keyed by item).
    public func position(of code: String) -> Int? { indexByCode[code] }

    public func task(_ number: Int) -> Task? { tasks.first { $0.number == number } }

    public func section(_ number: Int?) -> Section? {
        guard let number else { return nil }
        return sections.first { $0.number == number }
    }

    /// The largest task number, for tables indexed by task.
    public var maxTask: Int { tasks.map(\.number).max() ?? 0 }
}
