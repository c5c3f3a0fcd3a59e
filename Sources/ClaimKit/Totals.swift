/// One row of the platform's totals: 任务数量, the item count and the money.
///
/// 任务数量 counts tasks, not items: claims on 3.1, 3.2 and 3.3 make one task. The per-task claim counts
/// that keep `tasks` right in O(1) per change live in the group's `TallyTable`.
public struct Figures: Hashable, Sendable {
    /// 任务数量: distinct tasks with at least one counted claim.
    public internal(set) var tasks = 0
    /// Counted claims (items).
    public internal(set) var claims = 0
    /// Sums of the four parts; `funds.total` is 汇总.
    public internal(set) var funds = Funds.zero
    /// 承接数量合计: the sum of the counted claims' 承接数量 (a claim without one adds 0). Every group keeps it;
    /// it means something only per item (one unit), which is where tzpy shows it.
    public internal(set) var quantity: Int64 = 0
    /// 学校任务数合计: the sum over the group's schools of each school's 任务数量 (distinct tasks of that
    /// school within the group) — what a spreadsheet's column total of the schools' 任务数量 adds up to.
    /// Equal to `tasks` for a school, to `claims` for an item; larger than `tasks` for a city, a type and
    /// the province as soon as two schools claim the same task.
    public internal(set) var schoolTasks = 0

    public init() {}
}

/// The figures reviewers watch for one group of claims (a school, a city, a type, an item, the province).
public struct Tally: Hashable, Sendable {
    /// 意向承接: every submitted claim (city-pending, pending, approved or returned).
    public internal(set) var intended = Figures()
    /// 已通过: approved claims only.
    public internal(set) var approved = Figures()
    /// Claims waiting for review.
    public internal(set) var pending = 0
    /// Claims returned for changes.
    public internal(set) var returned = 0
    /// Claims waiting for their city's pre-review (待市级审核); their money is in `intended`.
    public internal(set) var cityPending = 0

    public init() {}

    /// Claims with a decision (approved or returned).
    public var decided: Int { approved.claims + returned }
}

/// What totals are grouped by: its code, as the group's key in a `CodeIndex`.
public protocol TallyKey: Hashable, Sendable {
    var tallyCode: String { get }
}

extension String: TallyKey {
    public var tallyCode: String { self }
}

extension SchoolType: TallyKey {
    public var tallyCode: String { rawValue }
}

extension Int: TallyKey {
    public var tallyCode: String { String(self) }
}

/// The tallies of one kind of group (schools, cities, types, items), in an array by group number, and
/// beside them one flat array of claim counts per group and task: updating a group is integer
/// arithmetic on two arrays, with no hashing (the ledger addresses groups by number). Keys are found by
/// their bytes (`CodeIndex`): a `Dictionary` of 10,000 school codes and Chinese city names cost the open
/// 40 ms of Unicode-normalising hashes.
public struct TallyTable<Key: TallyKey>: Sendable {
    private var index = CodeIndex()
    private(set) var keys: [Key] = []
    private(set) var tallies: [Tally] = []
    /// Counts of intended (even slot) and approved (odd slot) claims, `width` slots per group.
    private var perTask: [Int32] = []
    private var width: Int

    init(tasks: Int) { width = 2 * max(tasks + 1, 1) }

    /// The group's tally, or nil when the group is not known.
    public subscript(key: Key) -> Tally? { index.find(key.tallyCode).map { tallies[$0] } }

    /// The number of the group `key`, added when new.
    mutating func group(_ key: Key) -> Int {
        let code = key.tallyCode
        if let g = index.find(code) { return g }
        _ = index.insert(code)
        keys.append(key)
        tallies.append(Tally())
        perTask.append(contentsOf: repeatElement(0, count: width))
        return keys.count - 1
    }

    /// The same groups, every figure zero (a recount keeps the keys and their index).
    func zeroed() -> TallyTable {
        var table = self
        table.tallies = [Tally](repeating: Tally(), count: tallies.count)
        table.perTask = [Int32](repeating: 0, count: perTask.count)
        return table
    }

    /// Makes room for task numbers up to `task` (only tables built without a catalog ever need it).
    private mutating func widen(to task: Int) {
        let wider = 2 * (task + 1)
        var grown = [Int32](repeating: 0, count: keys.count * wider)
        for g in keys.indices {
            for k in 0..<width { grown[g * wider + k] = perTask[g * width + k] }
        }
        perTask = grown
        width = wider
    }

    /// How a claim changed its school's 任务数量 (intended, approved): what the school's city, type and the
    /// province add to their `schoolTasks`.
    typealias TaskChange = (intended: Int, approved: Int)

