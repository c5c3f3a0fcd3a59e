import ClaimKit

/// A yes/no question before something that cannot be taken back lightly; only `y` says yes, so a stray
/// Enter (after an Esc that ended an editor, say) never quits or approves.
public struct Confirmation: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case quit
        /// Approve these pending claims at once: their count, money and the ones carrying warnings.
        case approve(BulkApproval)
        /// Submit the school's claims (school mode's 提交): how many items, and the write.
        case submit(SchoolWrite)
        /// Withdraw the school's submission to edit it (继续修改).
        case withdraw([Decision])
    }

    public let purpose: Purpose

    public init(_ purpose: Purpose) { self.purpose = purpose }

    public enum Outcome: Equatable, Sendable { case confirmed, cancelled }

    public func handle(_ key: Key) -> Outcome { Keymap.confirms(key) ? .confirmed : .cancelled }
}

/// What a bulk approval would approve, as the confirmation shows it.
public struct BulkApproval: Equatable, Sendable {
    public let claims: [ClaimKey]
    /// True when the reviewer tagged them (false: every pending claim of the school).
    public let tagged: Bool
    public let money: Money
    /// The claims among them that carry warnings, in list order.
    public let warned: [ClaimKey]
}
