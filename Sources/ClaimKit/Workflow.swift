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
        case .schoolUnderReview: return "\(what)：省厅已开始审核该校"
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
    /// The campaign's end date (withdrawals are allowed up to and including it).
    public var end: Day
    /// True when any claim of the school is currently approved or returned, or past round 1.
    public var schoolReviewed: Bool

    public init(item: TaskItem, end: Day, schoolReviewed: Bool) {
        self.item = item
        self.end = end
        self.schoolReviewed = schoolReviewed
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
public enum Workflow {
    /// The claim after `event`, or the reason it cannot happen. `claim` is nil when none exists yet.
    public static func apply(_ event: ReviewEvent, to claim: Claim?, context: WorkflowContext) -> Result<Claim, WorkflowError> {
        func refuse(_ reason: WorkflowError.Reason) -> Result<Claim, WorkflowError> {
            .failure(WorkflowError(kind: event.kind, key: event.key, reason: reason))
        }
        if let claim, event.basis != claim.version, let last = claim.history.last {
            return refuse(.stale(by: last.actor, at: last.time, kind: last.kind))
        }
        var next = claim
        switch event.kind {
        case .submitted, .resubmitted:
            let state = claim?.state ?? .withdrawn
            let allowed: Bool
            switch (event.kind, state) {
            case (.submitted, .withdrawn), (.submitted, .pending), (.resubmitted, .returned): allowed = true
            default: allowed = false
            }
            guard allowed else { return claim == nil ? refuse(.noClaim) : refuse(.wrongState(state)) }
            guard let funds = event.funds else { return refuse(.missingFunds) }
            if let problem = quantityProblem(event.quantity, item: context.item) { return refuse(.quantity(problem)) }
            let round = event.kind == .resubmitted ? (claim?.round ?? 0) + 1 : max(claim?.round ?? 1, 1)
            var updated = claim ?? Claim(school: event.school, item: event.item, quantity: nil, funds: .zero)
            updated.quantity = event.quantity
            updated.funds = funds
            updated.state = .pending
            updated.round = round
            next = updated
        case .withdrawn:
            guard let claim, claim.state == .pending else { return refuse(claim.map { .wrongState($0.state) } ?? .noClaim) }
            guard event.time.day <= context.end else { return refuse(.campaignClosed(end: context.end)) }
            guard !context.schoolReviewed else { return refuse(.schoolUnderReview) }
            next?.state = .withdrawn
        case .approved, .returned:
            guard let claim, claim.isActive else { return refuse(.noClaim) }
            if claim.state.isDecided, let last = claim.lastDecision {
                return refuse(.alreadyDecided(by: last.actor, at: last.time, kind: last.kind))
            }
            guard claim.state == .pending else { return refuse(.wrongState(claim.state)) }
            if event.kind == .approved {
                next?.state = .approved
            } else {
                let comment = InputText.trim(event.comment ?? "")
                guard !comment.isEmpty else { return refuse(.emptyComment) }
                next?.state = .returned(comment: comment)
            }
        case .reopened:
            guard let claim, claim.isActive else { return refuse(.noClaim) }
            guard claim.state.isDecided else { return refuse(.wrongState(claim.state)) }
            guard let last = claim.history.last, last.kind == .approved || last.kind == .returned else {
                return refuse(.schoolActedSince)
            }
            next?.state = .pending
        }
        guard var result = next else { return refuse(.noClaim) }
        var recorded = event
        recorded.round = result.round
        recorded.seen = claim?.state
        result.history.append(recorded)
        return .success(result)
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
