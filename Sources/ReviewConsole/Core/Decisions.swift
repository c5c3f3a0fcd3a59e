import ClaimKit

/// Approving, returning, bulk approval and undo: what is asked of the store, and where the cursor goes
/// once the store has answered.
extension ConsoleState {
    /// The claim under the cursor if it waits for this reviewer (`workState`), or nil with the reason on the message line.
    private mutating func pendingClaim(_ ledger: Ledger) -> Claim? {
        if readOnly { message = .readOnly(nil); return nil }
        guard let key = PageRows.claimKey(page, self, ledger), let claim = ledger.claim(key) else {
            message = .noClaim
            return nil
        }
        guard claim.state == workState else {
            message = .notPending(claim.state, ConsoleState.lastStep(claim))
            return nil
        }
        return claim
    }

    private mutating func send(_ decisions: [Decision]) -> [Effect] {
        saving += 1
        message = .saving
        return [.record(decisions)]
    }

    mutating func approve(_ ledger: Ledger) -> [Effect] {
        guard let claim = pendingClaim(ledger) else { return [] }
        return send([.on(claim, approvalKind)])
    }

    mutating func startReturn(_ ledger: Ledger) {
        guard let claim = pendingClaim(ledger) else { return }
        overlay = .comment(CommentEditor(claim.key))
    }

    mutating func returnClaim(_ key: ClaimKey, comment: String, _ ledger: Ledger) -> [Effect] {
        guard let claim = ledger.claim(key), claim.state == workState else {
            message = .notPending(ledger.claim(key)?.state ?? .withdrawn, ledger.claim(key).flatMap(ConsoleState.lastStep))
            return []
        }
        return send([.on(claim, .returned, comment: comment)])
    }

    /// `u`: takes back this reviewer's latest write still standing — one claim, or a whole bulk approval in one
    /// batch — and puts the cursor back on the (first) claim.
    mutating func undo(_ ledger: Ledger) -> [Effect] {
        if readOnly { message = .readOnly(nil); return [] }
        while let keys = myDecisions.last {
            let standing = keys.compactMap { ledger.claim($0) }.filter { claim in
                guard let last = claim.last else { return false }
                return last.actor == reviewer && (last.kind == .approved || last.kind == .returned)
            }
            if !standing.isEmpty { return send(standing.map { .on($0, .reopened) }) }
            myDecisions.removeLast()
        }
        message = .nothingToUndo
        return []
    }

    /// `A`: the tagged claims of the page, or with none tagged every claim of the school page waiting for this
    /// reviewer (never of an item's whole list); asks first, showing count, money and warnings.
    mutating func confirmApproveAll(_ ledger: Ledger) {
        if readOnly { message = .readOnly(nil); return }
        let listed = PageRows.claimKeys(page, self, ledger)
        let tagged = listed.filter { tags.contains($0) }
        let onSchool: Bool
        if case .school = page.kind { onSchool = true } else { onSchool = false }
        guard !tagged.isEmpty || onSchool else { message = .notHere(.approveAll); return }
        let claims = (tagged.isEmpty ? listed : tagged).compactMap { ledger.claim($0) }.filter { $0.state == workState }
        guard !claims.isEmpty else { message = .nothingToApprove; return }
        let money = claims.reduce(Money.zero) { $0 + $1.funds.total }
        let warned = claims.filter { !ledger.warnings(for: $0).isEmpty }.map(\.key)
        overlay = .confirm(Confirmation(.approve(BulkApproval(claims: claims.map(\.key), tagged: !tagged.isEmpty,
                                                               money: money, warned: warned))))
    }

    /// The confirmed bulk approval: the claims still waiting, as one all-or-nothing write.
    mutating func approveAll(_ bulk: BulkApproval, _ ledger: Ledger) -> [Effect] {
        let decisions = bulk.claims.compactMap { ledger.claim($0) }.filter { $0.state == workState }.map { Decision.on($0, approvalKind) }
        guard !decisions.isEmpty else { message = .nothingToApprove; return [] }
        return send(decisions)
    }

    /// The store's answer to this console's write: remembered for `u`, untagged, and the cursor on the next work.
    mutating func recorded(_ events: [ReviewEvent], _ ledger: Ledger) {
        message = .saved(events, schoolDone: false)
        tags.subtract(events.map(\.key))
        let decided = events.filter { $0.kind == .approved || $0.kind == .returned || $0.kind == .passed }.map(\.key)
        let reopened = Set(events.filter { $0.kind == .reopened }.map(\.key))
        if !decided.isEmpty, mayReopen { myDecisions.append(decided) }
        if !reopened.isEmpty {
            myDecisions = myDecisions.map { $0.filter { !reopened.contains($0) } }.filter { !$0.isEmpty }
        }
        guard page.kind.listsClaims else { return reanchor(ledger) }
        let keys = PageRows.claimKeys(page, self, ledger)
        if let first = events.first, first.kind == .reopened, let row = keys.firstIndex(of: first.key) {
            return move(to: row, ledger)
        }
        guard decided.count == 1, let row = keys.firstIndex(of: decided[0]) else { return reanchor(ledger) }
        if !landOnWork(after: row, ledger), case .school = page.kind { message = .saved(events, schoolDone: true) }
    }
}
