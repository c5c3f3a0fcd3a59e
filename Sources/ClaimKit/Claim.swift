/// One school's claim (承接) of one item: what it promises, what it budgets, where review stands.
///
/// A value made on demand from the ledger's compact table; the claim's history stays in the journal
/// (`Ledger.history(of:)` reads it back), and only its last event's who, when and what is kept here.
public struct Claim: Hashable, Sendable {
    /// Who did what last to a claim, and when: enough for conflict messages and undo without reading the journal.
    public struct LastEvent: Hashable, Sendable {
        public let seq: Int
        public let time: Timestamp
        public let actor: String
        public let kind: ReviewEvent.Kind

        public init(seq: Int, time: Timestamp, actor: String, kind: ReviewEvent.Kind) {
            self.seq = seq
            self.time = time
            self.actor = actor
            self.kind = kind
        }
    }

    public let school: String
    public let item: String
    /// 承接数量: a positive whole number on a countable item, nil (`-`) otherwise.
    public var quantity: Int?
    public var funds: Funds
    public var state: ReviewState
    /// 1 for the first submission, +1 for each resubmission after a return.
    public var round: Int
    /// The claim's latest event (nil only for a claim made by hand that no event has touched).
    public var last: LastEvent?
    /// True when a city reviewer passed the current submission (市级审核通过): a province's return of it is
    /// reopened to 待审核, a city's own return to 待市级审核; and the school counts as under review.
    public var cityPassed: Bool

    public init(school: String, item: String, quantity: Int?, funds: Funds, state: ReviewState = .pending,
                round: Int = 1, last: LastEvent? = nil, cityPassed: Bool = false) {
        self.school = school
        self.item = item
        self.quantity = quantity
        self.funds = funds
        self.state = state
        self.round = round
        self.last = last
        self.cityPassed = cityPassed
    }

    public var key: ClaimKey { ClaimKey(school: school, item: item) }

    /// The seq of the last event on this claim (0 when it has none): the basis a decision is made on.
    public var version: Int { last?.seq ?? 0 }

    /// The review decision still standing, if the claim is approved or returned. It is always the claim's
    /// last event: from a decided state only a reopen or a resubmission leads on, and both leave it pending.
    public var lastDecision: LastEvent? {
        guard state.isDecided, let last, last.kind == .approved || last.kind == .returned else { return nil }
        return last
    }

    /// True while the claim counts in 意向承接 (submitted and not withdrawn).
    public var isActive: Bool { state != .withdrawn }
}
