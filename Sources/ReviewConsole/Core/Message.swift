import ClaimKit
import ClaimStore

/// The line at the bottom: what came of the last key or write, as a value. The view turns it into Chinese
/// from its strings table; the reducer never composes text.
public enum Message: Equatable, Sendable {
    /// How a message is drawn.
    public enum Tone: Equatable, Sendable { case info, success, error, notice }

    case saving
    /// The store wrote these events durably; `schoolDone` when they decided the school's last pending claim.
    case saved([ReviewEvent], schoolDone: Bool)
    /// The store refused a write: a conflict (someone decided first), a role's refusal, a disk error.
    case refused(StoreError)
    /// The store is read-only (why, when known): nothing can be decided here.
    case readOnly(String?)
    /// Other people's newest event, and how many more came with it.
    case othersActed(ReviewEvent, more: Int)
    case followFailed(String)
    case exporting
    case exported(path: String, rows: Int)
    case exportFailed(String)
    case unknownKey(Key)
    /// The key does nothing on this page; the page kinds where it does.
    case notHere(Command)
    case noClaim
    /// The claim under the cursor is not pending: its state and the decision that made it so.
    case notPending(ReviewState, Claim.LastEvent?)
    case nothingToUndo
    case nothingToApprove
    case bulkCancelled
    case returnCancelled
    case emptyComment
    case commentTooLong
    case commentInvalid(String)
    case noPendingSchool
    case searchFirst
    case noMatch
    case filtered(SchoolFilter)
    case sorted(SchoolSort, descending: Bool)
    /// A table's new order, and whether it now runs from the largest down.
    case ordered(TableSort, descending: Bool)
    case wideSymbols(Bool)
    /// School mode: drafts saved (how many items), and whether the contacts were saved with them.
    case draftSaved(items: Int, contacts: Bool)
    /// School mode: nothing changed since the last 保存.
    case nothingToSave
    /// School mode: the claims submitted (提交 or 重新提交), how many.
    case submitted(Int)
    /// School mode: the submission taken back to edit (继续修改), how many claims.
    case withdrawn(Int)
    /// School mode: 提交 refused; the problems are listed on screen.
    case submitRefused(Int)
    /// School mode: 继续修改 is not possible (review started, or past the end date): ask the province.
    case withdrawRefused(reviewStarted: Bool, end: Day, byCity: Bool = false)
    /// School mode: a field of the inline form does not parse.
    case fieldInvalid(FieldError)
    /// School mode: the key works on other screens.
    case notOnScreen(SchoolCommand)
    /// School mode: a cancelled 提交 or 继续修改.
    case cancelled
    /// School mode: this item cannot be ticked (an approved or pending claim stands).
    case itemLocked(ReviewState)

    public var tone: Tone {
        switch self {
        case .saved, .exported, .draftSaved, .submitted, .withdrawn: .success
        case .submitRefused, .withdrawRefused, .fieldInvalid: .error
        case .refused(let e): e.isConflict ? .notice : .error
        case .readOnly, .followFailed, .exportFailed, .emptyComment, .commentTooLong, .commentInvalid: .error
        case .othersActed: .notice
        default: .info
        }
    }
}

extension StoreError {
    /// True when the write was refused because someone else changed the claim first.
    public var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }
}
