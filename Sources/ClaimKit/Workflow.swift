/// Why an event cannot be applied to a claim: the workflow's refusals, as values.
public struct WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The event needs a claim and there is none (or it was withdrawn).
        case noClaim
        /// The claim is not in a state the event can start from.
        case wrongState(ReviewState)
        /// A return without a comment.
        case emptyComment
        /// A withdrawal after the campaign's end date.
        case campaignClosed(end: Day)
        /// A withdrawal while some of the school's claims have been reviewed.
        case schoolUnderReview
        /// A reopen after the school acted on the decision.
        case schoolActedSince
        /// The claim changed since the actor looked at it.
        case stale(by: String, at: Timestamp, kind: ReviewEvent.Kind)
        /// A decision on a claim someone has already decided.
        case alreadyDecided(by: String, at: Timestamp, kind: ReviewEvent.Kind)
        /// 承接数量 missing on a countable item, or given on a non-countable one, or not positive.
        case quantity(String)
        /// A submission without funds.
        case missingFunds
    }

    public let kind: ReviewEvent.Kind
    public let key: ClaimKey
    public let reason: Reason

    public init(kind: ReviewEvent.Kind, key: ClaimKey, reason: Reason) {
        self.kind = kind
        self.key = key
        self.reason = reason
    }

    public var description: String {
        let what = "\(key.school) 的任务 \(key.item) 不能\(kind.label)"
        switch reason {
        case .noClaim: return "\(what)：该校未承接此任务"
        case .wrongState(let s): return "\(what)：当前状态为「\(s.label)」"
        case .emptyComment: return "\(what)：退回修改必须填写修改意见"
        case .campaignClosed(let end): return "\(what)：已过结束日期 \(end)"
        case .schoolUnderReview: return "\(what)：该校的审核已开始（省厅或市级）"
        case .schoolActedSince: return "\(what)：学校已在审核后重新操作"
        case .stale(let by, let at, let k): return "\(what)：\(by) 已于 \(at) \(k.label)此任务"
        case .alreadyDecided(let by, let at, let k): return "\(what)：\(by) 已于 \(at) \(k.label)此任务"
        case .quantity(let text): return "\(what)：\(text)"
        case .missingFunds: return "\(what)：缺少预计投入经费"
        }
    }
}

/// What the workflow needs to know beyond the claim itself.
public struct WorkflowContext: Sendable {
    /// The item the claim is for (decides whether 承接数量 is required).
    public var item: TaskItem
    /// The campaign's end date (withdrawals are allowed up to and including it, in Beijing time).
    public var end: Day
    /// True when any claim of the school is currently approved or returned, passed by its city, or past round 1.
    public var schoolReviewed: Bool
    /// True when the school's submissions wait for its city first (`Campaign.needsCityReview`).
    public var cityStep: Bool

    public init(item: TaskItem, end: Day, schoolReviewed: Bool, cityStep: Bool = false) {
        self.item = item
        self.end = end
        self.schoolReviewed = schoolReviewed
        self.cityStep = cityStep
    }
}

/// The claim life cycle as an explicit state machine.
///
/// ```
/// (none | withdrawn) --submitted--> pending --approved--> approved --reopened--> pending
///                 pending --submitted--> pending (replaced)     pending --returned--> returned
///                 pending --withdrawn--> withdrawn              returned --resubmitted--> pending (round+1)
///                                                               returned --reopened--> pending
/// ```
///
/// With the city step (`city-review on`, a 中职学校) every submission lands in city-pending instead, and
/// `city-pending --passed--> pending`; a city's return (`city-pending --returned--> returned`) is reopened to
/// city-pending; approval needs pending.
///
/// The rules live in `check`, which looks only at numbers and codes, so the ledger's replay of the journal
/// runs them on its compact table; `apply` is the same rules on `ReviewEvent` and `Claim` values.
public enum Workflow {
    /// What the rules look at of a claim before the event.
    struct Standing {
        var state: StateCode
        var round: Int
        var version: Int
        var lastKind: ReviewEvent.Kind
        /// A city reviewer passed the current submission.
        var cityPassed: Bool
    }

