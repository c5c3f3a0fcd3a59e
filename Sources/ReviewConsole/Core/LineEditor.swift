import TerminalText

/// A one-line text editor for Chinese comments: moves by character, knows double-width characters.
///
/// Backspace, Delete, ←/→, Home/End, Ctrl-A/Ctrl-E/Ctrl-U; Enter and Esc are handled by the caller.
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor, as an index into `characters` (0…count).
    public private(set) var cursor: Int
    /// The most characters typing may reach (nil: no limit); text given to `init` is kept whole.
    public let limit: Int?

    public init(_ text: String = "", limit: Int? = nil) {
        characters = Array(text)
        cursor = characters.count
        self.limit = limit
    }

    /// True when the text has reached `limit`: typed characters are refused until one is deleted.
    public var isFull: Bool { limit.map { characters.count >= $0 } ?? false }

    public var text: String { String(characters) }

    /// The cursor's column offset from the start of the text.
    public var cursorColumn: Int { column(of: cursor, widthOf: DisplayWidth.of) }

    func column(of index: Int, widthOf: (Character) -> Int) -> Int { characters[..<index].reduce(0) { $0 + widthOf($1) } }

    /// Applies an editing key; returns false when the key is not an editing key. A character typed into a full
    /// editor (`isFull`) is handled by leaving the text as it is.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
            if isFull { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        default:
            return false
        }
        return true
    }

    /// The visible part of the text in `width` columns, scrolled so the cursor and the character under it
    /// (which may be two columns wide) show, and the cursor's column within it. Never splits a wide character.
    /// `widthOf` measures a character as it will be drawn (the renderer's substitutes may widen it).
    public func window(width: Int, widthOf: (Character) -> Int = DisplayWidth.of) -> (text: String, cursor: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        var col = column(of: cursor, widthOf: widthOf)
        let under = cursor < characters.count ? max(1, widthOf(characters[cursor])) : 1
        while col + under > width, start < cursor {
            col -= widthOf(characters[start])
            start += 1
        }
        var out = ""
        var used = 0
        for c in characters[start...] {
            let w = widthOf(c)
            if used + w > width { break }
            out.append(c)
            used += w
        }
        return (out, col)
    }
}
