/// What a table column shows: the renderer's cell functions switch over these, exhaustively.
public enum ColumnID: Hashable, Sendable {
    case mark, code, name, type, city, status, pending, approved, returned, intended, approvedMoney
    case text, quantity, total, selfFunded, industry, sponsor, local, state, comment, school, schools, tasks, label, progress
    /// 承接数量 of an item beside the plan's target (`156/200`), 学校任务数合计 of a city or type.
    case quantityTarget, schoolTasks
}

/// A table column: its header, preferred and minimum width, alignment and how willingly it gives way.
public struct Column: Sendable {
    public let id: ColumnID
    public let title: String
    public let width: Int
    /// The width a flexible column may shrink to; fixed columns have `minWidth == width`.
    public let minWidth: Int
    public let rightAligned: Bool
    /// Higher stays longer: when the screen is too narrow, the lowest priority column goes first.
    public let priority: Int

    public init(_ id: ColumnID, _ title: String, width: Int, min: Int? = nil, right: Bool = false, priority: Int) {
        self.id = id
        self.title = title
        self.width = width
        self.minWidth = min ?? width
        self.rightAligned = right
        self.priority = priority
    }

    public var isFlexible: Bool { minWidth < width }
}

/// The column tables of every page and how they fit the width.
public enum Layout {
    static let gap = 1

    /// The columns that fit in `width`, with their widths: the flexible column shrinks first, then the
    /// lowest-priority columns are dropped; the flexible column takes any room left.
    public static func fit(_ columns: [Column], width: Int) -> [(column: Column, width: Int)] {
        var kept = columns
        func need(_ cols: [Column], flexAtMin: Bool) -> Int {
            cols.reduce(0) { $0 + (flexAtMin ? $1.minWidth : $1.width) } + gap * max(0, cols.count - 1)
        }
        while need(kept, flexAtMin: true) > width, kept.count > 1,
              let drop = kept.enumerated().filter({ !$0.element.isFlexible }).min(by: { $0.element.priority < $1.element.priority }) {
            kept.remove(at: drop.offset)
        }
        let fixed = kept.filter { !$0.isFlexible }.reduce(0) { $0 + $1.width } + gap * max(0, kept.count - 1)
        let flexCount = kept.filter(\.isFlexible).count
        let room = max(0, width - fixed)
        return kept.map { c in
            guard c.isFlexible else { return (c, c.width) }
            return (c, max(c.minWidth, room / max(flexCount, 1)))
        }
    }

    // MARK: the column tables

    public static let schoolList: [Column] = [
        Column(.code, "学校代码", width: 10, priority: 9),
        Column(.name, "学校名称", width: 40, min: 16, priority: 10),
        Column(.type, "类型", width: 12, priority: 2),
        Column(.city, "所在市", width: 6, priority: 4),
        Column(.status, "状态", width: 6, priority: 8),
        Column(.pending, "待审", width: 4, right: true, priority: 7),
        Column(.approved, "通过", width: 4, right: true, priority: 6),
        Column(.returned, "退回", width: 4, right: true, priority: 5),
        Column(.intended, "意向汇总", width: 10, right: true, priority: 3),
        Column(.approvedMoney, "已通过汇总", width: 10, right: true, priority: 1),
    ]

    public static let schoolClaims: [Column] = [
        Column(.mark, "", width: 2, priority: 10),
        Column(.code, "序号", width: 4, priority: 9),
        Column(.text, "工作任务", width: 60, min: 20, priority: 10),
        Column(.quantity, "承接数量", width: 8, right: true, priority: 6),
        Column(.total, "汇总", width: 9, right: true, priority: 7),
        Column(.selfFunded, "学校自筹", width: 8, right: true, priority: 4),
        Column(.industry, "行业企业投入", width: 12, right: true, priority: 3),
        Column(.sponsor, "举办方投入", width: 10, right: true, priority: 2),
        Column(.local, "地市县投入", width: 10, right: true, priority: 1),
        Column(.state, "省厅审核情况", width: 12, priority: 8),
        Column(.comment, "修改意见", width: 24, priority: 0),
    ]

    public static let itemSchools: [Column] = [
        Column(.mark, "", width: 2, priority: 10),
        Column(.school, "学校代码", width: 10, priority: 9),
        Column(.name, "学校名称", width: 40, min: 16, priority: 10),
        Column(.quantity, "承接数量", width: 8, right: true, priority: 5),
        Column(.total, "汇总", width: 9, right: true, priority: 7),
        Column(.selfFunded, "学校自筹", width: 8, right: true, priority: 3),
        Column(.industry, "行业企业投入", width: 12, right: true, priority: 2),
        Column(.sponsor, "举办方投入", width: 10, right: true, priority: 1),
        Column(.local, "地市县投入", width: 10, right: true, priority: 1),
        Column(.state, "省厅审核情况", width: 12, priority: 8),
        Column(.comment, "修改意见", width: 24, priority: 0),
    ]

    public static let items: [Column] = [
        Column(.code, "序号", width: 4, priority: 9),
        Column(.text, "工作任务", width: 60, min: 20, priority: 10),
        Column(.schools, "承接学校", width: 8, right: true, priority: 8),
        Column(.quantityTarget, UIStrings.quantityTarget, width: 10, right: true, priority: 5),
        Column(.pending, "待审", width: 6, right: true, priority: 7),
        Column(.approved, "通过", width: 6, right: true, priority: 6),
        Column(.returned, "退回", width: 6, right: true, priority: 5),
        Column(.intended, "意向汇总", width: 12, right: true, priority: 4),
        Column(.approvedMoney, "已通过汇总", width: 12, right: true, priority: 3),
    ]

    public static let province: [Column] = [
        Column(.label, "地市 / 类型", width: 14, min: 8, priority: 10),
        Column(.schools, "条目", width: 7, right: true, priority: 8),
        Column(.tasks, "任务数量", width: 8, right: true, priority: 3),
        Column(.schoolTasks, UIStrings.schoolTasks, width: 10, right: true, priority: 1),
        Column(.pending, "待审", width: 6, right: true, priority: 7),
        Column(.approved, "通过", width: 6, right: true, priority: 6),
        Column(.returned, "退回", width: 6, right: true, priority: 5),
        Column(.progress, "进度", width: 6, right: true, priority: 9),
        Column(.intended, "意向汇总", width: 12, right: true, priority: 4),
        Column(.approvedMoney, "已通过汇总", width: 12, right: true, priority: 2),
    ]

    /// The school list column a sort order sorts on (its title names the order).
    public static func column(_ sort: SchoolSort) -> ColumnID {
        switch sort {
        case .code: .code
        case .name: .name
        case .type: .type
        case .city: .city
        case .status: .status
        case .pending: .pending
        case .approved: .approved
        case .returned: .returned
        case .intended: .intended
        case .approvedMoney: .approvedMoney
        }
    }

    /// The column a table order sorts on; nil for the natural order.
    public static func column(_ order: TableSort) -> ColumnID? {
        switch order {
        case .natural: nil
        case .total: .total
        case .quantity: .quantity
        case .state: .state
        case .schools: .schools
        case .pending: .pending
        case .intended: .intended
        case .approvedMoney: .approvedMoney
        case .progress: .progress
        }
    }

    /// The title of the column `sort` sorts on.
    public static func sortLabel(_ sort: SchoolSort) -> String {
        schoolList.first { $0.id == column(sort) }?.title ?? ""
    }
}
