/// One line of the review journal: something a school or a reviewer did to one claim.
public struct ReviewEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, CaseIterable, Sendable {
        /// The school submitted the claim (first time, after a withdrawal, or replacing a pending claim).
        case submitted
        /// The school took a pending claim back before review.
        case withdrawn
        /// A reviewer approved the claim (通过).
        case approved
        /// A reviewer returned the claim with a comment (退回修改).
        case returned
        /// The school submitted a returned claim again: a new round.
        case resubmitted
        /// A reviewer took back a decision the school had not acted on yet.
        case reopened
        /// A city reviewer passed a 中职学校's claim on to the province (市级审核通过).
        case passed
        /// The school saved what it typed for an item (保存): a draft, not a step of the claim (`DraftEntry`).
        case drafted = "draft"

        /// The Chinese verb shown in logs and notices.
        public var label: String {
            switch self {
            case .submitted: "提交"
            case .withdrawn: "撤回"
            case .approved: "通过"
            case .returned: "退回修改"
            case .resubmitted: "重新提交"
            case .reopened: "撤销审核"
            case .passed: "市级审核通过"
            case .drafted: "保存"
            }
        }

        /// True for the kinds a school performs.
        public var bySchool: Bool { self == .submitted || self == .withdrawn || self == .resubmitted || self == .drafted }

        /// The kinds that are steps of a claim's life (every kind but `drafted`).
        public static let claimSteps: [Kind] = allCases.filter { $0 != .drafted }
    }

    /// Position in the journal, from 1, without gaps.
    public var seq: Int
    public var time: Timestamp
    /// The Unix user who acted.
    public var actor: String
    public var school: String
    public var item: String
    /// The claim's round after this event (1 for a first submission; +1 per resubmission).
    public var round: Int
    public var kind: Kind
    /// The claim's state the actor saw when acting (nil: no claim yet).
    public var seen: ReviewState?
    /// The seq of the claim's last event the actor saw (0: none); a newer one means a conflict.
    public var basis: Int
    /// 承接数量 carried by submitted/resubmitted on a countable item.
    public var quantity: Int?
    /// Funds carried by submitted/resubmitted.
    public var funds: Funds?
    /// The 修改意见 of a return, or a note on any other event.
    public var comment: String?
    /// What a `drafted` event saves (nil on every other kind); `quantity` and `funds` stay nil on a draft.
    public var draft: DraftEntry?

    public init(seq: Int = 0, time: Timestamp, actor: String, school: String, item: String, round: Int = 0,
                kind: Kind, seen: ReviewState? = nil, basis: Int = 0, quantity: Int? = nil,
                funds: Funds? = nil, comment: String? = nil, draft: DraftEntry? = nil) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.school = school
        self.item = item
        self.round = round
        self.kind = kind
        self.seen = seen
        self.basis = basis
        self.quantity = quantity
        self.funds = funds
        self.comment = comment
        self.draft = draft
    }

    /// The claim this event is about.
    public var key: ClaimKey { ClaimKey(school: school, item: item) }
}

/// Identifies a claim: one school, one item.
public struct ClaimKey: Hashable, Sendable, CustomStringConvertible {
    public let school: String
    public let item: String

    public init(school: String, item: String) {
        self.school = school
        self.item = item
    }

    public var description: String { "\(school)/\(item)" }
}
