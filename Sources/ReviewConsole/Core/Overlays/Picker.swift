import ClaimKit

/// One entry of a picker: the value it stands for (the view names it), so a list that changes while the
/// picker is open can never apply another entry than the one highlighted.
public enum PickerChoice: Hashable, Sendable {
    case allSchools
    case status(SchoolReviewStatus)
    case city(String)
    case type(SchoolType)
    /// Turns a flag on or off (the others and the dimensions stay).
    case flag(SchoolFlag)
    case sort(SchoolSort)
    /// An order for a table other than the school list.
    case order(TableSort)
}

/// A list to choose one entry from (filters, sort orders).
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case filter, sort }
    public let purpose: Purpose
    public let options: [PickerChoice]
    public var cursor = 0

    public init(_ purpose: Purpose, options: [PickerChoice], cursor: Int = 0) {
        self.purpose = purpose
        self.options = options
        self.cursor = max(0, min(cursor, options.count - 1))
    }

    public enum Outcome: Equatable, Sendable {
        case moved
        case chosen(PickerChoice)
        case cancelled
    }

    /// Moves on the table's movement keys, chooses on Enter, closes on Esc or q; any other key is ignored
    /// (a picker never closes silently under a navigation key).
    public mutating func handle(_ key: Key) -> Outcome {
        if key == .enter, options.indices.contains(cursor) { return .chosen(options[cursor]) }
        if Keymap.closes(key) { return .cancelled }
        let last = options.count - 1
        switch Keymap.command(for: key) {
        case .down?: cursor = min(last, cursor + 1)
        case .up?: cursor = max(0, cursor - 1)
        case .pageDown?: cursor = min(last, cursor + 10)
        case .pageUp?: cursor = max(0, cursor - 10)
        case .top?: cursor = 0
        case .bottom?: cursor = max(0, last)
        default: break
        }
        return .moved
    }
}