    /// What the rules look at of an event.
    struct Move {
        var kind: ReviewEvent.Kind
        var basis: Int
        var quantity: Int?
        var hasFunds: Bool
        var time: Timestamp
        /// For a return: whether its comment is empty once trimmed.
        var emptyComment: Bool
    }

    /// A refusal before the details of its message (who, when, which state) are taken from the claim.
    enum Refusal: Error {
        case noClaim, wrongState, emptyComment, campaignClosed, schoolUnderReview, schoolActedSince, stale, alreadyDecided
        case quantity
        case missingFunds

        /// The reason with its details; `claim` is the claim before the event, `quantity` the event's.
        func reason(_ claim: Claim?, context: WorkflowContext, quantity: Int?) -> WorkflowError.Reason {
            let end = context.end
            let last = claim?.last
            switch self {
            case .noClaim: return .noClaim
            case .wrongState: return .wrongState(claim?.state ?? .withdrawn)
            case .emptyComment: return .emptyComment
            case .campaignClosed: return .campaignClosed(end: end)
            case .schoolUnderReview: return .schoolUnderReview
            case .schoolActedSince: return .schoolActedSince
            case .stale: return .stale(by: last?.actor ?? "", at: last?.time ?? Timestamp(seconds: 0), kind: last?.kind ?? .submitted)
            case .alreadyDecided: return .alreadyDecided(by: last?.actor ?? "", at: last?.time ?? Timestamp(seconds: 0), kind: last?.kind ?? .submitted)
            case .quantity: return .quantity(quantityProblem(quantity, item: context.item) ?? "")
            case .missingFunds: return .missingFunds
            }
        }
    }

    /// The state and round after `move` on a claim standing as `claim` (nil: none yet), or why it cannot happen.
    /// `cityStep`: the school's submissions wait for its city (待市级审核) before the province.
    /// Takes plain values, not a `WorkflowContext`: copying its `TaskItem` (Strings) per event cost the replay
    /// more than the rules.
    static func check(_ move: Move, _ claim: Standing?, countable: Bool, end: Day, schoolReviewed: Bool, cityStep: Bool)
        -> Result<(state: StateCode, round: Int), Refusal> {
        if let claim, move.basis != claim.version { return .failure(.stale) }
        let waiting: StateCode = cityStep ? .cityPending : .pending
        switch move.kind {
        case .submitted, .resubmitted:
            let state = claim?.state ?? .withdrawn
            let allowed: Bool
            switch (move.kind, state) {
            case (.submitted, .withdrawn), (.submitted, .pending), (.submitted, .cityPending), (.resubmitted, .returned): allowed = true
            default: allowed = false
            }
            guard allowed else { return .failure(claim == nil ? .noClaim : .wrongState) }
            guard move.hasFunds else { return .failure(.missingFunds) }
            if !quantityFits(move.quantity, countable: countable) { return .failure(.quantity) }
            let round = move.kind == .resubmitted ? (claim?.round ?? 0) + 1 : max(claim?.round ?? 1, 1)
            return .success((waiting, round))
        case .withdrawn:
            guard let claim, claim.state == .pending || claim.state == .cityPending else {
                return .failure(claim == nil ? .noClaim : .wrongState)
            }
            guard move.time.beijingDay <= end else { return .failure(.campaignClosed) }
            guard !schoolReviewed else { return .failure(.schoolUnderReview) }
            return .success((.withdrawn, claim.round))
        case .approved, .returned, .passed:
            guard let claim, claim.state != .withdrawn else { return .failure(.noClaim) }
            if claim.state.isDecided, claim.lastKind == .approved || claim.lastKind == .returned {
                return .failure(.alreadyDecided)
            }
            switch (move.kind, claim.state) {
            case (.approved, .pending), (.returned, .pending), (.returned, .cityPending), (.passed, .cityPending): break
            case (.passed, .pending) where claim.lastKind == .passed: return .failure(.alreadyDecided)
            default: return .failure(.wrongState)
            }
            if move.kind == .returned, move.emptyComment { return .failure(.emptyComment) }
            let next: StateCode = switch move.kind {
            case .approved: .approved
            case .passed: .pending
            default: .returned
            }
            return .success((next, claim.round))
        case .reopened:
            guard let claim, claim.state != .withdrawn else { return .failure(.noClaim) }
            guard claim.state.isDecided else { return .failure(.wrongState) }
            guard claim.lastKind == .approved || claim.lastKind == .returned else { return .failure(.schoolActedSince) }
            // A return the city made goes back to the city; the province's own decisions back to the province.
            let cityReturn = claim.state == .returned && cityStep && !claim.cityPassed
            return .success((cityReturn ? .cityPending : .pending, claim.round))
        case .drafted:
            // A draft is no step of a claim: the ledger folds it into `Drafts` and never asks these rules.
            return .failure(claim == nil ? .noClaim : .wrongState)
        }
    }

