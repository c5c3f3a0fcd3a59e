import TerminalText

/// The one way out to stdout for every command: this `print` shadows the standard library's everywhere in
/// the tzpy module, so each line a command prints — tables, messages, JSON, and those of commands added later
/// — passes `Sanitizer.lines` and no control character from a file or a person reaches the terminal as
/// itself. Line breaks stay; text that must stay on one line (a file name, a problem, an actor) is put
/// through `Sanitizer.line` where it is interpolated. stderr's counterpart is `warn`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(Sanitizer.lines(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
