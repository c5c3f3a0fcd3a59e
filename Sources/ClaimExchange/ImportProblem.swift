import ClaimKit
import Sheets

/// One thing wrong with an imported file, at the cell or line where it is.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SheetLocation
    /// What was expected and what was found, e.g. `学校自筹：应为…，实际为「abc」`.
    public let message: String

    public init(_ location: SheetLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public init(_ location: SheetLocation, _ error: FieldError) {
        self.init(location, error.description)
    }

    public var description: String { "\(location)：\(message)" }
}
