@testable import ClaimKit

/// The ledger as it was before the compact table: a dictionary of claims keyed by two Strings, each claim
/// holding its whole history, and the workflow's rules written against that history. Kept for tests only,
/// as the oracle the dense ledger must agree with event by event.
struct ReferenceLedger {
    struct Entry: Equatable {
        var quantity: Int?
        var funds: Funds
        var state: ReviewState
        var round: Int
        var history: [ReviewEvent]

        var version: Int { history.last?.seq ?? 0 }
        var lastDecision: ReviewEvent? {
            guard state.isDecided else { return nil }
            return history.last { $0.kind == .approved || $0.kind == .returned }
        }
        /// A city passed the current submission: a `passed` after the last submission in the history.
        var cityPassed: Bool {
            guard let last = history.lastIndex(where: { $0.kind == .submitted || $0.kind == .resubmitted }) else { return false }
            return history[last...].contains { $0.kind == .passed }
        }
    }

    let campaign: Campaign
    let schools: [String: School]
    private(set) var claims: [ClaimKey: Entry] = [:]
    private(set) var lastSeq = 0
    /// Schools under review now: a claim approved or returned, passed by its city, or past round 1 (they
    /// cannot withdraw).
    var reviewedSchools: Set<String> {
        Set(claims.filter { $0.value.state.isDecided || $0.value.round > 1 || ($0.value.cityPassed && $0.value.state != .withdrawn) }
            .map(\.key.school))
    }

    init(campaign: Campaign, schools: [School]) {
        self.campaign = campaign
        self.schools = Dictionary(uniqueKeysWithValues: schools.map { ($0.code, $0) })
    }

    /// Applies `event` as the old `Ledger.apply` did; returns the event as recorded, or the refusal.
    mutating func apply(_ event: ReviewEvent) -> Result<ReviewEvent, LedgerError> {
        guard event.seq == lastSeq + 1 else { return .failure(.sequence(expected: lastSeq + 1, found: event.seq)) }
        guard schools[event.school] != nil else { return .failure(.unknownSchool(event.school)) }
        guard let item = campaign.catalog.item(event.item) else { return .failure(.unknownItem(event.item)) }
        let reviewed = event.kind == .withdrawn && reviewedSchools.contains(event.school)
        let viaCity = campaign.cityReview && schools[event.school]!.type == .secondary
        switch step(event, claims[event.key], item: item, reviewed: reviewed, viaCity: viaCity) {
        case .failure(let e): return .failure(.workflow(e))
        case .success(let entry):
            claims[event.key] = entry
            lastSeq = event.seq
            return .success(entry.history.last!)
        }
    }

    /// The old `Workflow.apply`, on entries with their history.
    private func step(_ event: ReviewEvent, _ claim: Entry?, item: TaskItem, reviewed: Bool, viaCity: Bool) -> Result<Entry, WorkflowError> {
        func refuse(_ reason: WorkflowError.Reason) -> Result<Entry, WorkflowError> {
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
            case (.submitted, .withdrawn), (.submitted, .pending), (.submitted, .cityPending), (.resubmitted, .returned): allowed = true
            default: allowed = false
            }
            guard allowed else { return claim == nil ? refuse(.noClaim) : refuse(.wrongState(state)) }
            guard let funds = event.funds else { return refuse(.missingFunds) }
            if let problem = Workflow.quantityProblem(event.quantity, item: item) { return refuse(.quantity(problem)) }
            let round = event.kind == .resubmitted ? (claim?.round ?? 0) + 1 : max(claim?.round ?? 1, 1)
            var updated = claim ?? Entry(quantity: nil, funds: .zero, state: .pending, round: 1, history: [])
            updated.quantity = event.quantity
            updated.funds = funds
            updated.state = viaCity ? .cityPending : .pending
            updated.round = round
            next = updated
        case .withdrawn:
            guard let claim, claim.state == .pending || claim.state == .cityPending else {
                return refuse(claim.map { .wrongState($0.state) } ?? .noClaim)
            }
            guard event.time.beijingDay <= campaign.end else { return refuse(.campaignClosed(end: campaign.end)) }
            guard !reviewed else { return refuse(.schoolUnderReview) }
            next?.state = .withdrawn
        case .approved, .returned:
            guard let claim, claim.state != .withdrawn else { return refuse(.noClaim) }
            if claim.state.isDecided, let last = claim.lastDecision {
                return refuse(.alreadyDecided(by: last.actor, at: last.time, kind: last.kind))
            }
            let fromCity = claim.state == .cityPending && event.kind == .returned
            guard claim.state == .pending || fromCity else { return refuse(.wrongState(claim.state)) }
            if event.kind == .approved {
                next?.state = .approved
            } else {
                let comment = InputText.trim(event.comment ?? "")
                guard !comment.isEmpty else { return refuse(.emptyComment) }
                next?.state = .returned(comment: comment)
            }
        case .reopened:
            guard let claim, claim.state != .withdrawn else { return refuse(.noClaim) }
            guard claim.state.isDecided else { return refuse(.wrongState(claim.state)) }
            guard let last = claim.history.last, last.kind == .approved || last.kind == .returned else {
                return refuse(.schoolActedSince)
            }
            // Back to whoever returned it: the city when the return was made on a city-pending claim.
            let byCity = claim.state.isDecided && last.kind == .returned && last.seen == .cityPending
            next?.state = byCity ? .cityPending : .pending
        case .passed:
            guard let claim, claim.state != .withdrawn else { return refuse(.noClaim) }
            if let last = claim.history.last, claim.state.isDecided ? claim.lastDecision != nil : last.kind == .passed && claim.state == .pending {
                return refuse(.alreadyDecided(by: last.actor, at: last.time, kind: last.kind))
            }
            guard claim.state == .cityPending else { return refuse(.wrongState(claim.state)) }
            next?.state = .pending
        case .drafted:
            // The oracle knows claim steps only; the random journals it checks hold no drafts.
            return refuse(.noClaim)
        }
        guard var result = next else { return refuse(.noClaim) }
        var recorded = event
        recorded.round = result.round
        recorded.seen = claim?.state
        result.history.append(recorded)
        return .success(result)
    }

    /// The totals recounted from the entries, as the old ledger computed them.
    var totals: Totals {
        Totals.recompute(claims.map { key, e in Claim(school: key.school, item: key.item, quantity: e.quantity, funds: e.funds,
                                                       state: e.state, round: e.round) },
                         task: { campaign.catalog.item($0.item)!.task }, school: { schools[$0.school]! })
    }
}
