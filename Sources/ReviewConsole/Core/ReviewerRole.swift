import ClaimKit

/// What the reviewer's role makes its work: the province decides 待审核 claims, a city reviewer the
/// 待市级审核 claims of its city. The keys are the same; the role gives them their meaning.
extension ConsoleState {
    /// True for a city reviewer's console (市级预审).
    public var isCityReviewer: Bool {
        if case .city = role { return true }
        return false
    }

    /// The state of the claims this reviewer decides: its queue.
    public var workState: ReviewState { isCityReviewer ? .cityPending : .pending }

    /// What `a` and `A` record: 通过 for the province, 市级审核通过 for a city.
    public var approvalKind: ReviewEvent.Kind { isCityReviewer ? .passed : .approved }

    /// How many of a group's claims wait for this reviewer.
    public func waiting(_ t: Tally) -> Int { isCityReviewer ? t.cityPending : t.pending }

    /// True when `u` may take this reviewer's decisions back: only the province reopens.
    var mayReopen: Bool { !isCityReviewer }

    /// The decision the console names beside a claim it will not decide: the standing decision, or the city's pass.
    static func lastStep(_ claim: Claim) -> Claim.LastEvent? {
        claim.lastDecision ?? (claim.last?.kind == .passed ? claim.last : nil)
    }
}
