/// 省厅审核情况: where a claim stands in the province's review.
public enum ReviewState: Hashable, Sendable {
    /// 待审核: submitted, waiting for a reviewer.
    case pending
    /// 已通过.
    case approved
    /// 退回修改, with the reviewer's 修改意见.
    case returned(comment: String)
    /// Taken back by the school before review; counts nowhere until submitted again.
    case withdrawn
    /// 待市级审核: a 中职学校's claim waiting for its city's pre-review (campaign `city-review on`) before it
    /// reaches the province's queue.
    case cityPending

    /// The word the journal and `--json` use: pending, approved, returned, withdrawn, city-pending.
    public var word: String {
        switch self {
        case .pending: "pending"
        case .approved: "approved"
        case .returned: "returned"
        case .withdrawn: "withdrawn"
        case .cityPending: "city-pending"
        }
    }

    /// The platform's label: 待审核, 已通过, 退回修改, 已撤回, 待市级审核.
    public var label: String {
        switch self {
        case .pending: "待审核"
        case .approved: "已通过"
        case .returned: "退回修改"
        case .withdrawn: "已撤回"
        case .cityPending: "待市级审核"
        }
    }

    /// True while the claim waits for a reviewer (待审核 or 待市级审核): what a school may still withdraw.
    public var isWaiting: Bool { self == .pending || self == .cityPending }

    /// True for a reviewer's decision (approved or returned).
    public var isDecided: Bool {
        switch self {
        case .approved, .returned: true
        default: false
        }
    }
}

/// A `ReviewState` without the return's comment: one byte in the ledger's compact claim table.
/// New codes go last, so the existing ones keep their numbers.
enum StateCode: UInt8, Sendable {
    case pending, approved, returned, withdrawn, cityPending

    init(_ state: ReviewState) {
        switch state {
        case .pending: self = .pending
        case .approved: self = .approved
        case .returned: self = .returned
        case .withdrawn: self = .withdrawn
        case .cityPending: self = .cityPending
        }
    }

    var isDecided: Bool { self == .approved || self == .returned }

    /// The full state, given the comment of a return.
    func state(comment: @autoclosure () -> String) -> ReviewState {
        switch self {
        case .pending: .pending
        case .approved: .approved
        case .returned: .returned(comment: comment())
        case .withdrawn: .withdrawn
        case .cityPending: .cityPending
        }
    }
}