    /// Counts a claim in (`sign` 1) or out (-1) of group `g`; a withdrawn claim counts nowhere.
    /// `schoolTasks` is how the claim changed its school's 任务数量 (nil: this is the school table, use the
    /// group's own change; the item table passes a claim's own count). Returns the group's own 任务数量 change.
    @discardableResult
    mutating func add(_ g: Int, task: Int, state: StateCode, funds: Funds, quantity: Int64, sign: Int,
                      schoolTasks: TaskChange? = nil) -> TaskChange {
        guard state != .withdrawn else { return (0, 0) }
        if 2 * task + 1 >= width { widen(to: task) }
        let slot = g * width + 2 * task
        // In place: copying the 150-byte tally out and back was half of a checkpointed open's recount.
        var change: TaskChange = (0, 0)
        change.intended = TallyTable.count(&tallies[g].intended, &perTask[slot], funds: funds, quantity: quantity, sign: sign,
                                           schoolTasks: schoolTasks?.intended)
        switch state {
        case .pending: tallies[g].pending += sign
        case .returned: tallies[g].returned += sign
        case .approved:
            change.approved = TallyTable.count(&tallies[g].approved, &perTask[slot + 1], funds: funds, quantity: quantity, sign: sign,
                                               schoolTasks: schoolTasks?.approved)
        case .cityPending: tallies[g].cityPending += sign
        case .withdrawn: break
        }
        return change
    }

    private static func count(_ figures: inout Figures, _ perTask: inout Int32, funds: Funds, quantity: Int64, sign: Int,
                              schoolTasks: Int?) -> Int {
        figures.claims += sign
        figures.funds = sign > 0 ? figures.funds + funds : figures.funds - funds
        figures.quantity += sign > 0 ? quantity : -quantity
        let before = perTask
        perTask = before + Int32(sign)
        var change = 0
        if before == 0, sign > 0 { change = 1 } else if before == 1, sign < 0 { change = -1 }
        figures.tasks += change
        figures.schoolTasks += schoolTasks ?? change
        return change
    }

    /// Adds everything group `g` of `other` holds to group `t` (a school's figures into its city's).
    mutating func absorb<K>(_ other: TallyTable<K>, group g: Int, into t: Int) {
        let source = other.tallies[g]
        guard source.intended.claims > 0 else { return }
        precondition(other.width == width, "tables of one ledger share the task count")
        func merge(_ a: inout Figures, _ b: Figures) {
            a.claims += b.claims
            a.funds = a.funds + b.funds
            a.quantity += b.quantity
            a.schoolTasks += b.schoolTasks
        }
        merge(&tallies[t].intended, source.intended)
        merge(&tallies[t].approved, source.approved)
        tallies[t].pending += source.pending
        tallies[t].returned += source.returned
        tallies[t].cityPending += source.cityPending
        // Over raw buffers: checked subscripts made this loop a tenth of a checkpointed national open.
        var newTasks = (intended: 0, approved: 0)
        let width = width
        perTask.withUnsafeMutableBufferPointer { mine in
            other.perTask.withUnsafeBufferPointer { theirs in
                let into = mine.baseAddress! + t * width, from = theirs.baseAddress! + g * width
                for k in 0..<width where from[k] != 0 {
                    if into[k] == 0 {
                        if k & 1 == 0 { newTasks.intended += 1 } else { newTasks.approved += 1 }
                    }
                    into[k] += from[k]
                }
            }
        }
        tallies[t].intended.tasks += newTasks.intended
        tallies[t].approved.tasks += newTasks.approved
    }

    /// The groups whose tally is not empty, by key.
    var nonEmpty: [Key: Tally] {
        var out: [Key: Tally] = [:]
        for (g, key) in keys.enumerated() where tallies[g] != Tally() { out[key] = tallies[g] }
        return out
    }
}

/// Totals per school, city, school type, item and for the province, kept up to date event by event.
///
/// Inside a ledger every group is addressed by number (school, city and item numbers are the ledger's);
/// the keyed `replace` is for totals built without one.
public struct Totals: Sendable {
    private var whole: TallyTable<Int>
    public private(set) var bySchool: TallyTable<String>
    public private(set) var byCity: TallyTable<String>
    public private(set) var byType: TallyTable<SchoolType>
    public private(set) var byItem: TallyTable<String>

    /// The province's (or the whole view's) tally.
    public var province: Tally { whole.tallies[0] }

    public init() { self.init(schools: [], cities: [], items: [], tasks: 0) }

