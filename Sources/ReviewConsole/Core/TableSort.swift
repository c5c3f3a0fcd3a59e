import ClaimKit

/// How a table other than the school list is ordered (the school list has `SchoolSort`): its natural order
/// (catalog order, the schools file's, cities then types) or one of its figures.
public enum TableSort: Hashable, Sendable, CaseIterable {
    case natural, total, quantity, state, schools, pending, intended, approvedMoney, progress

    /// True for the figures, which sort largest first unless reversed.
    public var largestFirst: Bool { self != .natural && self != .state }

    /// True when the table runs from the largest value down, `reversed` taken into account.
    public func isDescending(reversed: Bool) -> Bool { largestFirst != reversed }

    /// The orders a page offers (none on the school list, which has its own).
    public static func choices(_ kind: Page.Kind) -> [TableSort] {
        switch kind {
        case .schools: []
        case .school, .itemSchools: [.natural, .total, .quantity, .state]
        case .items: [.natural, .schools, .pending, .intended, .approvedMoney]
        case .province: [.natural, .schools, .pending, .progress, .intended, .approvedMoney]
        }
    }

    /// Where a claim's state sorts: what needs work first.
    static func rank(_ s: ReviewState) -> Int {
        switch s {
        case .pending: 0
        case .cityPending: 1
        case .returned: 2
        case .approved: 3
        case .withdrawn: 4
        }
    }

    /// `claims` in this order (stable: equal figures keep their natural order), reversed when asked.
    func ordered(_ claims: [Claim], reversed: Bool) -> [Claim] {
        var out = claims
        switch self {
        case .total: out = Self.stable(out) { $0.funds.total > $1.funds.total }
        case .quantity: out = Self.stable(out) { ($0.quantity ?? -1) > ($1.quantity ?? -1) }
        case .state: out = Self.stable(out) { Self.rank($0.state) < Self.rank($1.state) }
        default: break
        }
        return reversed ? out.reversed() : out
    }

    /// Tallied rows (items, cities, types) in this order, stable, reversed when asked; `waiting` is what the
    /// 待审 column counts (the reviewer's queue: `ConsoleState.waiting`).
    func ordered<T>(_ rows: [T], tally: (T) -> Tally, reversed: Bool, waiting: (Tally) -> Int = { $0.pending }) -> [T] {
        var out = rows
        func progress(_ t: Tally) -> Int { t.intended.claims == 0 ? -1 : t.decided * 1000 / t.intended.claims }
        switch self {
        case .schools: out = Self.stable(out) { tally($0).intended.claims > tally($1).intended.claims }
        case .pending: out = Self.stable(out) { waiting(tally($0)) > waiting(tally($1)) }
        case .intended: out = Self.stable(out) { tally($0).intended.funds.total > tally($1).intended.funds.total }
        case .approvedMoney: out = Self.stable(out) { tally($0).approved.funds.total > tally($1).approved.funds.total }
        case .progress: out = Self.stable(out) { progress(tally($0)) > progress(tally($1)) }
        default: break
        }
        return reversed ? out.reversed() : out
    }

    /// A stable sort (Swift's `sort` is not guaranteed stable): by `before`, then by position.
    static func stable<T>(_ xs: [T], by before: (T, T) -> Bool) -> [T] {
        xs.enumerated().sorted { a, b in
            before(a.element, b.element) || (!before(b.element, a.element) && a.offset < b.offset)
        }.map(\.element)
    }
}
