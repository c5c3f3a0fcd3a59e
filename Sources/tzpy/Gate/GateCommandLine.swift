/// Splits the command an SSH client sent ($SSH_ORIGINAL_COMMAND) into words the way a POSIX shell
/// would quote them — white space separates, '…' is literal, "…" honours \" and \\, a backslash escapes
/// the next character — but never expands, substitutes or runs anything: `sh -c id` is three words.
enum GateCommandLine {
    struct Unbalanced: Error, CustomStringConvertible {
        let description = "命令中的引号不成对"
    }

    static func split(_ line: String) throws(Unbalanced) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                // Inside "…" a backslash escapes only " and \ (POSIX also lists $ and `, which mean nothing here).
                if quote == "\"" && ch != "\"" && ch != "\\" { word.append("\\") }
                word.append(ch)
                escaped = false
                continue
            }
            switch (quote, ch) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                word.append(ch)
            case ("\"", "\\"):
                escaped = true
            case ("\"", _):
                word.append(ch)
            case (nil, "'"), (nil, "\""):
                quote = ch
                inWord = true
            case (nil, "\\"):
                escaped = true
                inWord = true
            case (nil, _) where ch.isWhitespace:
                if inWord { words.append(word); word = ""; inWord = false }
            default:
                word.append(ch)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { throw Unbalanced() }
        if inWord { words.append(word) }
        return words
    }
}
