/// Where a school's review stands, as the school list and the reports show it.
public enum SchoolReviewStatus: CaseIterable, Hashable, Sendable {
    case notSubmitted, cityPending, pending, inReview, done, hasReturns

    /// The status of the school whose claims add up to `tally` (nil: no claims).
    public init(_ tally: Tally?) {
        guard let t = tally, t.intended.claims > 0 else { self = .notSubmitted; return }
        if t.pending > 0 {
            self = t.decided > 0 ? .inReview : .pending
        } else if t.cityPending > 0 {
            self = t.decided > 0 ? .inReview : .cityPending
        } else {
            self = t.returned > 0 ? .hasReturns : .done
        }
    }

    /// 未提交 / 待市级审核 / 待审核 / 审核中 / 已完成 / 有退回.
    public var label: String {
        switch self {
        case .notSubmitted: "未提交"
        case .cityPending: "待市级审核"
        case .pending: "待审核"
        case .inReview: "审核中"
        case .done: "已完成"
        case .hasReturns: "有退回"
        }
    }
}
