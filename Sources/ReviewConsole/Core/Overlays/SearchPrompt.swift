/// The `/` prompt: a line editor whose every change searches from the cursor.
public struct SearchPrompt: Equatable, Sendable {
    public var editor = LineEditor()

    public init() {}

    public enum Outcome: Equatable, Sendable {
        case changed(String)
        case done(String)
        case cancelled
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape, .ctrl("c"): return .cancelled
        case .enter: return .done(editor.text)
        default:
            editor.handle(key)
            return .changed(editor.text)
        }
    }
}