    /// Whether a city has passed the claim after `kind`: set by a pass, cleared by a new submission.
    static func cityPassed(after kind: ReviewEvent.Kind, before: Bool) -> Bool {
        switch kind {
        case .passed: true
        case .submitted, .resubmitted: false
        default: before
        }
    }

    /// The claim after `event`, or the reason it cannot happen. `claim` is nil when none exists yet.
    public static func apply(_ event: ReviewEvent, to claim: Claim?, context: WorkflowContext) -> Result<Claim, WorkflowError> {
        let comment = event.kind == .returned ? InputText.trim(event.comment ?? "") : ""
        let move = Move(kind: event.kind, basis: event.basis, quantity: event.quantity, hasFunds: event.funds != nil,
                        time: event.time, emptyComment: comment.isEmpty)
        let standing = claim.map {
            Standing(state: StateCode($0.state), round: $0.round, version: $0.version, lastKind: $0.last?.kind ?? .submitted,
                     cityPassed: $0.cityPassed)
        }
        switch check(move, standing, countable: context.item.isCountable, end: context.end, schoolReviewed: context.schoolReviewed,
                     cityStep: context.cityStep) {
        case .failure(let refusal):
            return .failure(WorkflowError(kind: event.kind, key: event.key,
                                          reason: refusal.reason(claim, context: context, quantity: event.quantity)))
        case .success(let (state, round)):
            var next = claim ?? Claim(school: event.school, item: event.item, quantity: nil, funds: .zero)
            if event.kind == .submitted || event.kind == .resubmitted {
                next.quantity = event.quantity
                next.funds = event.funds!
            }
            next.state = state.state(comment: comment)
            next.round = round
            next.cityPassed = cityPassed(after: event.kind, before: claim?.cityPassed ?? false)
            next.last = Claim.LastEvent(seq: event.seq, time: event.time, actor: event.actor, kind: event.kind)
            return .success(next)
        }
    }

    /// `event` as the journal records it after `claim` (nil: none before): with the claim's round after it
    /// and the state its actor saw.
    public static func recorded(_ event: ReviewEvent, before claim: Claim?, after: Claim) -> ReviewEvent {
        var recorded = event
        recorded.round = after.round
        recorded.seen = claim?.state
        return recorded
    }

    /// True when `quantity` fits an item that is (or is not) countable: `quantityProblem` without the message.
    static func quantityFits(_ quantity: Int?, countable: Bool) -> Bool {
        guard let quantity else { return !countable }
        return countable && quantity > 0
    }

    /// Why `quantity` does not fit `item`, or nil when it does.
    public static func quantityProblem(_ quantity: Int?, item: TaskItem) -> String? {
        switch (quantity, item.unit) {
        case (nil, let unit?): return "可计数任务须填写承接数量（单位：\(unit)）"
        case (_?, nil): return "此任务不计数量，承接数量应为 -"
        case (let q?, _?) where q <= 0: return "承接数量应为正整数"
        default: return nil
        }
    }
}
