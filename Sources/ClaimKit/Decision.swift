/// What a school or a reviewer asks the store to record about one claim, before the store numbers and
/// stamps it: the event without its seq, time, actor and round, which only the store may set.
public struct Decision: Hashable, Sendable {
    public var kind: ReviewEvent.Kind
    public var key: ClaimKey
    /// The claim's state the actor saw (nil: no claim yet).
    public var seen: ReviewState?
    /// The seq of the claim's last event the actor saw (0: none); a newer one is a conflict.
    public var basis: Int
    /// 承接数量 of a submission on a countable item.
    public var quantity: Int?
    /// Funds of a submission.
    public var funds: Funds?
    /// The 修改意见 of a return, or a note on any other event.
    public var comment: String?
    /// What a `drafted` event saves.
    public var draft: DraftEntry?

    public init(_ kind: ReviewEvent.Kind, _ key: ClaimKey, seen: ReviewState? = nil, basis: Int = 0,
                quantity: Int? = nil, funds: Funds? = nil, comment: String? = nil, draft: DraftEntry? = nil) {
        self.kind = kind
        self.key = key
        self.seen = seen
        self.basis = basis
        self.quantity = quantity
        self.funds = funds
        self.comment = comment
        self.draft = draft
    }

    /// A school saving (保存) what it typed for one item; a cleared entry forgets the item's draft.
    public static func save(_ entry: DraftEntry, _ key: ClaimKey, comment: String? = nil) -> Decision {
        Decision(.drafted, key, comment: comment, draft: entry)
    }

    /// A reviewer's decision on `claim` as the reviewer sees it (approve, return, reopen).
    public static func on(_ claim: Claim, _ kind: ReviewEvent.Kind, comment: String? = nil) -> Decision {
        Decision(kind, claim.key, seen: claim.state, basis: claim.version, comment: comment)
    }

    /// The event this decision becomes once the store has numbered and stamped it (the workflow sets the round).
    public func event(seq: Int, time: Timestamp, actor: String) -> ReviewEvent {
        ReviewEvent(seq: seq, time: time, actor: actor, school: key.school, item: key.item, kind: kind, seen: seen,
                    basis: basis, quantity: quantity, funds: funds, comment: comment, draft: draft)
    }
}
