/// What a resubmission changed: each figure of the previous round beside the new one, the return comment
/// between them, and the figures that comment named but the school left as they were.
public struct RoundChange: Equatable, Sendable {
    /// One figure in both rounds.
    public struct Field: Equatable, Sendable {
        /// The platform's label: 承接数量, 汇总, 学校自筹 …
        public let label: String
        public let before: String
        public let after: String

        public var changed: Bool { before != after }
    }

    /// The round the claim is in now (≥ 2).
    public let round: Int
    /// 承接数量, 汇总 and the four funds, in the platform's column order.
    public let fields: [Field]
    /// The 修改意见 the claim was returned with before this round.
    public let comment: String?
    /// Labels the comment names whose figure did not change (`举办方投入 未修改`).
    public let unchangedNamed: [String]

    /// The labels a comment can name, longest first so that 汇总金额 is not read as 汇总 alone.
    static let labels = ["承接数量", "汇总"] + Funds.partLabels

    /// The change into the claim's current round, from its history (oldest first); nil before a resubmission.
    public init?(history: [ReviewEvent]) {
        let submissions = history.enumerated().filter { $0.element.funds != nil }
        guard submissions.count >= 2, let last = history.last(where: { $0.funds != nil }), last.round >= 2 else { return nil }
        let (newIndex, new) = submissions[submissions.count - 1]
        let (oldIndex, old) = submissions[submissions.count - 2]
        let newFunds = new.funds!, oldFunds = old.funds!
        func quantity(_ q: Int?) -> String { q.map(String.init) ?? "-" }
        var fields = [Field(label: "承接数量", before: quantity(old.quantity), after: quantity(new.quantity)),
                      Field(label: "汇总", before: "\(oldFunds.total)", after: "\(newFunds.total)")]
        for (label, (b, a)) in zip(Funds.partLabels, zip(oldFunds.parts, newFunds.parts)) {
            fields.append(Field(label: label, before: "\(b)", after: "\(a)"))
        }
        let comment = history[oldIndex..<newIndex].last { $0.kind == .returned }?.comment
        round = new.round
        self.fields = fields
        self.comment = comment
        unchangedNamed = comment.map { text in
            fields.filter { !$0.changed && text.contains($0.label) }.map(\.label)
        } ?? []
    }
}
