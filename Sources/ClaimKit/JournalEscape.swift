/// The journal's escaping of its free-text fields (actor, comment): `\` TAB LF CR as `\\ \t \n \r`.
///
/// It works on UTF-8 bytes, not on characters: a combining mark after a TAB or a backslash forms one
/// character with it, which a character-wise escape would leave unescaped or, on reading, join to the
/// escape letter (`\t` + U+0301 read back as `t́`).
public enum JournalEscape {
    /// `s` with `\` TAB LF CR escaped.
    public static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of escaped bytes; a `\` before any other character stands for that character, a last lone `\` is dropped.
    public static func unescape(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaping = false
        for b in bytes {
            if escaping {
                switch b {
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                default: out.append(b)
                }
                escaping = false
            } else if b == 0x5C {
                escaping = true
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
