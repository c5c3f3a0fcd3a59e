/// The escape sequences terminals send for the editing and paging keys, beyond what their terminfo entry
/// says: tmux, screen, the Linux console and PuTTY send Home as `ESC [ 1 ~` while `TERM=xterm*` expects
/// `ESC O H`. The driver teaches ncurses every form here, and reads whatever else starts with ESC as one
/// unknown sequence (ignored), never as a bare Esc followed by stray characters.
public enum EscapeSequences {
    /// Each sequence (without the leading ESC) and the key it means.
    public static let known: [(sequence: String, key: Key)] = [
        ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
        ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
        ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left),
        ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left),
        ("[Z", .backTab),
    ]

    static let index: [String: Key] = Dictionary(known.map { ($0.sequence, $0.key) }, uniquingKeysWith: { a, _ in a })

    /// What the bytes after an ESC mean: a known key, or nil for an unknown sequence (to be ignored).
    public static func key(after escape: String) -> Key? { index[escape] }

    /// True once `partial` (what followed an ESC so far) is a whole sequence: `[` or `O` then parameters
    /// ending in a final byte (0x40–0x7E), or any other single character (Alt-key).
    public static func isComplete(_ partial: String) -> Bool {
        let scalars = Array(partial.unicodeScalars)
        guard let first = scalars.first else { return false }
        guard first == "[" || first == "O" else { return true }
        guard scalars.count >= 2, let last = scalars.last else { return false }
        if first == "O" { return true }
        // CSI ends at its first final byte after the `[`; `ESC [ [` (the Linux console's F1–F5) takes one more.
        return (0x40...0x7E).contains(last.value) && !(scalars.count == 2 && last == "[")
    }
}
