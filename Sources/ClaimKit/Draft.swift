/// What a school has typed for one item on its 承接任务 page and saved (保存), before submitting it: whether
/// the item is ticked (是否承接), 承接数量 and the four funds, each absent until typed.
///
/// Not a claim: a draft is in no totals, no reviewer sees it, and it may be incomplete. The journal keeps it
/// as a `draft` event (docs/formats.md §7); submitting the item clears it.
public struct DraftEntry: Hashable, Sendable {
    /// 是否承接 ticked.
    public var ticked: Bool
    /// 承接数量 as typed (nil: not typed, or the item counts nothing).
    public var quantity: Int?
    /// 学校自筹, 行业企业投入, 举办方投入, 地市县投入 in column order; nil where not typed yet.
    public var funds: [Money?]

    /// Nothing ticked, nothing typed: saving it clears the item's draft.
    public static let cleared = DraftEntry(ticked: false)

    public init(ticked: Bool, quantity: Int? = nil, funds: [Money?] = [nil, nil, nil, nil]) {
        precondition(funds.count == 4, "four parts")
        self.ticked = ticked
        self.quantity = quantity
        self.funds = funds
    }

    /// A draft holding a claim's figures (继续修改 keeps what was submitted on the form).
    public init(claim: Claim) {
        self.init(ticked: true, quantity: claim.quantity, funds: claim.funds.parts.map(Optional.some))
    }

    /// True when nothing is ticked or typed.
    public var isCleared: Bool { self == .cleared }

    /// The four funds when all are typed.
    public var completeFunds: Funds? {
        guard let a = funds[0], let b = funds[1], let c = funds[2], let d = funds[3] else { return nil }
        return Funds(selfFunded: a, industry: b, sponsor: c, local: d)
    }

    /// 汇总 of the parts typed so far.
    public var typedTotal: Money { funds.reduce(Money.zero) { $0 + ($1 ?? .zero) } }

    /// What keeps this ticked entry from being submitted for `item`: the fields still missing, by label.
    public func missing(for item: TaskItem) -> [String] {
        var out: [String] = []
        if item.isCountable && quantity == nil { out.append("承接数量") }
        for (label, part) in zip(Funds.partLabels, funds) where part == nil { out.append(label) }
        return out
    }
}

/// Every school's saved drafts, by school and item: the fold of the journal's `draft` events, kept apart
/// from the claims and the totals (a reviewer's views never read it).
public struct Drafts: Hashable, Sendable {
    private var bySchool: [String: [String: DraftEntry]] = [:]

    public init() {}

    /// The school's saved entry for `item`, or nil when none is saved.
    public func entry(school: String, item: String) -> DraftEntry? { bySchool[school]?[item] }

    /// The school's saved entries by item code.
    public func entries(ofSchool school: String) -> [String: DraftEntry] { bySchool[school] ?? [:] }

    /// True when no school has anything saved.
    public var isEmpty: Bool { bySchool.isEmpty }

    /// Every saved entry, ordered by school and item code: what a checkpoint stores, the same bytes each time.
    public var all: [(school: String, item: String, entry: DraftEntry)] {
        bySchool.keys.sorted().flatMap { school in
            bySchool[school]!.keys.sorted().map { (school, $0, bySchool[school]![$0]!) }
        }
    }

    /// True when the school has anything saved.
    public func hasDraft(_ school: String) -> Bool { !(bySchool[school]?.isEmpty ?? true) }

    /// Saves `entry` for (school, item); a cleared entry removes it.
    public mutating func set(_ entry: DraftEntry, school: String, item: String) {
        if entry.isCleared {
            remove(school: school, item: item)
        } else {
            bySchool[school, default: [:]][item] = entry
        }
    }

    /// Forgets the entry (the item was submitted).
    public mutating func remove(school: String, item: String) {
        guard bySchool[school]?[item] != nil else { return }
        bySchool[school]![item] = nil
        if bySchool[school]!.isEmpty { bySchool[school] = nil }
    }
}
