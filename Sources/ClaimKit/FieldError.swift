/// A value that does not fit its field: names the field, what was expected and what was found.
///
/// Every input rule in ClaimKit reports through this one type so that callers (the store, the
/// importer, the console) can prefix a file, line or cell and show the same sentence everywhere.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's label as the platform shows it, e.g. `办公电话`.
    public let field: String
    /// What the field accepts, e.g. `区号-号码，如 010-87654321`.
    public let expected: String
    /// The text that was given, as given.
    public let found: String

    public init(field: String, expected: String, found: String) {
        self.field = field
        self.expected = expected
        self.found = found
    }

    public var description: String {
        "\(field)：应为\(expected)，实际为「\(found)」"
    }
}
