import ClaimKit

/// A popup or prompt over the current page; while one is open it takes the keys. Each case holds a child
/// with its own `handle(key) -> Outcome`; the reducer acts on the outcome.
public enum Overlay: Equatable, Sendable {
    case help(Scroller)
    case detail(ClaimKey, Scroller)
    case comment(CommentEditor)
    case confirm(Confirmation)
    case search(SearchPrompt)
    case picker(Picker)
}
