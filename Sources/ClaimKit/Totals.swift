/// One row of the platform's totals: 任务数量, the item count and the money.
///
/// 任务数量 counts tasks, not items: claims on 3.1, 3.2 and 3.3 make one task. A per-task claim count
/// is kept so that adding or removing one claim updates `tasks` in O(1).
public struct Figures: Hashable, Sendable {
    /// 任务数量: distinct tasks with at least one counted claim.
    public private(set) var tasks = 0
    /// Counted claims (items).
    public private(set) var claims = 0
    /// Sums of the four parts; `funds.total` is 汇总.
    public private(set) var funds = Funds.zero
    private var claimsPerTask: [Int: Int] = [:]

    public init() {}

    mutating func add(task: Int, funds: Funds) {
        claims += 1
        self.funds = self.funds + funds
        let n = claimsPerTask[task, default: 0]
        if n == 0 { tasks += 1 }
        claimsPerTask[task] = n + 1
    }

    mutating func remove(task: Int, funds: Funds) {
        claims -= 1
        self.funds = self.funds - funds
        let n = claimsPerTask[task, default: 0]
        if n <= 1 {
            claimsPerTask[task] = nil
            tasks -= 1
        } else {
            claimsPerTask[task] = n - 1
        }
    }
}

/// The figures reviewers watch for one group of claims (a school, a city, a type, an item, the province).
public struct Tally: Hashable, Sendable {
    /// 意向承接: every submitted claim (pending, approved or returned).
    public private(set) var intended = Figures()
    /// 已通过: approved claims only.
    public private(set) var approved = Figures()
    /// Claims waiting for review.
    public private(set) var pending = 0
    /// Claims returned for changes.
    public private(set) var returned = 0

    public init() {}

    /// Claims with a decision (approved or returned).
    public var decided: Int { approved.claims + returned }

    mutating func add(_ claim: Claim, task: Int, sign: Int) {
        guard claim.isActive else { return }
        if sign > 0 { intended.add(task: task, funds: claim.funds) } else { intended.remove(task: task, funds: claim.funds) }
        switch claim.state {
        case .pending: pending += sign
        case .returned: returned += sign
        case .approved:
            if sign > 0 { approved.add(task: task, funds: claim.funds) } else { approved.remove(task: task, funds: claim.funds) }
        case .withdrawn: break
        }
    }
}

/// Totals per school, city, school type, item and for the province, kept up to date event by event.
public struct Totals: Sendable {
    public private(set) var province = Tally()
    public private(set) var bySchool: [String: Tally] = [:]
    public private(set) var byCity: [String: Tally] = [:]
    public private(set) var byType: [SchoolType: Tally] = [:]
    public private(set) var byItem: [String: Tally] = [:]

    public init() {}

    /// Replaces `old` (nil: no claim before) by `new` (nil: no claim after) in every group: O(1).
    public mutating func replace(_ old: Claim?, with new: Claim?, task: Int, school: School) {
        if let old { apply(old, task: task, school: school, sign: -1) }
        if let new { apply(new, task: task, school: school, sign: 1) }
    }

    private mutating func apply(_ claim: Claim, task: Int, school: School, sign: Int) {
        province.add(claim, task: task, sign: sign)
        bySchool[school.code, default: Tally()].add(claim, task: task, sign: sign)
        byCity[school.city, default: Tally()].add(claim, task: task, sign: sign)
        byType[school.type, default: Tally()].add(claim, task: task, sign: sign)
        byItem[claim.item, default: Tally()].add(claim, task: task, sign: sign)
    }

    /// Totals computed from scratch over `claims`; the incremental totals must always equal this.
    public static func recompute<C: Sequence>(_ claims: C, task: (Claim) -> Int, school: (Claim) -> School) -> Totals where C.Element == Claim {
        var totals = Totals()
        for claim in claims { totals.replace(nil, with: claim, task: task(claim), school: school(claim)) }
        return totals
    }

    /// Equality of what a person sees: groups whose tally is empty count as absent.
    public func sameFigures(as other: Totals) -> Bool {
        func trimmed<K>(_ d: [K: Tally]) -> [K: Tally] { d.filter { $0.value != Tally() } }
        return province == other.province && trimmed(bySchool) == trimmed(other.bySchool)
            && trimmed(byCity) == trimmed(other.byCity) && trimmed(byType) == trimmed(other.byType)
            && trimmed(byItem) == trimmed(other.byItem)
    }
}
