/// One school's claim (承接) of one item: what it promises, what it budgets, where review stands.
public struct Claim: Hashable, Sendable {
    public let school: String
    public let item: String
    /// 承接数量: a positive whole number on a countable item, nil (`-`) otherwise.
    public var quantity: Int?
    public var funds: Funds
    public var state: ReviewState
    /// 1 for the first submission, +1 for each resubmission after a return.
    public var round: Int
    /// Every event on this claim, oldest first.
    public var history: [ReviewEvent]

    public init(school: String, item: String, quantity: Int?, funds: Funds, state: ReviewState = .pending,
                round: Int = 1, history: [ReviewEvent] = []) {
        self.school = school
        self.item = item
        self.quantity = quantity
        self.funds = funds
        self.state = state
        self.round = round
        self.history = history
    }

    public var key: ClaimKey { ClaimKey(school: school, item: item) }

    /// The seq of the last event on this claim (0 when it has none): the basis a decision is made on.
    public var version: Int { history.last?.seq ?? 0 }

    /// The latest review decision still standing, if the claim is approved or returned.
    public var lastDecision: ReviewEvent? {
        guard state.isDecided else { return nil }
        return history.last { $0.kind == .approved || $0.kind == .returned }
    }

    /// True while the claim counts in 意向承接 (submitted and not withdrawn).
    public var isActive: Bool { state != .withdrawn }
}
