/// East Asian Ambiguous characters (the catalog's “ ” quotes, ·, …) are one column to ncursesw in
/// C.UTF-8, but many Chinese SSH clients draw them two wide, which shifts every column after them.
/// With `wide` on, tzpy substitutes unambiguous full-width forms on screen so the layout holds on both.
public enum AmbiguousWidth {
    static let substitutes: [Character: Character] = [
        "“": "「", "”": "」", "‘": "『", "’": "』", "·": "・", "…": "⋯", "—": "－", "×": "＊", "°": "゜",
    ]

    /// `text` as it should be drawn: unchanged when `wide` is off, with substitutes when on.
    public static func screenText(_ text: String, wide: Bool) -> String {
        guard wide, text.contains(where: { substitutes[$0] != nil }) else { return text }
        return String(text.map { substitutes[$0] ?? $0 })
    }
}
