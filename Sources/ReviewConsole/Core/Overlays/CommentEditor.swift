import ClaimKit

/// The 修改意见 editor of a return: a line editor, the frequent reasons by digit, and a question before
/// text is thrown away.
public struct CommentEditor: Equatable, Sendable {
    public var editor: LineEditor
    public let key: ClaimKey
    /// Esc or Ctrl-C was pressed with text in the editor: `y` throws it away, any other key goes back to it.
    public var askingDiscard = false

    public init(_ key: ClaimKey, text: String = "") {
        self.key = key
        editor = LineEditor(text, limit: CommentText.limit)
    }

    public enum Outcome: Equatable, Sendable {
        case editing
        /// Enter on a valid comment: the cleaned text to record.
        case submit(String)
        case cancelled
        /// Enter or a key refused, and why.
        case problem(Message)
    }

    public mutating func handle(_ key: Key, reasons: [String]) -> Outcome {
        if askingDiscard {
            askingDiscard = false
            return Keymap.confirms(key) ? .cancelled : .editing
        }
        switch key {
        case .escape, .ctrl("c"):
            if editor.text.isEmpty { return .cancelled }
            askingDiscard = true
            return .editing
        case .enter:
            let text: String
            do { text = try CommentText.validate(editor.text) } catch { return .problem(.commentInvalid(error.description)) }
            return text.isEmpty ? .problem(.emptyComment) : .submit(text)
        case .char(let c) where editor.text.isEmpty && c.isASCII && c.isNumber:
            let n = Int(String(c))! - 1
            if reasons.indices.contains(n) { editor = LineEditor(reasons[n], limit: CommentText.limit) }
            return .editing
        case .char where editor.isFull:
            return .problem(.commentTooLong)
        default:
            editor.handle(key)
            return .editing
        }
    }
}
