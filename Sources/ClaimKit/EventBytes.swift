/// One journal event as it lies in the journal's bytes: numbers parsed, text fields left where they are.
///
/// The replay's currency: `Ledger.apply(_: EventBytes)` finds the school, item and actor from the bytes,
/// so opening a store builds no `String` per event. Valid only while the bytes it points into are.
public struct EventBytes {
    public var seq: Int
    public var time: Timestamp
    public var kind: ReviewEvent.Kind
    /// The journal's `round` and `seen` fields: what the writer recorded (the replay recomputes both).
    public var round: Int
    public var seen: ReviewState?
    public var basis: Int
    public var quantity: Int?
    public var funds: Funds?
    /// The actor, escaped as the journal writes it.
    public var actor: UnsafeRawBufferPointer
    public var school: UnsafeRawBufferPointer
    public var item: UnsafeRawBufferPointer
    /// The comment, escaped; empty when there is none.
    public var comment: UnsafeRawBufferPointer
    /// What a `draft` event saves (nil on every other kind).
    public var draft: DraftEntry?

    @inlinable
    public init(seq: Int, time: Timestamp, kind: ReviewEvent.Kind, round: Int, seen: ReviewState?, basis: Int,
                quantity: Int?, funds: Funds?, actor: UnsafeRawBufferPointer, school: UnsafeRawBufferPointer,
                item: UnsafeRawBufferPointer, comment: UnsafeRawBufferPointer, draft: DraftEntry? = nil) {
        self.seq = seq
        self.time = time
        self.kind = kind
        self.round = round
        self.seen = seen
        self.basis = basis
        self.quantity = quantity
        self.funds = funds
        self.actor = actor
        self.school = school
        self.item = item
        self.comment = comment
        self.draft = draft
    }

    /// The comment's text (escapes undone), or nil when empty.
    public var commentText: String? {
        guard !comment.isEmpty else { return nil }
        let text = JournalEscape.unescape(comment)
        return text.isEmpty ? nil : text
    }

    /// The event as a value, with its Strings made.
    public var event: ReviewEvent {
        ReviewEvent(seq: seq, time: time, actor: JournalEscape.unescape(actor), school: String(decoding: school, as: UTF8.self),
                    item: String(decoding: item, as: UTF8.self), round: round, kind: kind, seen: seen, basis: basis,
                    quantity: quantity, funds: funds, comment: commentText, draft: draft)
    }
}