    /// Totals whose groups are numbered as given: school i is `bySchool` group i, and so on; types in
    /// `SchoolType.allCases` order.
    init(schools: [String], cities: [String], items: [String], tasks: Int) {
        whole = TallyTable(tasks: tasks)
        bySchool = TallyTable(tasks: tasks)
        byCity = TallyTable(tasks: tasks)
        byType = TallyTable(tasks: tasks)
        byItem = TallyTable(tasks: tasks)
        _ = whole.group(0)
        for s in schools { _ = bySchool.group(s) }
        for c in cities { _ = byCity.group(c) }
        for t in SchoolType.allCases { _ = byType.group(t) }
        for i in items { _ = byItem.group(i) }
    }

    /// The same groups, every figure zero.
    func zeroed() -> Totals {
        var totals = self
        totals.whole = whole.zeroed()
        totals.bySchool = bySchool.zeroed()
        totals.byCity = byCity.zeroed()
        totals.byType = byType.zeroed()
        totals.byItem = byItem.zeroed()
        return totals
    }

    /// A new school's group (and its city's, when new); returns the city's number.
    mutating func addSchool(_ code: String, city: String) -> Int {
        _ = bySchool.group(code)
        return byCity.group(city)
    }

    /// Counts a claim in or out of its five groups, all given by number. `quantity` is its 承接数量 (0 for none).
    mutating func apply(state: StateCode, funds: Funds, quantity: Int64, task: Int, school: Int, city: Int, type: Int, item: Int, sign: Int) {
        let change = bySchool.add(school, task: task, state: state, funds: funds, quantity: quantity, sign: sign)
        whole.add(0, task: task, state: state, funds: funds, quantity: quantity, sign: sign, schoolTasks: change)
        byCity.add(city, task: task, state: state, funds: funds, quantity: quantity, sign: sign, schoolTasks: change)
        byType.add(type, task: task, state: state, funds: funds, quantity: quantity, sign: sign, schoolTasks: change)
        byItem.add(item, task: task, state: state, funds: funds, quantity: quantity, sign: sign,
                   schoolTasks: (sign, state == .approved ? sign : 0))
    }

    /// Counts a claim into its school's and item's groups only; `rollUp` adds the schools into cities,
    /// types and the province afterwards (a replay's totals in one pass over the claims).
    mutating func applyToSchoolAndItem(state: StateCode, funds: Funds, quantity: Int64, task: Int, school: Int, item: Int) {
        bySchool.add(school, task: task, state: state, funds: funds, quantity: quantity, sign: 1)
        byItem.add(item, task: task, state: state, funds: funds, quantity: quantity, sign: 1,
                   schoolTasks: (1, state == .approved ? 1 : 0))
    }

    /// Adds every school's figures into its city, its type and the province (after `applyToSchoolAndItem`).
    mutating func rollUp(city: [Int32], type: [UInt8]) {
        for g in bySchool.tallies.indices {
            byCity.absorb(bySchool, group: g, into: Int(city[g]))
            byType.absorb(bySchool, group: g, into: Int(type[g]))
            whole.absorb(bySchool, group: g, into: 0)
        }
    }

    /// Replaces `old` (nil: no claim before) by `new` (nil: no claim after) in every group: O(1).
    public mutating func replace(_ old: Claim?, with new: Claim?, task: Int, school: School) {
        let s = bySchool.group(school.code), c = byCity.group(school.city)
        let t = byType.group(school.type)
        if let old {
            apply(state: StateCode(old.state), funds: old.funds, quantity: Int64(old.quantity ?? 0), task: task, school: s, city: c, type: t, item: byItem.group(old.item), sign: -1)
        }
        if let new {
            apply(state: StateCode(new.state), funds: new.funds, quantity: Int64(new.quantity ?? 0), task: task, school: s, city: c, type: t, item: byItem.group(new.item), sign: 1)
        }
    }

    /// Totals computed from scratch over `claims`; the incremental totals must always equal this.
    public static func recompute<C: Sequence>(_ claims: C, task: (Claim) -> Int, school: (Claim) -> School) -> Totals where C.Element == Claim {
        var totals = Totals()
        for claim in claims { totals.replace(nil, with: claim, task: task(claim), school: school(claim)) }
        return totals
    }

    /// Equality of what a person sees: groups whose tally is empty count as absent.
    public func sameFigures(as other: Totals) -> Bool {
        province == other.province && bySchool.nonEmpty == other.bySchool.nonEmpty
            && byCity.nonEmpty == other.byCity.nonEmpty && byType.nonEmpty == other.byType.nonEmpty
            && byItem.nonEmpty == other.byItem.nonEmpty
    }
}
