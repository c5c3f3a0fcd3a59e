import ClaimKit
import Sheets
import TerminalText

/// One thing wrong with an imported file, at the cell or line where it is.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SheetLocation
    /// What was expected and what was found, e.g. `学校自筹：应为…，实际为「abc」`. Text taken from the file
    /// is quoted through `Sanitizer.echo`: controls shown as escapes, at most 80 columns.
    public let message: String

    public init(_ location: SheetLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public init(_ location: SheetLocation, _ error: FieldError) {
        self.init(location, error.echoed)
    }

    /// `FILE:SHEET!CELL：message` or `FILE:LINE：message`. The file and sheet names are as given: a caller
    /// that prints this on a terminal passes it through `Sanitizer.line`.
    public var description: String { "\(location)：\(message)" }
}

extension FieldError {
    /// `description` with the found text quoted as an import message quotes a cell (`Sanitizer.echo`).
    var echoed: String { FieldError(field: field, expected: expected, found: Sanitizer.echo(found)).description }
}
