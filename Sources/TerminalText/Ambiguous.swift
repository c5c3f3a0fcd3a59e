/// East Asian Ambiguous characters (the catalog's “ ” quotes, ·, …, arrows, box drawing) are one column to
/// ncursesw in C.UTF-8, but many Chinese SSH clients draw them two wide, which shifts every column after them.
/// With `wide` on, tzpy substitutes unambiguous forms on screen so the layout holds on both: full-width ones
/// where they exist (— as －), halfwidth arrows, and ASCII for –, ≥, ≤ and box borders.
public enum AmbiguousWidth {
    static let substitutes: [Character: String] = [
        "“": "「", "”": "」", "‘": "『", "’": "』", "·": "・", "…": "⋯", "—": "－", "–": "-", "×": "＊", "°": "゜",
        "≥": ">=", "≤": "<=", "←": "￩", "↑": "￪", "→": "￫", "↓": "￬",
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    ]

    /// The ellipsis that marks cut text in wide-symbols mode (… is ambiguous).
    public static let ellipsis: Character = "⋯"

    /// `text` as it should be drawn: unchanged when `wide` is off, with substitutes when on.
    public static func screenText(_ text: String, wide: Bool) -> String {
        guard wide, text.contains(where: { substitutes[$0] != nil }) else { return text }
        var out = ""
        for c in text {
            if let s = substitutes[c] { out += s } else { out.append(c) }
        }
        return out
    }
}
